"""Sessions cached in Redis that keep working from the database while Redis is unreachable.

Django's `cached_db` store already ignores a failing cache read, but then writes the row it
read from the database back to the cache without a guard, so with Redis down every signed-in
request (and every websocket handshake) failed with a 500. Here that write-back, and the cache
lookup of `exists`, degrade to the database with a warning. Deleting stays strict: a logout
whose cached copy could not be removed must not look successful.
"""

from __future__ import annotations

import logging
from typing import Any, cast

from asgiref.sync import sync_to_async
from django.contrib.sessions.backends.cached_db import KEY_PREFIX
from django.contrib.sessions.backends.cached_db import SessionStore as CachedDbStore

__all__ = ["KEY_PREFIX", "SessionStore"]

logger = logging.getLogger(__name__)


class SessionStore(CachedDbStore):
    # Django's private attributes (`_cache`, `_get_session_from_db`) are untyped in django-stubs.
    def load(self) -> dict[str, Any]:
        store: Any = self
        try:
            data = store._cache.get(self.cache_key)
        except Exception:  # an unreachable cache (or an invalid key): read the database
            data = None
        if data is not None:
            return cast(dict[str, Any], data)
        row = store._get_session_from_db()
        if not row:
            return {}
        data = self.decode(row.session_data)
        try:
            store._cache.set(self.cache_key, data, self.get_expiry_age(expiry=row.expire_date))
        except Exception as exc:
            logger.warning("session cache unavailable (%s: %s)", type(exc).__name__, exc)
        return data

    async def aload(self) -> dict[str, Any]:
        return await sync_to_async(self.load)()

    def exists(self, session_key: str | None) -> bool:
        if not session_key:
            return False
        store: Any = self
        try:
            if (self.cache_key_prefix + session_key) in store._cache:
                return True
        except Exception as exc:
            logger.warning("session cache unavailable (%s: %s)", type(exc).__name__, exc)
        return bool(super(CachedDbStore, self).exists(session_key))
