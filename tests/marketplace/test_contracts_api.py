"""Contract endpoints, and who may use them (owner / freelancer / stranger / anonymous / staff)."""

from __future__ import annotations

from typing import Any

import pytest
from tests.conftest import client_for
from tests.factories_flow import (
    ROLES,
    ContractFactory,
    MilestoneFactory,
    ProposalFactory,
    Scene,
    assert_refused,
    client_as,
    open_gig,
    scene,
)

from marketplace.contracts.models import Contract, Milestone
from marketplace.proposals.services import proposal_accept

pytestmark = pytest.mark.django_db


def _hire(cast: Scene) -> Contract:
    """A contract made the real way between the scene's firm and freelancer."""
    proposal = ProposalFactory.create(
        gig=open_gig(firm=cast.firm), freelancer=cast.freelancer.freelancer_profile
    )
    return proposal_accept(proposal=proposal, by=cast.owner)


def _ids(response: Any) -> list[int]:
    assert response.status_code == 200, response.json()
    return [row["id"] for row in response.json()["results"]]


def test_contract_detail_shape() -> None:
    cast = scene()
    contract = _hire(cast)
    body = client_as(cast, "freelancer").get(f"/api/v1/contracts/{contract.id}/").json()
    assert body["id"] == contract.id
    assert body["firm"] == {"slug": cast.firm.slug, "name": cast.firm.name, "country": "FR"}
    assert body["freelancer"]["slug"] == cast.freelancer.freelancer_profile.slug
    assert body["gig"]["status"] == "in_progress"
    assert body["terms"]["proposal"] == {
        "price_minor": 300_000,
        "currency": "EUR",
        "estimated_duration_days": 30,
    }
    assert [
        (m["position"], m["title"], m["amount_minor"], m["status"]) for m in body["milestones"]
    ] == [(1, "Complete the work", 300_000, "awaiting_funding")]
    assert (body["status"], body["ended_at"]) == ("active", None)


def test_complete_and_cancel_through_the_api() -> None:
    cast = scene()
    first, second = _hire(cast), _hire(cast)
    response = client_as(cast, "owner").post(f"/api/v1/contracts/{first.id}/complete/")
    assert (response.status_code, response.json()["status"]) == (200, "completed")
    assert response.json()["gig"]["status"] == "completed"
    response = client_as(cast, "freelancer").post(f"/api/v1/contracts/{second.id}/cancel/")
    assert (response.status_code, response.json()["status"]) == (200, "cancelled")
    assert [m["status"] for m in response.json()["milestones"]] == ["cancelled"]
    response = client_as(cast, "owner").post(f"/api/v1/contracts/{second.id}/complete/")
    assert response.status_code == 409
    assert response.json() == {
        "code": "invalid_state",
        "message": "Not possible while the contract is in status “Cancelled”.",
        "details": {"status": "cancelled"},
    }


def test_owner_adds_a_milestone() -> None:
    cast = scene()
    contract = _hire(cast)
    response = client_as(cast, "owner").post(
        f"/api/v1/contracts/{contract.id}/milestones/",
        {"title": "Newsletter", "amount_minor": 50_000, "due_date": "2030-03-01"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert {k: response.json()[k] for k in ("position", "title", "amount_minor", "due_date")} == {
        "position": 2,
        "title": "Newsletter",
        "amount_minor": 50_000,
        "due_date": "2030-03-01",
    }


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"title": "X", "amount_minor": 0}, "milestones_invalid"),
        ({"title": "X", "amount_minor": -1}, "milestones_invalid"),
        ({"title": "X", "amount_minor": 2**63}, "milestones_invalid"),
        ({"title": "X", "amount_minor": "many"}, "validation_error"),
        ({"title": "X", "amount_minor": 1.25}, "validation_error"),
        ({"title": "X"}, "validation_error"),
        ({"amount_minor": 1}, "validation_error"),
        ({"title": "X", "amount_minor": 1, "due_date": "31/12/2030"}, "validation_error"),
        ({"title": "x" * 141, "amount_minor": 1}, "validation_error"),
    ],
)
def test_invalid_milestone_is_a_400(body: dict[str, Any], code: str) -> None:
    cast = scene()
    contract = _hire(cast)
    response = client_as(cast, "owner").post(
        f"/api/v1/contracts/{contract.id}/milestones/", body, format="json"
    )
    assert response.status_code == 400, response.json()
    assert response.json()["code"] == code
    assert contract.milestones.count() == 1


def test_contract_filters() -> None:
    cast = scene()
    active, ended = _hire(cast), _hire(cast)
    Contract.objects.filter(pk=ended.pk).update(status="completed")
    # The owner also works as a freelancer on another firm's contract
    from tests.factories_flow import public_profile

    own_work = ContractFactory.create(
        proposal__freelancer=public_profile(user=cast.owner),
    )
    client = client_as(cast, "owner")
    assert sorted(_ids(client.get("/api/v1/contracts/"))) == sorted(
        [active.id, ended.id, own_work.id]
    )
    assert _ids(client.get("/api/v1/contracts/", {"status": "completed"})) == [ended.id]
    assert _ids(client.get("/api/v1/contracts/", {"role": "freelancer"})) == [own_work.id]
    assert sorted(_ids(client.get("/api/v1/contracts/", {"role": "firm"}))) == sorted(
        [active.id, ended.id]
    )
    assert client.get("/api/v1/contracts/", {"role": "boss"}).status_code == 400


def test_contract_list_queries_do_not_grow(freelancer: Any, django_assert_num_queries: Any) -> None:
    profile = freelancer.freelancer_profile
    client = client_for(freelancer)
    for n in (3, 6):
        while Contract.objects.count() < n:
            contract = ContractFactory.create(proposal__freelancer=profile)
            MilestoneFactory.create(contract=contract)
        # the page, the milestones prefetch
        with django_assert_num_queries(2):
            assert len(client.get("/api/v1/contracts/").json()["results"]) == n


def test_unknown_contract_is_a_404(freelancer: Any) -> None:
    response = client_for(freelancer).get("/api/v1/contracts/987654/")
    assert (response.status_code, response.json()["code"]) == (404, "not_found")


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
    ("post", "complete/", None, _row(200, 403, 404, 403, 403)),
    ("post", "cancel/", None, _row(200, 200, 404, 403, 403)),
    (
        "post",
        "milestones/",
        {"title": "More", "amount_minor": 1_000},
        _row(201, 403, 404, 403, 403),
    ),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("method", "suffix", "body", "expected"),
    MATRIX,
    ids=[f"{method}-{suffix or 'detail'}" for method, suffix, _, _ in MATRIX],
)
def test_contract_route_permissions(
    method: str, suffix: str, body: dict[str, Any] | None, expected: dict[str, int], role: str
) -> None:
    cast = scene()
    contract = _hire(cast)
    before = Contract.objects.values("status", "ended_at", "updated_at").get(pk=contract.pk)
    client = client_as(cast, role)
    url = f"/api/v1/contracts/{contract.id}/{suffix}"
    response = client.get(url) if method == "get" else client.post(url, body, format="json")

    status = expected[role]
    assert_refused(response, role=role, status=status)
    if status >= 400:
        after = Contract.objects.values("status", "ended_at", "updated_at").get(pk=contract.pk)
        assert after == before
        assert list(Milestone.objects.values_list("status", flat=True)) == ["awaiting_funding"]


@pytest.mark.parametrize(
    ("role", "sees"), [("owner", True), ("freelancer", True), ("stranger", False), ("staff", False)]
)
def test_my_contract_list_per_role(role: str, sees: bool) -> None:
    cast = scene()
    contract = _hire(cast)
    ContractFactory.create()  # someone else's
    assert _ids(client_as(cast, role).get("/api/v1/contracts/")) == ([contract.id] if sees else [])


def test_anonymous_contract_list_is_refused(api: Any) -> None:
    response = api.get("/api/v1/contracts/")
    assert (response.status_code, response.json()["code"]) == (403, "not_authenticated")
