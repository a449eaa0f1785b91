"""The signed-in user of a request, read from the cache instead of the database.

Every signed-in request and websocket handshake resolves its user through the authentication
backend's `get_user`: a primary-key query whose compilation costs more than the rest of a
small API request's framework work (about 1.3 of 2.6 ms for a signed-in hello; benchmarks,
round 4). The user's row is kept in the cache with a version of its own
(`common.versioned_cache`), read with that version in one round trip, and every write of the
user bumps the version, now and again after commit. So a sanction, a password change (both
end sessions through the session hash), a deactivation or a new language applies to the very
next request, as it did when each request read the database.

What bumps it: saves and deletes of the user (signals); `User.objects….update()` (the
manager's queryset bumps the users it updates); the deletion of an image used as an avatar
(its SET_NULL is an update without signals, so `pre_delete` of the image bumps its users). A
row changed by hand in SQL is at most SESSION_USER_TTL old. With the cache unreachable the
user is read from the database, as before.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import cache as once
from typing import Any

import django
from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_save, pre_delete
from redis.exceptions import RedisError

from common.versioned_cache import cache_version_bump, cache_versioned_get, cache_versioned_set

logger = logging.getLogger(__name__)

SESSION_USER_TTL = 600  # seconds


@once
def _shape() -> str:
    # A row pickled by another Django or with other columns (a deploy) is never unpickled.
    fields = ",".join(f.attname for f in get_user_model()._meta.concrete_fields)
    return f"{django.get_version()}:{fields}"


def _version_key(user_id: int) -> str:
    return f"session-user:{user_id}:version"


def session_user_get(*, user_id: Any) -> Any:
    """The user with this primary key, from the cache when its copy is current; else None."""
    users = get_user_model()._default_manager
    try:
        pk = int(user_id)
    except (TypeError, ValueError):
        return None
    key = f"session-user:{pk}:{_shape()}"
    try:
        version, user = cache_versioned_get(version_key=_version_key(pk), key=key)
    except RedisError as exc:
        logger.warning("user cache unavailable (%s: %s)", type(exc).__name__, exc)
        return users.filter(pk=pk).first()
    if user is not None:
        return user
    user = users.filter(pk=pk).first()
    if user is not None:
        try:
            cache_versioned_set(key=key, version=version, page=user, ttl=SESSION_USER_TTL)
        except RedisError as exc:
            logger.warning("user cache unavailable (%s: %s)", type(exc).__name__, exc)
    return user


def session_users_changed(*, user_ids: Iterable[int]) -> None:
    """The users' rows changed: their cached copies are stale from now (and after commit)."""
    for user_id in user_ids:
        cache_version_bump(version_key=_version_key(user_id))


def _user_written(sender: Any, instance: Any, **_: Any) -> None:
    if instance.pk is not None:
        session_users_changed(user_ids=[instance.pk])


def _avatar_deleted(sender: Any, instance: Any, **_: Any) -> None:
    users = get_user_model()._default_manager.filter(avatar_id=instance.pk)
    session_users_changed(user_ids=users.values_list("pk", flat=True))


def session_users_watch() -> None:
    from marketplace.media.models import StoredImage

    user_model = get_user_model()
    post_save.connect(_user_written, sender=user_model, dispatch_uid="session_user.saved")
    post_delete.connect(_user_written, sender=user_model, dispatch_uid="session_user.deleted")
    pre_delete.connect(_avatar_deleted, sender=StoredImage, dispatch_uid="session_user.avatar")
