"""Who may do what to a proposal: every route × owner / freelancer / stranger / anonymous / staff.

The proposal is the freelancer's, submitted on an open gig of the owner's firm. The stranger
has a public profile of their own; staff read everything and change nothing through the API.
"""

from __future__ import annotations

from typing import Any

import pytest
from tests.factories_flow import (
    ROLES,
    ProposalFactory,
    assert_refused,
    client_as,
    draft_gig,
    open_gig,
    scene,
)

from marketplace.contracts.models import Contract
from marketplace.proposals.models import Proposal

pytestmark = pytest.mark.django_db


def _row(owner: int, freelancer: int, stranger: int, anonymous: int, staff: int) -> dict[str, int]:
    return {
        "owner": owner,
        "freelancer": freelancer,
        "stranger": stranger,
        "anonymous": anonymous,
        "staff": staff,
    }


MATRIX: list[tuple[str, str, dict[str, Any] | None, dict[str, int]]] = [
    ("get", "", None, _row(200, 200, 404, 403, 200)),
    ("patch", "", {"price_minor": 250_000}, _row(403, 200, 404, 403, 403)),
    ("post", "withdraw/", None, _row(403, 200, 404, 403, 403)),
    ("post", "shortlist/", None, _row(200, 403, 404, 403, 403)),
    ("post", "decline/", None, _row(200, 403, 404, 403, 403)),
    ("post", "accept/", {}, _row(201, 403, 404, 403, 403)),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("method", "suffix", "body", "expected"),
    MATRIX,
    ids=[f"{method}-{suffix or 'detail'}" for method, suffix, _, _ in MATRIX],
)
def test_proposal_route_permissions(
    method: str, suffix: str, body: dict[str, Any] | None, expected: dict[str, int], role: str
) -> None:
    cast = scene()
    proposal = ProposalFactory.create(
        gig=open_gig(firm=cast.firm), freelancer=cast.freelancer.freelancer_profile
    )
    before = Proposal.objects.values("status", "price_minor", "updated_at").get(pk=proposal.pk)
    client = client_as(cast, role)
    url = f"/api/v1/proposals/{proposal.id}/{suffix}"

    if method == "get":
        response = client.get(url)
    elif method == "patch":
        response = client.patch(url, body, format="json")
    else:
        response = client.post(url, body, format="json")

    status = expected[role]
    assert_refused(response, role=role, status=status)
    if status >= 400:
        after = Proposal.objects.values("status", "price_minor", "updated_at").get(pk=proposal.pk)
        assert after == before
        assert Contract.objects.count() == 0


GIG_ROUTES: list[tuple[str, str, dict[str, int]]] = [
    # A gig's proposal list: anyone who sees the gig; rows are narrowed (see the next test)
    ("open", "get", _row(200, 200, 200, 403, 200)),
    ("draft", "get", _row(200, 404, 404, 403, 200)),
    # Submitting: the owner and staff have no freelancer profile (`profile_not_public`)
    ("open", "post", _row(409, 201, 201, 403, 409)),
    ("draft", "post", _row(409, 404, 404, 403, 409)),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("state", "method", "expected"), GIG_ROUTES)
def test_gig_proposals_route_permissions(
    state: str, method: str, expected: dict[str, int], role: str
) -> None:
    cast = scene()
    gig = open_gig(firm=cast.firm) if state == "open" else draft_gig(firm=cast.firm)
    client = client_as(cast, role)
    url = f"/api/v1/gigs/{gig.id}/proposals/"
    if method == "get":
        response = client.get(url)
    else:
        response = client.post(
            url,
            {
                "cover_letter": "Hello",
                "price_minor": 1000,
                "currency": "EUR",
                "estimated_duration_days": 3,
            },
            format="json",
        )
    status = expected[role]
    assert_refused(response, role=role, status=status)
    if status == 409:
        assert response.json()["code"] == "profile_not_public"
    if method == "post" and status != 201:
        assert Proposal.objects.count() == 0


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("owner", {"mine", "other"}),
        ("freelancer", {"mine"}),
        ("stranger", set()),
        ("staff", {"mine", "other"}),
    ],
)
def test_gig_proposal_list_rows_per_role(role: str, sees: set[str]) -> None:
    cast = scene()
    gig = open_gig(firm=cast.firm)
    rows = {
        "mine": ProposalFactory.create(gig=gig, freelancer=cast.freelancer.freelancer_profile),
        "other": ProposalFactory.create(gig=gig),
    }
    response = client_as(cast, role).get(f"/api/v1/gigs/{gig.id}/proposals/")
    ids = {row["id"] for row in response.json()["results"]}
    assert ids == {rows[name].id for name in sees}


@pytest.mark.parametrize(
    ("role", "sees"),
    [("owner", {"received"}), ("freelancer", {"made"}), ("stranger", set()), ("staff", set())],
)
def test_my_proposal_list_never_holds_foreign_rows(role: str, sees: set[str]) -> None:
    cast = scene()
    rows = {
        "received": ProposalFactory.create(gig=open_gig(firm=cast.firm)),
        "made": ProposalFactory.create(freelancer=cast.freelancer.freelancer_profile),
        "foreign": ProposalFactory.create(),
    }
    response = client_as(cast, role).get("/api/v1/proposals/")
    assert response.status_code == 200
    ids = {row["id"] for row in response.json()["results"]}
    assert ids == {rows[name].id for name in sees}
