"""Factories for the post → propose → hire flow: invitations, proposals, contracts, milestones.

Rows are built directly (in the state a test names); tests of the rules themselves move
objects through the services instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import factory
from django.utils import timezone
from rest_framework.test import APIClient

from marketplace.models import (
    Contract,
    Firm,
    FreelancerProfile,
    Gig,
    Invitation,
    Milestone,
    Proposal,
    Skill,
    User,
)
from tests.factories import (
    FirmMembershipFactory,
    FreelancerProfileFactory,
    GigFactory,
    SkillFactory,
    UserFactory,
)


class PublicProfileFactory(FreelancerProfileFactory):
    visibility = "public"


class InvitationFactory(factory.django.DjangoModelFactory[Invitation]):
    class Meta:
        model = Invitation

    gig = factory.LazyFunction(lambda: GigFactory.open())
    freelancer = factory.SubFactory(PublicProfileFactory)
    invited_by = factory.SubFactory(UserFactory)
    message = "Your portfolio fits our shop; would you propose?"
    status = "pending"


class ProposalFactory(factory.django.DjangoModelFactory[Proposal]):
    class Meta:
        model = Proposal

    gig = factory.LazyFunction(lambda: GigFactory.open())
    freelancer = factory.SubFactory(PublicProfileFactory)
    cover_letter = "I built three shops like this one; here is how I would do yours."
    price_minor = 300_000
    currency = "EUR"
    estimated_duration_days = 30
    status = "submitted"


class ContractFactory(factory.django.DjangoModelFactory[Contract]):
    """An active contract on an in-progress gig, with its accepted proposal."""

    class Meta:
        model = Contract

    proposal = factory.SubFactory(
        ProposalFactory,
        gig=factory.LazyFunction(lambda: GigFactory.open(status="in_progress")),
        status="accepted",
        decided_at=factory.LazyFunction(timezone.now),
    )
    gig = factory.SelfAttribute("proposal.gig")
    firm = factory.SelfAttribute("proposal.gig.firm")
    freelancer = factory.SelfAttribute("proposal.freelancer")
    accepted_by = factory.SubFactory(UserFactory)
    title = factory.SelfAttribute("proposal.gig.title")
    terms = factory.LazyAttribute(
        lambda o: {"proposal": {"price_minor": o.proposal.price_minor, "currency": "EUR"}}
    )
    currency = "EUR"
    status = "active"


class MilestoneFactory(factory.django.DjangoModelFactory[Milestone]):
    class Meta:
        model = Milestone

    contract = factory.SubFactory(ContractFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Milestone {n}")
    amount_minor = 100_000
    currency = "EUR"


# --- scenes ------------------------------------------------------------------------------------


def member_of(firm: Firm, *, role: str = "member") -> User:
    """A new user who belongs to `firm`."""
    return FirmMembershipFactory.create(firm=firm, role=role).user


def public_profile(**kwargs: Any) -> FreelancerProfile:
    return PublicProfileFactory.create(**kwargs)


def skill(slug: str) -> Skill:
    return SkillFactory.create(slug=slug)


def open_gig(*, firm: Firm, **kwargs: Any) -> Gig:
    """An open, visible gig of `firm` with one required skill (python)."""
    kwargs.setdefault("required_skills", [skill("python")])
    return GigFactory.open(firm=firm, **kwargs)


def draft_gig(*, firm: Firm, **kwargs: Any) -> Gig:
    kwargs.setdefault("required_skills", [skill("python")])
    return GigFactory.create(firm=firm, **kwargs)


@dataclass
class Scene:
    """The cast of a permission test: a firm and its owner, a freelancer, outsiders."""

    firm: Firm
    owner: User
    freelancer: User
    stranger: User
    staff: User

    def user(self, role: str) -> User | None:
        """`owner`, `freelancer`, `stranger`, `staff`, or None for `anonymous`."""
        return None if role == "anonymous" else getattr(self, role)


ROLES = ("owner", "freelancer", "stranger", "anonymous", "staff")


def scene() -> Scene:
    owner = FirmMembershipFactory.create(role="owner")
    return Scene(
        firm=owner.firm,
        owner=owner.user,
        freelancer=PublicProfileFactory.create().user,
        # A stranger with a public profile of their own, so "no profile" is not why they fail.
        stranger=PublicProfileFactory.create().user,
        staff=UserFactory.create(is_staff=True),
    )


def client_as(cast: Scene, role: str) -> APIClient:
    """An API client signed in as the scene's `role` (anonymous for "anonymous")."""
    client = APIClient()
    user = cast.user(role)
    if user is not None:
        client.force_authenticate(user)
    return client


def assert_refused(response: Any, *, role: str, status: int) -> None:
    """The status the matrix expects, with the code that goes with it."""
    assert response.status_code == status, (role, response.status_code, response.content)
    if status >= 400:
        code = response.json()["code"]
        if role == "anonymous" and status in (401, 403):
            assert code == "not_authenticated"
        elif status == 403:
            assert code in {"permission_denied", "own_gig"}
        elif status == 404:
            assert code == "not_found"
