"""BOPLA / mass assignment (ASVS 8.2.3, API3): protected fields sent to a write endpoint are
ignored or refused, and stay as they were in the database.

Each case: the endpoint, a body with one legitimate field plus hostile values for the protected
ones, and the rows/fields that must not move. The hostile values are all well-formed, so a
serializer that listed the field would accept them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import models
from django.urls import reverse
from rest_framework.test import APIClient

from tests.hardening.world import World, world_build

pytestmark = pytest.mark.django_db

HOSTILE_ID = 999_999


@dataclass(frozen=True)
class Case:
    route: str
    method: str
    kwargs: Callable[[World], dict[str, Any]]
    actor: Callable[[World], Any]
    body: dict[str, Any]
    target: Callable[[World], models.Model]  # the row whose protected fields must not move
    protected: tuple[str, ...]


CASES = {
    "me": Case(
        "me",
        "patch",
        lambda w: {},
        lambda w: w.freelancer,
        {
            "full_name": "Ada",
            "is_staff": True,
            "is_superuser": True,
            "is_active": False,
            "email": "root@example.com",
            "id": HOSTILE_ID,
            "date_joined": "2000-01-01T00:00:00Z",
        },
        lambda w: w.freelancer,
        ("is_staff", "is_superuser", "is_active", "email", "id", "date_joined"),
    ),
    "profile": Case(
        "me-freelancer-profile",
        "patch",
        lambda w: {},
        lambda w: w.freelancer,
        # The slug is the owner's to choose (a documented input), so it is not in the list.
        {
            "headline": "New headline",
            "user": HOSTILE_ID,
            "visibility": "hidden",
            "moderation_reason": "x",
            "rating_average": 5,
            "review_count": 99,
            "endorsement_count": 99,
            "id": HOSTILE_ID,
        },
        lambda w: w.freelancer.freelancer_profile,
        ("user_id", "visibility", "moderation_reason", "id"),
    ),
    "firm": Case(
        "firm-detail",
        "patch",
        lambda w: {"slug": w.firm.slug},
        lambda w: w.firm_owner,
        {
            "name": "Renamed",
            "slug": "hijacked",
            "moderation_state": "hidden",
            "moderation_reason": "x",
            "rating_average": 5,
            "review_count": 99,
            "id": HOSTILE_ID,
            "members": [HOSTILE_ID],
            "logo": HOSTILE_ID,
        },
        lambda w: w.firm,
        ("slug", "moderation_state", "moderation_reason", "id", "logo_id"),
    ),
    "gig": Case(
        "gig-detail",
        "patch",
        lambda w: {"gig_id": w.draft.id},
        lambda w: w.firm_owner,
        {
            "title": "Renamed gig",
            "firm": HOSTILE_ID,
            "status": "open",
            "moderation_state": "hidden",
            "published_at": "2000-01-01T00:00:00Z",
            "created_by": HOSTILE_ID,
            "id": HOSTILE_ID,
        },
        lambda w: w.draft,
        ("firm_id", "status", "moderation_state", "published_at", "created_by_id", "id"),
    ),
    "proposal": Case(
        "proposal-detail",
        "patch",
        lambda w: {"proposal_id": w.proposal.id},
        lambda w: w.freelancer,
        {
            "cover_letter": "A better letter for the shop.",
            "status": "accepted",
            "gig": HOSTILE_ID,
            "freelancer": HOSTILE_ID,
            "decided_at": "2000-01-01T00:00:00Z",
            "id": HOSTILE_ID,
        },
        lambda w: w.proposal,
        ("status", "gig_id", "freelancer_id", "decided_at", "id"),
    ),
    "member": Case(
        "firm-member-detail",
        "patch",
        lambda w: {"slug": w.firm.slug, "user_id": w.member.id},
        lambda w: w.firm_owner,
        {"role": "member", "firm": HOSTILE_ID, "user": HOSTILE_ID, "is_staff": True},
        lambda w: w.member,
        ("is_staff",),
    ),
    "portfolio_item": Case(
        "me-portfolio-item",
        "patch",
        lambda w: {"item_id": w.portfolio_item.id},
        lambda w: w.freelancer,
        {"caption": "New caption", "profile": HOSTILE_ID, "image": HOSTILE_ID, "id": HOSTILE_ID},
        lambda w: w.portfolio_item,
        ("profile_id", "image_id", "id"),
    ),
}


def _values(row: models.Model, fields: tuple[str, ...]) -> dict[str, Any]:
    fresh = type(row)._default_manager.get(pk=row.pk)
    return {field: getattr(fresh, field) for field in fields}


@pytest.mark.parametrize("name", sorted(CASES))
def test_protected_fields_cannot_be_mass_assigned(name: str) -> None:
    case = CASES[name]
    world = world_build()
    target = case.target(world)
    before = _values(target, case.protected)
    client = APIClient()
    client.force_authenticate(case.actor(world))

    response = getattr(client, case.method)(
        reverse(case.route, kwargs=case.kwargs(world)), case.body
    )

    # Ignored (the legitimate field saved) or refused as a whole; never applied.
    assert response.status_code in (200, 400), (response.status_code, response.content)
    assert _values(target, case.protected) == before


def test_a_new_milestone_takes_no_status_or_paid_amount_from_the_body() -> None:
    from marketplace.models import Milestone

    world = world_build()
    client = APIClient()
    client.force_authenticate(world.firm_owner)
    response = client.post(
        reverse("contract-milestones", kwargs={"contract_id": world.contract.id}),
        {
            "title": "Extra",
            "amount_minor": 5000,
            "status": "released",
            "contract": HOSTILE_ID,
            "funded_minor": 5000,
            "released_at": "2000-01-01T00:00:00Z",
        },
    )
    assert response.status_code == 201, response.content
    milestone = Milestone.objects.get(pk=response.json()["id"])
    assert (milestone.contract_id, milestone.status, milestone.amount_minor) == (
        world.contract.id,
        "awaiting_funding",
        5000,
    )


def test_a_new_gig_belongs_to_the_signed_in_members_firm_and_starts_as_a_draft() -> None:
    from marketplace.models import Gig

    world = world_build()
    client = APIClient()
    client.force_authenticate(world.firm_owner)
    response = client.get(reverse("gig-detail", kwargs={"gig_id": world.draft.id}))
    body = {
        k: v
        for k, v in response.json().items()
        if k
        in {
            "title",
            "description",
            "engagement_type",
            "budget_min_minor",
            "budget_max_minor",
            "currency",
            "location_type",
        }
    }
    response = client.post(
        reverse("gig-list"),
        {
            **body,
            "firm": world.firm.slug,
            "status": "open",
            "moderation_state": "hidden",
            "published_at": "2000-01-01T00:00:00Z",
            "created_by": world.stranger.id,
        },
    )
    assert response.status_code == 201, response.content
    gig = Gig.objects.get(pk=response.json()["id"])
    assert (gig.firm_id, gig.status, gig.published_at, gig.created_by_id) == (
        world.firm.id,
        "draft",
        None,
        world.firm_owner.id,
    )
    assert gig.moderation_state == "visible"
