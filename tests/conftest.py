"""Fixtures shared by every suite. Tests run against the real PostgreSQL and Redis.

`make test` exports DATABASE_URL (PostgreSQL) and REDIS_URL; pytest-django creates the
`test_…` database on the local server.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
from celery._state import (  # type: ignore[attr-defined]  # private, untyped; the only way to clear the flag
    _set_task_join_will_block,
)
from django.utils import translation
from rest_framework.test import APIClient

from tests.factories import (
    FirmFactory,
    FirmMembershipFactory,
    FreelancerProfileFactory,
    UserFactory,
)

# The hardening suites (fuzzing, authorisation matrix) take minutes: they run apart, through
# `make test-hardening` / `make fuzz`, which set RUN_HARDENING=1.
collect_ignore = [] if os.environ.get("RUN_HARDENING") else ["hardening"]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    """PBKDF2's 1M iterations cost ~0.7 s a login; tests check flows, not hash strength."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _isolated_cache() -> Any:
    """Rate-limit counters and cached values must not leak from one test into the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api() -> APIClient:
    """An anonymous API client; `api.force_authenticate(user)` signs it in."""
    return APIClient()


def client_for(user: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def freelancer(db: Any) -> Any:
    """A user with a public freelancer profile."""
    return FreelancerProfileFactory(visibility="public").user


@pytest.fixture
def firm_owner(db: Any) -> Any:
    membership = FirmMembershipFactory(role="owner")
    return membership.user


@pytest.fixture
def firm(firm_owner: Any) -> Any:
    return firm_owner.firms.get()


@pytest.fixture
def stranger(db: Any) -> Any:
    return UserFactory()


@pytest.fixture
def staff(db: Any) -> Any:
    return UserFactory(is_staff=True)


@pytest.fixture
def moderator(db: Any) -> Any:
    """A staff user holding the moderator role (what moderation services require)."""
    from tests.factories import moderator_create

    return moderator_create()


__all__ = ["FirmFactory", "client_for"]


@pytest.fixture(autouse=True)
def _celery_join_flag() -> Iterator[None]:
    yield
    # Celery keeps "a task is running" in a process global that `denied_join_result` saves
    # and restores around each eager task: eager tasks run from several threads at once (the
    # concurrency tests) can leave it set, and a later suite's `.delay().get()` then fails.
    _set_task_join_will_block(False)


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    yield
    # LocaleMiddleware activates the request's language in the test's thread and nothing
    # deactivates it: a French request left the schema test generating French descriptions.
    translation.deactivate()
