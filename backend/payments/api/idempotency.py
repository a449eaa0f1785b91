"""`Idempotency-Key` on our money endpoints: the same key and body replay the first response;
the same key with another body is refused (409 `idempotency_key_reused`).

The first request claims the key (a unique row), runs outside any transaction of ours (so its
tasks run after the service commits), then stores its response. A concurrent duplicate waits
briefly for that response and replays it, or answers 409 `idempotency_key_in_use`.
"""

from __future__ import annotations

import hashlib
import json
import time
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
# A duplicate waits up to 5 s (100 × 50 ms) for the first request's answer; provider calls
# run in workers after commit, so the first request itself answers in well under that.
WAIT_STEPS, WAIT_SECONDS = 100, 0.05


def idempotent(request: Request, *, scope: str, run: Callable[[], Response]) -> Response:
    key = request.headers.get(HEADER, "").strip()
    if not key:
        return run()
    if len(key) > 255:
        raise ValidationFailed("validation_error", _("Idempotency-Key is too long."))
    digest = hashlib.sha256(
        json.dumps({"scope": scope, "body": request.data}, sort_keys=True, default=str).encode()
    ).hexdigest()
    user = signed_in_user(request)
    try:
        with transaction.atomic():
            record = IdempotencyRecord.objects.create(user=user, key=key, request_hash=digest)
    except IntegrityError:
        return _replay(user=user, key=key, digest=digest)
    try:
        response = run()
    except DomainError as exc:
        response = Response(error_body(exc.code, exc.message, exc.details), status=exc.status)
    record.status_code = response.status_code
    record.body = _jsonable(response.data)
    record.save(update_fields=["status_code", "body"])
    return response


def _jsonable(data: Any) -> Any:
    return json.loads(json.dumps(data, default=str))


def _replay(*, user: Any, key: str, digest: str) -> Response:
    for _step in range(WAIT_STEPS):
        record = IdempotencyRecord.objects.get(user=user, key=key)
        if record.request_hash != digest:
            raise Conflict(
                "idempotency_key_reused",
                _("This Idempotency-Key was used with a different request."),
            )
        if record.status_code is not None:
            return Response(record.body, status=record.status_code)
        time.sleep(WAIT_SECONDS)
    raise Conflict("idempotency_key_in_use", _("A request with this key is still running."))
