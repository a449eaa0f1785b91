"""`/metrics` for Prometheus, behind a bearer token.

The endpoint names every view and its traffic, so it is not public: without METRICS_TOKEN it
does not exist (404), and a scraper must send `Authorization: Bearer <METRICS_TOKEN>`. nginx
refuses the path from outside as well (infra/nginx/); scrapers reach the pods directly.

Under gunicorn each worker is its own process: with PROMETHEUS_MULTIPROC_DIR set (the gunicorn
config sets it) the exporter merges every worker's samples instead of answering for one.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import re_path
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_prometheus.exports import ExportToDjangoView


@require_GET
@never_cache
def metrics(request: HttpRequest) -> HttpResponse:
    token = str(getattr(settings, "METRICS_TOKEN", ""))
    if not token:
        raise Http404
    sent = request.headers.get("Authorization", "")
    if not secrets.compare_digest(sent.encode(), f"Bearer {token}".encode()):
        response = HttpResponse("Unauthorized\n", status=401, content_type="text/plain")
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    return ExportToDjangoView(request)


urlpatterns = [re_path(r"^metrics/?$", metrics, name="metrics")]
