"""Fixtures of the chat suites: a gig inquiry between a freelancer and a two-member firm.

The channel layer and the cache are Redis whenever REDIS_URL is set (as `make test` does), so
the websocket tests exercise channels-redis; `cache.clear()` (root conftest) flushes the Redis
database between tests, rate-limit counters and presence keys included.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from chat.conversations import conversation_start_for_gig
from chat.models import Conversation
from marketplace.models import Firm, Gig, User
from tests.factories import FirmMembershipFactory, UserFactory
from tests.factories_flow import member_of, open_gig, public_profile


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@dataclass
class Inquiry:
    conversation: Conversation
    gig: Gig
    firm: Firm
    freelancer: User
    owner: User
    member: User
    stranger: User


def make_inquiry() -> Inquiry:
    owner = FirmMembershipFactory.create(role="owner")
    member = member_of(owner.firm)
    gig = open_gig(firm=owner.firm)
    freelancer = public_profile().user
    conversation, created = conversation_start_for_gig(gig_id=gig.id, by=freelancer)
    assert created
    return Inquiry(
        conversation=conversation,
        gig=gig,
        firm=owner.firm,
        freelancer=freelancer,
        owner=owner.user,
        member=member,
        stranger=UserFactory.create(),
    )


@pytest.fixture
def inquiry(db: Any) -> Inquiry:
    return make_inquiry()


@pytest.fixture(autouse=True)
def _no_persistent_connections(monkeypatch: pytest.MonkeyPatch) -> None:
    """The consumer's database calls run in pool threads, each with its own connection; with
    CONN_MAX_AGE 0 each call closes its connection, so none is left open when the test
    database is dropped."""
    from django.conf import settings

    monkeypatch.setitem(settings.DATABASES["default"], "CONN_MAX_AGE", 0)


@pytest.fixture(autouse=True)
def _fresh_channel_layer() -> None:
    """Each async test runs its own event loop; channels-redis keeps locks bound to the loop
    that created them, so every test starts with a new layer instance."""
    from channels.layers import channel_layers

    channel_layers.backends.clear()


@pytest.fixture
def live_inquiry(transactional_db: Any) -> Inquiry:
    """The same, committed: websocket tests read it from other threads and processes."""
    return make_inquiry()


def session_cookie(user: User) -> str:
    """A real session for `user`, as the browser's cookie header would carry it."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}"
