"""Serves the SPA's entry page at `/` and at every client-side route (history fallback).

The built index.html comes from `make frontend` (Vite, into frontend/dist/); its hashed assets
are static files under /static/. Paths that belong to Django never reach this view: urls.py
routes them first, and `SPA_PATH` excludes their prefixes so an unknown `/api/...` stays an
API 404 instead of an HTML page.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_GET

DJANGO_PREFIXES = (
    "api/",
    "admin/",
    "_allauth/",
    "accounts/",
    "ws/",
    "healthz",
    "readyz",
    "media/",
    "static/",
    "i18n/",
)
# Every path except Django's own prefixes (the regex for urls.py's catch-all route).
SPA_PATH = r"^(?!(?:" + "|".join(DJANGO_PREFIXES) + r")).*$"

SIGNED_OUT = b'<meta name="ng-signed-in" content="0" />'
SIGNED_IN = b'<meta name="ng-signed-in" content="1" />'


@require_GET
@ensure_csrf_cookie  # the SPA reads the token from the cookie for its first POST
def frontend_index(request: HttpRequest) -> HttpResponse:
    try:
        page = settings.FRONTEND_INDEX.read_bytes()
    except FileNotFoundError:
        # A checkout where the SPA was never built: say how, instead of a bare 500.
        message = _("The web app is not built yet: run `make frontend` (or `make run`).")
        return HttpResponse(
            f"<!doctype html><title>Nanoguild</title><p>{message}</p>",
            status=503,
            content_type="text/html; charset=utf-8",
        )
    if request.user.is_authenticated:
        # Tells the SPA to ask /me/ at once; a visitor's page skips a call that answers 403.
        page = page.replace(SIGNED_OUT, SIGNED_IN, 1)
    response = HttpResponse(page, content_type="text/html; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    return response
