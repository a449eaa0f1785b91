"""Proposal endpoints: submitting, listing, revising, deciding and hiring."""

from __future__ import annotations

from typing import Any

import pytest
from tests.conftest import client_for
from tests.factories import FirmFactory
from tests.factories_flow import (
    ProposalFactory,
    member_of,
    open_gig,
    public_profile,
)

from marketplace.contracts.models import Contract, Milestone
from marketplace.proposals.models import Proposal

pytestmark = pytest.mark.django_db


@pytest.fixture
def gig(firm: Any) -> Any:
    return open_gig(firm=firm)


def _ids(response: Any) -> list[int]:
    assert response.status_code == 200, response.json()
    return [row["id"] for row in response.json()["results"]]


def _terms(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "cover_letter": "I built three shops like yours.",
        "price_minor": 300_000,
        "currency": "EUR",
        "estimated_duration_days": 30,
    }
    body.update(overrides)
    return body


# --- submit ------------------------------------------------------------------------------------


def test_freelancer_submits(gig: Any, freelancer: Any) -> None:
    response = client_for(freelancer).post(
        f"/api/v1/gigs/{gig.id}/proposals/", _terms(), format="json"
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["gig"] == {
        "id": gig.id,
        "title": gig.title,
        "status": "open",
        "engagement_type": "fixed",
        "currency": "EUR",
        "firm": {"slug": gig.firm.slug, "name": gig.firm.name, "country": "FR"},
    }
    profile = freelancer.freelancer_profile
    assert body["freelancer"] == {
        "slug": profile.slug,
        "headline": profile.headline,
        "country": "DE",
    }
    assert (body["status"], body["price_minor"], body["contract_id"], body["decided_at"]) == (
        "submitted",
        300_000,
        None,
        None,
    )
    assert Proposal.objects.get().id == body["id"]


@pytest.mark.parametrize(
    ("overrides", "status", "code", "field"),
    [
        ({"price_minor": 0}, 400, "price_invalid", "price_minor"),
        ({"price_minor": -5}, 400, "price_invalid", "price_minor"),
        ({"price_minor": 2**63}, 400, "price_invalid", "price_minor"),
        ({"price_minor": 10**40}, 400, "price_invalid", "price_minor"),
        ({"price_minor": "cheap"}, 400, "validation_error", "price_minor"),
        ({"price_minor": 1.5}, 400, "validation_error", "price_minor"),
        ({"price_minor": None}, 400, "validation_error", "price_minor"),
        ({"currency": "USD"}, 400, "currency_mismatch", "currency"),
        ({"currency": "XYZ"}, 400, "currency_mismatch", "currency"),
        ({"currency": ["EUR"]}, 400, "validation_error", "currency"),
        ({"estimated_duration_days": 0}, 400, "validation_error", "estimated_duration_days"),
        ({"estimated_duration_days": 2**70}, 400, "validation_error", "estimated_duration_days"),
        ({"cover_letter": ""}, 400, "validation_error", "cover_letter"),
        ({"cover_letter": "x" * 5001}, 400, "validation_error", "cover_letter"),
        ({"cover_letter": {"text": "hi"}}, 400, "validation_error", "cover_letter"),
    ],
)
def test_invalid_submission_is_4xx_with_a_code(
    gig: Any, freelancer: Any, overrides: dict[str, Any], status: int, code: str, field: str
) -> None:
    response = client_for(freelancer).post(
        f"/api/v1/gigs/{gig.id}/proposals/", _terms(**overrides), format="json"
    )
    assert response.status_code == status, response.json()
    assert response.json()["code"] == code
    assert field in response.json()["details"]
    assert Proposal.objects.count() == 0


@pytest.mark.parametrize(
    "missing", ["cover_letter", "price_minor", "currency", "estimated_duration_days"]
)
def test_missing_submission_field_is_named(gig: Any, freelancer: Any, missing: str) -> None:
    body = _terms()
    del body[missing]
    response = client_for(freelancer).post(f"/api/v1/gigs/{gig.id}/proposals/", body, format="json")
    assert response.status_code == 400
    assert missing in response.json()["details"]


def test_malformed_json_is_a_400(gig: Any, freelancer: Any) -> None:
    response = client_for(freelancer).post(
        f"/api/v1/gigs/{gig.id}/proposals/", b'{"price_minor": ', content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["code"] == "malformed_request"


def test_second_active_proposal_is_a_409(gig: Any, freelancer: Any) -> None:
    client = client_for(freelancer)
    assert (
        client.post(f"/api/v1/gigs/{gig.id}/proposals/", _terms(), format="json").status_code == 201
    )
    response = client.post(f"/api/v1/gigs/{gig.id}/proposals/", _terms(), format="json")
    assert response.status_code == 409
    assert response.json()["code"] == "proposal_exists"
    assert Proposal.objects.count() == 1


def test_closed_gig_takes_no_proposal(firm: Any, freelancer: Any) -> None:
    # A freelancer who was invited can still see the closed gig, but cannot propose
    gig = open_gig(firm=firm, status="closed")
    ProposalFactory.create(gig=gig, freelancer=freelancer.freelancer_profile, status="withdrawn")
    response = client_for(freelancer).post(
        f"/api/v1/gigs/{gig.id}/proposals/", _terms(), format="json"
    )
    assert response.status_code == 409
    assert response.json()["code"] == "gig_not_open"


def test_own_firm_member_gets_own_gig(gig: Any, firm: Any) -> None:
    colleague = member_of(firm)
    public_profile(user=colleague)
    response = client_for(colleague).post(
        f"/api/v1/gigs/{gig.id}/proposals/", _terms(), format="json"
    )
    assert response.status_code == 403
    assert response.json()["code"] == "own_gig"


# --- lists -------------------------------------------------------------------------------------


def test_gig_proposals_firm_sees_all_freelancer_sees_own(
    gig: Any, firm_owner: Any, freelancer: Any, stranger: Any
) -> None:
    mine = ProposalFactory.create(gig=gig, freelancer=freelancer.freelancer_profile)
    other = ProposalFactory.create(gig=gig)
    ProposalFactory.create()  # on another gig
    url = f"/api/v1/gigs/{gig.id}/proposals/"
    assert sorted(_ids(client_for(firm_owner).get(url))) == sorted([mine.id, other.id])
    assert _ids(client_for(freelancer).get(url)) == [mine.id]
    assert _ids(client_for(stranger).get(url)) == []


def test_my_proposals_lists_made_and_received_only(
    firm: Any, firm_owner: Any, freelancer: Any
) -> None:
    # Given the owner also freelances, and proposed on another firm's gig
    public_profile(user=firm_owner)
    received = ProposalFactory.create(gig=open_gig(firm=firm))
    made = ProposalFactory.create(freelancer=firm_owner.freelancer_profile)
    foreign = ProposalFactory.create(gig=open_gig(firm=FirmFactory.create()))
    by_freelancer = ProposalFactory.create(freelancer=freelancer.freelancer_profile)
    ids = _ids(client_for(firm_owner).get("/api/v1/proposals/"))
    assert sorted(ids) == sorted([received.id, made.id])
    assert foreign.id not in ids
    assert _ids(client_for(freelancer).get("/api/v1/proposals/")) == [by_freelancer.id]


def test_my_proposals_filters(gig: Any, freelancer: Any) -> None:
    profile = freelancer.freelancer_profile
    submitted = ProposalFactory.create(gig=gig, freelancer=profile)
    withdrawn = ProposalFactory.create(freelancer=profile, status="withdrawn")
    client = client_for(freelancer)
    assert _ids(client.get("/api/v1/proposals/", {"status": "withdrawn"})) == [withdrawn.id]
    assert sorted(
        _ids(client.get("/api/v1/proposals/", {"status": ["withdrawn", "submitted"]}))
    ) == sorted([submitted.id, withdrawn.id])
    assert _ids(client.get("/api/v1/proposals/", {"gig": gig.id})) == [submitted.id]
    response = client.get("/api/v1/proposals/", {"status": "sleeping"})
    assert response.status_code == 400
    assert response.json()["code"] == "validation_error"
    response = client.get("/api/v1/proposals/", {"gig": "x"})
    assert response.status_code == 400


def test_proposal_lists_need_sign_in(api: Any, gig: Any) -> None:
    for url in ("/api/v1/proposals/", f"/api/v1/gigs/{gig.id}/proposals/"):
        response = api.get(url)
        assert response.status_code == 403
        assert response.json()["code"] == "not_authenticated"


def test_proposal_list_queries_do_not_grow(
    gig: Any, firm_owner: Any, django_assert_num_queries: Any
) -> None:
    client = client_for(firm_owner)
    # /proposals/: the page (firm ids as a subquery); the gig list adds: gig visibility,
    # firm membership check, the page
    for n in (3, 6):
        while Proposal.objects.count() < n:
            ProposalFactory.create(gig=gig)
        with django_assert_num_queries(1):
            assert len(client.get("/api/v1/proposals/").json()["results"]) == n
        with django_assert_num_queries(3):
            assert len(client.get(f"/api/v1/gigs/{gig.id}/proposals/").json()["results"]) == n


# --- detail, revise, decide --------------------------------------------------------------------


def test_freelancer_revises(gig: Any, freelancer: Any) -> None:
    proposal = ProposalFactory.create(gig=gig, freelancer=freelancer.freelancer_profile)
    response = client_for(freelancer).patch(
        f"/api/v1/proposals/{proposal.id}/", {"price_minor": 250_000}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert (response.json()["price_minor"], response.json()["cover_letter"]) == (
        250_000,
        proposal.cover_letter,
    )


def test_revision_with_garbage_is_a_400(gig: Any, freelancer: Any) -> None:
    proposal = ProposalFactory.create(gig=gig, freelancer=freelancer.freelancer_profile)
    for body in ({"price_minor": "x"}, {"price_minor": 0}, {"estimated_duration_days": -1}):
        response = client_for(freelancer).patch(
            f"/api/v1/proposals/{proposal.id}/", body, format="json"
        )
        assert response.status_code == 400
        assert response.json()["code"] in {"validation_error", "price_invalid"}
    proposal.refresh_from_db()
    assert proposal.price_minor == 300_000


def test_decisions_through_the_api(gig: Any, firm_owner: Any, freelancer: Any) -> None:
    owner, me = client_for(firm_owner), client_for(freelancer)
    first = ProposalFactory.create(gig=gig, freelancer=freelancer.freelancer_profile)
    assert me.post(f"/api/v1/proposals/{first.id}/withdraw/").json()["status"] == "withdrawn"
    second = ProposalFactory.create(gig=gig)
    assert owner.post(f"/api/v1/proposals/{second.id}/shortlist/").json()["status"] == (
        "shortlisted"
    )
    response = owner.post(f"/api/v1/proposals/{second.id}/shortlist/")
    assert response.status_code == 409
    assert response.json()["details"] == {"status": "shortlisted"}
    assert owner.post(f"/api/v1/proposals/{second.id}/decline/").json()["status"] == "declined"


def test_accept_returns_the_contract(gig: Any, firm_owner: Any) -> None:
    proposal = ProposalFactory.create(gig=gig)
    other = ProposalFactory.create(gig=gig)
    response = client_for(firm_owner).post(
        f"/api/v1/proposals/{proposal.id}/accept/",
        {
            "milestones": [
                {"title": "Design", "amount_minor": 100_000, "due_date": "2030-02-01"},
                {"title": "Build", "amount_minor": 200_000},
            ]
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["proposal_id"], body["status"], body["currency"]) == (
        proposal.id,
        "active",
        "EUR",
    )
    assert [
        (m["position"], m["title"], m["amount_minor"], m["due_date"]) for m in body["milestones"]
    ] == [
        (1, "Design", 100_000, "2030-02-01"),
        (2, "Build", 200_000, None),
    ]
    assert body["gig"]["status"] == "in_progress"
    other.refresh_from_db()
    assert other.status == "declined"
    # And the accepted proposal now points at its contract
    detail = client_for(firm_owner).get(f"/api/v1/proposals/{proposal.id}/").json()
    assert (detail["status"], detail["contract_id"]) == ("accepted", body["id"])


def test_accept_without_a_body_makes_one_milestone(gig: Any, firm_owner: Any) -> None:
    proposal = ProposalFactory.create(gig=gig)
    response = client_for(firm_owner).post(f"/api/v1/proposals/{proposal.id}/accept/")
    assert response.status_code == 201
    assert [(m["title"], m["amount_minor"]) for m in response.json()["milestones"]] == [
        ("Complete the work", 300_000)
    ]


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"milestones": [{"title": "All", "amount_minor": 1}]}, "milestones_invalid"),
        ({"milestones": []}, "milestones_invalid"),
        ({"milestones": [{"title": "All", "amount_minor": 2**64}]}, "milestones_invalid"),
        ({"milestones": [{"title": "All", "amount_minor": "300000x"}]}, "validation_error"),
        ({"milestones": [{"amount_minor": 300_000}]}, "validation_error"),
        ({"milestones": "all at once"}, "validation_error"),
        ({"milestones": [{"title": "A", "amount_minor": 1}] * 51}, "validation_error"),
        (
            {"milestones": [{"title": "A", "amount_minor": 300_000, "due_date": "soon"}]},
            "validation_error",
        ),
    ],
)
def test_invalid_accept_is_a_400_and_creates_nothing(
    gig: Any, firm_owner: Any, body: dict[str, Any], code: str
) -> None:
    proposal = ProposalFactory.create(gig=gig)
    response = client_for(firm_owner).post(
        f"/api/v1/proposals/{proposal.id}/accept/", body, format="json"
    )
    assert response.status_code == 400, response.json()
    assert response.json()["code"] == code
    assert Contract.objects.count() == 0
    assert Milestone.objects.count() == 0
    proposal.refresh_from_db()
    gig.refresh_from_db()
    assert (proposal.status, gig.status) == ("submitted", "open")


def test_unknown_proposal_is_a_404(firm_owner: Any) -> None:
    response = client_for(firm_owner).get("/api/v1/proposals/424242/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
