"""Serving stored images from the app's own origin, in embedded mode only.

Production points `MEDIA_URL` at a separate media domain or bucket, so that even a file that
slipped through could never run as a page of the site. Here every answer carries the content
type of the format we stored (decided by the extension we gave the file, never sniffed),
`nosniff`, and a sandboxing CSP, so a browser shows an image and nothing else.
"""

from __future__ import annotations

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.http import FileResponse, HttpRequest, HttpResponseBase, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from common.errors import error_body
from marketplace.media.models import CONTENT_TYPES, EXTENSIONS

_CONTENT_TYPE_BY_EXTENSION = {EXTENSIONS[f]: CONTENT_TYPES[f] for f in EXTENSIONS}


@require_safe
def media_serve(request: HttpRequest, name: str) -> HttpResponseBase:
    extension = name.rsplit(".", 1)[-1]
    content_type = _CONTENT_TYPE_BY_EXTENSION.get(extension)
    if content_type is None or not name.startswith("images/") or ".." in name.split("/"):
        return _not_found()
    try:
        if not default_storage.exists(name):
            return _not_found()
        stored = default_storage.open(name, "rb")
    except (SuspiciousFileOperation, OSError):
        return _not_found()
    response = FileResponse(stored, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    # Names are random and never reused, so a file never changes under its URL.
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response


def _not_found() -> JsonResponse:
    return JsonResponse(error_body("not_found", _("Not found.")), status=404)
