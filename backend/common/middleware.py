"""Per-user language and time zone, and a clean 503 when the database is unreachable."""

from __future__ import annotations

import logging
import zoneinfo
from collections.abc import Callable

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from common.errors import error_body

logger = logging.getLogger(__name__)

Handler = Callable[[HttpRequest], HttpResponse]


class UserLanguageMiddleware:
    """Speak the signed-in user's stored language, whatever the browser asks for.

    Runs after LocaleMiddleware (which picked a language from the cookie or Accept-Language)
    and after authentication, so the stored choice wins. `?lang=de` wins for one request, so
    a link can be shared in a given language.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = request.GET.get("lang")
        if not (language and translation.check_for_language(language)):
            user = getattr(request, "user", None)
            language = getattr(user, "language", None) if user and user.is_authenticated else None
        if language and translation.check_for_language(language):
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)


class UserTimezoneMiddleware:
    """Activate the user's time zone so rendered times (admin, emails) are local to them."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        tz_name = getattr(user, "time_zone", None) if user and user.is_authenticated else None
        if tz_name:
            try:
                timezone.activate(zoneinfo.ZoneInfo(tz_name))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.deactivate()
        else:
            timezone.deactivate()
        return self.get_response(request)


class DatabaseUnavailableMiddleware:
    """Answer 503 with a code, not 500, when the database connection is gone.

    DRF views map these errors themselves; this catches the rest (admin, allauth, pages).
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, OperationalError | InterfaceError):
            logger.warning("database_unavailable", extra={"error": type(exception).__name__})
            response = JsonResponse(
                error_body("service_unavailable", _("The service is briefly unavailable.")),
                status=503,
            )
            response["Retry-After"] = "5"
            return response
        return None
