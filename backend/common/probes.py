"""Answer the probes and the metrics scrape before host validation and HTTPS redirects.

Orchestrators call `/healthz` and `/readyz` on the pod's own address (`Host: 10.0.3.7:8000`)
over plain HTTP, and Prometheus scrapes `/metrics` the same way. Through the whole middleware
stack those requests would fail on ALLOWED_HOSTS (400) or be redirected to HTTPS (301), so a
probe would report the wrong thing. This middleware comes first and hands those three paths
straight to their views; every other request goes through the stack as usual.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from common.health import healthz, readyz
from common.metrics import metrics

PROBES: dict[str, Callable[[HttpRequest], HttpResponse]] = {
    "/healthz": healthz,
    "/readyz": readyz,
    "/metrics": metrics,
}


class ProbeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        view = PROBES.get(request.path_info.rstrip("/"))
        if view is not None:
            return view(request)
        return self.get_response(request)
