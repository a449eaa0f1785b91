"""Scenes for the trust suites (reviews, endorsements, firm reputation): ended contracts with
escrowed milestones, and freelancers old enough to endorse."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from marketplace.contracts.models import Contract, Milestone
from marketplace.models import Firm, FreelancerProfile, Skill, User
from marketplace.profiles.models import ProfileSkill
from tests.factories import FirmMembershipFactory, GigFactory, UserFactory
from tests.factories_flow import ContractFactory, MilestoneFactory, PublicProfileFactory


def ago(**delta: Any) -> dt.datetime:
    return timezone.now() - dt.timedelta(**delta)


def contract_between(
    *,
    firm: Firm,
    freelancer: FreelancerProfile,
    status: str = "completed",
    ended: dt.datetime | None = None,
    funded: bool = True,
    created: dt.datetime | None = None,
    cancelled_by: str = "",
) -> Contract:
    """A contract of `firm` with `freelancer`, in `status`, ended at `ended` (default: an hour
    ago; created 30 days before) unless active, with one milestone, funded (escrow reached
    `funded`) unless told not."""
    gig = GigFactory.open(firm=firm, status="in_progress")
    contract = ContractFactory.create(proposal__gig=gig, proposal__freelancer=freelancer)
    values: dict[str, Any] = {"status": status, "cancelled_by": cancelled_by}
    if status != "active":
        values["ended_at"] = ended or ago(hours=1)
        # A contract starts before it ends: a month before, unless told.
        values["created_at"] = created or values["ended_at"] - dt.timedelta(days=30)
    elif created is not None:
        values["created_at"] = created
    Contract.objects.filter(pk=contract.pk).update(**values)
    milestone = MilestoneFactory.create(contract=contract)
    if funded:
        Milestone.objects.filter(pk=milestone.pk).update(status="funded", funded_at=timezone.now())
    contract.refresh_from_db()
    return contract


def firm_with_owner() -> tuple[Firm, User]:
    membership = FirmMembershipFactory.create(role="owner")
    return membership.firm, membership.user


def veteran(*, skills: list[Skill] = (), **kwargs: Any) -> FreelancerProfile:  # type: ignore[assignment]
    """A public freelancer whose account is 90 days old (past the endorsing age), listing
    `skills`."""
    user = UserFactory.create(date_joined=ago(days=90))
    profile = PublicProfileFactory.create(user=user, **kwargs)
    for skill in skills:
        ProfileSkill.objects.create(profile=profile, skill=skill)
    return profile
