"""Every route under /api/, read from the URL configuration (what the matrix must cover)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

METHODS = ("get", "post", "put", "patch", "delete")


def _walk(patterns: list[Any], prefix: str = "") -> Iterator[tuple[str, URLPattern]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern), pattern


def api_routes() -> dict[str, tuple[str, ...]]:
    """Route name → the HTTP methods its view answers, for every /api/ route."""
    routes: dict[str, tuple[str, ...]] = {}
    for route, pattern in _walk(get_resolver().url_patterns):
        if not route.startswith("api/"):
            continue
        view = getattr(pattern.callback, "cls", None)
        methods = tuple(m for m in METHODS if view is not None and hasattr(view, m))
        assert pattern.name, f"/{route} has no name: the matrix keys routes by name"
        routes[pattern.name] = methods
    return routes
