"""Fixtures of the payments suites: a contract's cast, the offline provider by default, and
the Stripe Connect provider wired to the stateful fake through the real SDK."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import stripe
from django.contrib.auth.models import Group

from marketplace.accounts.models import User
from marketplace.accounts.roles import StaffRole
from marketplace.contracts.models import Milestone
from payments.escrow.models import PayoutAccount
from payments.providers import set_provider
from payments.providers.stripe_connect import StripeConnectProvider
from tests.factories import FirmMembershipFactory, GigFactory, UserFactory
from tests.factories_flow import ContractFactory, MilestoneFactory, PublicProfileFactory
from tests.payments.fake_stripe.server import FakeStripe


@dataclass
class Cast:
    client: User
    freelancer: User
    stranger: User
    milestone: Milestone


def make_cast(*, amount_minor: int = 100_000, currency: str = "EUR", ready: bool = True) -> Cast:
    owner = FirmMembershipFactory.create(role="owner")
    profile = PublicProfileFactory.create()
    gig = GigFactory.open(firm=owner.firm, status="in_progress")
    contract = ContractFactory.create(
        proposal__gig=gig, proposal__freelancer=profile, currency=currency
    )
    milestone = MilestoneFactory.create(
        contract=contract, amount_minor=amount_minor, currency=currency
    )
    if ready:
        PayoutAccount.objects.create(
            user=profile.user,
            provider="offline",
            account_id=f"acct_offline_{profile.user.pk}",
            transfers_active=True,
            payouts_enabled=True,
        )
    return Cast(
        client=owner.user,
        freelancer=profile.user,
        stranger=PublicProfileFactory.create().user,
        milestone=milestone,
    )


def make_staff(role: StaffRole | None) -> User:
    """A staff member (admin access) holding `role`, or no role at all."""
    user = UserFactory.create(is_staff=True)
    if role is not None:
        user.groups.add(Group.objects.get_or_create(name=role.value)[0])
    return user


@pytest.fixture
def cast(db: Any) -> Cast:
    return make_cast()


@pytest.fixture
def run_commits(django_capture_on_commit_callbacks: Any) -> Callable[..., Any]:
    """Run `fn(**kwargs)` and then its after-commit work (tasks run eagerly), like a request."""

    def run(fn: Callable[..., Any], **kwargs: Any) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return fn(**kwargs)

    return run


@pytest.fixture(autouse=True)
def _offline_by_default() -> Iterator[None]:
    set_provider(None)
    yield
    set_provider(None)


@pytest.fixture
def fake_stripe(settings: Any) -> Iterator[FakeStripe]:
    fake = FakeStripe()
    client = stripe.StripeClient("sk_test_fake", http_client=fake, max_network_retries=0)
    set_provider(StripeConnectProvider(client, test_mode=True))
    settings.STRIPE_WEBHOOK_SECRET = "whsec_platform_test"
    settings.STRIPE_CONNECT_WEBHOOK_SECRET = "whsec_connect_test"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_fake"
    yield fake
    set_provider(None)
