"""`Idempotency-Key` on our money endpoints: the same key and body replay the first response;
the same key with another body is refused (409 `idempotency_key_reused`).

The key is claimed in the same transaction as the action it guards, so the two commit or
vanish together: a request that crashes before committing leaves no claim behind, and its
retry runs as if it were the first. A concurrent duplicate blocks on the claim's unique
index until the first request commits (then replays it) or rolls back (then runs itself).

A committed claim without a stored response means the action committed but the request died
before answering (or is answering right now): a retry does not act again, it answers with
the resource as it is now and stores that answer for every later replay.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _
from rest_framework.request import Request
from rest_framework.response import Response

from common.errors import Conflict, DomainError, ValidationFailed, error_body
from marketplace.api_base import signed_in_user
from payments.escrow.models import IdempotencyRecord

HEADER = "Idempotency-Key"


def idempotent(
    request: Request, *, scope: str, act: Callable[[], Any], render: Callable[[], Response]
) -> Response:
    """Run `act` once per key (in the claim's transaction), then answer with `render()`."""
    key = request.headers.get(HEADER, "").strip()
    if not key:
        act()
        return render()
    if len(key) > 255:
        raise ValidationFailed("validation_error", _("Idempotency-Key is too long."))
    digest = hashlib.sha256(
        json.dumps({"scope": scope, "body": request.data}, sort_keys=True, default=str).encode()
    ).hexdigest()
    user = signed_in_user(request)
    with transaction.atomic():
        record = _claim(user=user, key=key, digest=digest)
        if record is not None:
            try:
                with transaction.atomic():
                    act()
            except DomainError as exc:
                # A refusal is an answer too: stored with the claim, replayed as it was.
                _store(record, Response(error_body(exc.code, exc.message, exc.details), exc.status))
                return Response(record.body, status=record.status_code)
    if record is None:
        record = IdempotencyRecord.objects.get(user=user, key=key)
        if record.request_hash != digest:
            raise Conflict(
                "idempotency_key_reused",
                _("This Idempotency-Key was used with a different request."),
            )
        if record.status_code is not None:
            return Response(record.body, status=record.status_code)
    # The action committed (its after-commit work has been handed on): answer once, for all.
    return _answer(record, render)


def _claim(*, user: Any, key: str, digest: str) -> IdempotencyRecord | None:
    """The new claim, or None when the key is taken (this waits for an uncommitted claim)."""
    try:
        with transaction.atomic():
            return IdempotencyRecord.objects.create(user=user, key=key, request_hash=digest)
    except IntegrityError:
        return None


def _answer(record: IdempotencyRecord, render: Callable[[], Response]) -> Response:
    response = render()
    IdempotencyRecord.objects.filter(pk=record.pk, status_code__isnull=True).update(
        status_code=response.status_code, body=_jsonable(response.data)
    )
    record.refresh_from_db()
    return Response(record.body, status=record.status_code)


def _store(record: IdempotencyRecord, response: Response) -> None:
    record.status_code = response.status_code
    record.body = _jsonable(response.data)
    record.save(update_fields=["status_code", "body"])


def _jsonable(data: Any) -> Any:
    return json.loads(json.dumps(data, default=str))
