"""Serves the frontend's entry page; the SPA (a later issue) replaces the minimal one."""

from django.conf import settings
from django.http import FileResponse, HttpRequest
from django.views.decorators.http import require_GET


@require_GET
def frontend_index(request: HttpRequest) -> FileResponse:
    response = FileResponse(open(settings.FRONTEND_INDEX, "rb"), content_type="text/html")  # noqa: SIM115
    response["Cache-Control"] = "no-cache"
    return response
