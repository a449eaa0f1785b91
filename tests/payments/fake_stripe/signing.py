"""Signing webhook payloads as Stripe does, so tests exercise the real verification."""

from __future__ import annotations

import hashlib
import hmac
import time


def sign(payload: str, secret: str, *, timestamp: int | None = None) -> str:
    """A `Stripe-Signature` header as Stripe computes it: HMAC-SHA256 of `t.payload`."""
    t = int(time.time()) if timestamp is None else timestamp
    mac = hmac.new(secret.encode(), f"{t}.{payload}".encode(), hashlib.sha256).hexdigest()
    return f"t={t},v1={mac}"
