"""Deployment checks Django does not make itself (`manage.py check --deploy`)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Tags, Warning, register


def _site(host: str) -> str:
    """The last two labels of a host name: the registrable domain for most suffixes. A
    multi-label suffix (`co.uk`) makes this stricter than needed; silence the check then."""
    return ".".join(host.lower().rstrip(".").split(".")[-2:])


@register(Tags.security, deploy=True)
def check_media_domain(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    """Uploads must be served from another registrable domain than the site's (Django's
    security guide: an image that is also HTML must not run on the site's origin)."""
    media = urlsplit(str(settings.MEDIA_URL))
    if media.scheme != "https" or not media.hostname:
        return [
            Warning(
                "MEDIA_URL is not an absolute https:// URL on a separate domain.",
                hint="Serve uploads from a domain of their own, e.g. https://example-media.net/.",
                id="nanoguild.W001",
            )
        ]
    site_hosts = [host for host in settings.ALLOWED_HOSTS if host not in ("*", "")]
    shared = sorted(host for host in site_hosts if _site(host.lstrip(".")) == _site(media.hostname))
    if shared:
        return [
            Warning(
                "MEDIA_URL shares its registrable domain with ALLOWED_HOSTS "
                f"({', '.join(shared)}).",
                hint="A subdomain is not enough: use a domain of its own for uploads.",
                id="nanoguild.W002",
            )
        ]
    return []
