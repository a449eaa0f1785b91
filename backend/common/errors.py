"""One error format for the whole API: `{"code": ..., "message": ..., "details": {...}}`.

Services raise `DomainError` subclasses; DRF and Django exceptions are mapped here, once, so a
client can branch on a stable `code` and show `message` (translated to the request language).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, ClassVar

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import Http404, HttpRequest, JsonResponse
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions as drf
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

logger = logging.getLogger(__name__)


class DomainError(Exception):
    """A business rule refused an action. Subclasses fix the HTTP status."""

    status: ClassVar[int] = 400
    default_code: ClassVar[str] = "invalid"

    def __init__(self, code: str | None = None, message: Any = "", **details: Any) -> None:
        self.code = code or self.default_code
        self.message = message
        self.details = details
        super().__init__(f"{self.code}: {message}")


class ValidationFailed(DomainError):
    status = 400
    default_code = "validation_error"


class NotFound(DomainError):
    """Also used for objects the caller may not see: a stranger must not learn they exist."""

    status = 404
    default_code = "not_found"


class Forbidden(DomainError):
    status = 403
    default_code = "permission_denied"


class Conflict(DomainError):
    """The object is in a state that does not allow the action (an invalid transition)."""

    status = 409
    default_code = "invalid_state"


class RateLimited(DomainError):
    status = 429
    default_code = "rate_limited"


# Every code the API can answer with, for the OpenAPI schema (`common.schema`) and clients.
# Services register theirs by raising with a literal code that appears in this table.
ERROR_CODES: dict[str, str] = {
    "validation_error": "A field is missing or invalid; `details` maps field names to messages.",
    "malformed_request": "The body could not be parsed.",
    "unsupported_media_type": "The request's content type is not accepted.",
    "not_authenticated": "Sign in first.",
    "permission_denied": "The signed-in user may not do this.",
    "not_found": "No such object, or not visible to the caller.",
    "method_not_allowed": "The HTTP method is not allowed on this endpoint.",
    "not_acceptable": "The requested response format is not available.",
    "throttled": "Too many requests; `details.retry_after` says when to retry.",
    "rate_limited": "A per-action limit was reached.",
    "invalid_state": "The object's current state does not allow the action.",
    "service_unavailable": "A backing service is unavailable; retry shortly.",
    "server_error": "An unexpected error; it has been logged.",
}


def register_codes(codes: dict[str, str]) -> None:
    """Domain packages add their codes at import so the schema lists all of them."""
    ERROR_CODES.update(codes)


def error_body(code: str, message: Any, details: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"code": code, "message": str(message), "details": details or {}}


_DRF_CODES: list[tuple[type[drf.APIException], str]] = [
    (drf.ValidationError, "validation_error"),
    (drf.ParseError, "malformed_request"),
    (drf.UnsupportedMediaType, "unsupported_media_type"),
    (drf.NotAuthenticated, "not_authenticated"),
    (drf.AuthenticationFailed, "not_authenticated"),
    (drf.PermissionDenied, "permission_denied"),
    (drf.NotFound, "not_found"),
    (drf.MethodNotAllowed, "method_not_allowed"),
    (drf.NotAcceptable, "not_acceptable"),
    (drf.Throttled, "throttled"),
]


def _messages(detail: Any) -> Any:
    """Flatten DRF's ErrorDetail trees to plain strings, keeping their shape."""
    if isinstance(detail, dict):
        return {str(k): _messages(v) for k, v in detail.items()}
    if isinstance(detail, list):
        return [_messages(v) for v in detail]
    return str(detail)


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, DomainError):
        return Response(error_body(exc.code, exc.message, exc.details), status=exc.status)
    if isinstance(exc, DjangoValidationError):
        field_errors: dict[str, Any] = (
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
        return Response(
            error_body("validation_error", _("Some fields are invalid."), field_errors),
            status=400,
        )
    if isinstance(exc, Http404):
        exc = drf.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = drf.PermissionDenied()
    if isinstance(exc, OperationalError | InterfaceError):
        logger.warning("database_unavailable", extra={"error": type(exc).__name__})
        return Response(
            error_body("service_unavailable", _("The service is briefly unavailable.")),
            status=503,
            headers={"Retry-After": "5"},
        )
    if isinstance(exc, DatabaseError):
        return None
    response = drf_exception_handler(exc, context)
    if response is None or not isinstance(exc, drf.APIException):
        return response
    code = next((c for cls, c in _DRF_CODES if isinstance(exc, cls)), "invalid")
    details: dict[str, Any] = {}
    if isinstance(exc, drf.ValidationError):
        message: Any = _("Some fields are invalid.")
        raw = _messages(exc.detail)
        details = raw if isinstance(raw, dict) else {"non_field_errors": raw}
    else:
        message = _messages(exc.detail)
        wait = getattr(exc, "wait", None)
        if isinstance(exc, drf.Throttled) and wait is not None:
            details = {"retry_after": int(wait) + 1}
    response.data = error_body(code, message, details)
    return response


def json_error_view(
    code: str, status: int, message: Any
) -> Callable[[HttpRequest, Exception | None], JsonResponse]:
    """Root-level handlers (handler404/500) so even Django's own errors keep the format."""

    def view(request: HttpRequest, exception: Exception | None = None) -> JsonResponse:
        return JsonResponse(error_body(code, message), status=status)

    return view
