"""Each user's contract list comes from the cache until one of their contracts changes, and
every write that changes what it shows is seen by every party on their next read
(`marketplace.contracts.list_cache`)."""

from __future__ import annotations

from typing import Any

import pytest
from tests.conftest import client_for
from tests.factories_flow import ProposalFactory, Scene, member_of, open_gig, scene

from common import versioned_cache
from common.redis_cache import ReusedClientRedisCache
from marketplace.contracts import list_cache
from marketplace.contracts.models import Contract, MilestoneStatus
from marketplace.contracts.services import milestone_set_payment_status
from marketplace.firms.models import FirmMembership
from marketplace.firms.services import firm_member_add, firm_member_remove
from marketplace.proposals.services import proposal_accept

pytestmark = pytest.mark.django_db

CONTRACTS = "/api/v1/contracts/"


def _hire(cast: Scene, **gig: Any) -> Contract:
    proposal = ProposalFactory.create(
        gig=open_gig(firm=cast.firm, **gig), freelancer=cast.freelancer.freelancer_profile
    )
    return proposal_accept(proposal=proposal, by=cast.owner)


def _rows(client: Any) -> list[dict[str, Any]]:
    response = client.get(CONTRACTS)
    assert response.status_code == 200, response.content
    return list(response.json()["results"])


def _both(cast: Scene) -> list[Any]:
    return [client_for(cast.owner), client_for(cast.freelancer)]


def test_a_repeated_read_is_answered_from_the_cache(django_assert_num_queries: Any) -> None:
    cast = scene()
    _hire(cast)
    client = client_for(cast.owner)
    first = client.get(CONTRACTS).json()
    with django_assert_num_queries(0):
        again = client.get(CONTRACTS)
    assert again.json() == first
    # Filters and time zones are other pages
    with django_assert_num_queries(2):
        assert client.get(CONTRACTS, {"status": "active"}).json()["results"] == first["results"]


def test_each_user_reads_their_own_list() -> None:
    cast = scene()
    contract = _hire(cast)
    assert [r["id"] for r in _rows(client_for(cast.owner))] == [contract.id]
    # The same URL for a stranger is their own (empty) page, not the owner's
    assert _rows(client_for(cast.stranger)) == []


def test_a_new_contract_shows_for_both_parties_with_its_milestones() -> None:
    cast = scene()
    clients = _both(cast)
    assert [_rows(c) for c in clients] == [[], []]
    contract = _hire(cast)
    for client in clients:
        [row] = _rows(client)
        assert (row["id"], [m["status"] for m in row["milestones"]]) == (
            contract.id,
            ["awaiting_funding"],
        )


def test_escrow_states_show_for_both_parties_at_once() -> None:
    cast = scene()
    contract = _hire(cast)
    clients = _both(cast)
    for client in clients:
        assert _rows(client)[0]["milestones"][0]["status"] == "awaiting_funding"
    # When payments mirror the escrow's state (an UPDATE of the milestone, no signal)
    milestone = contract.milestones.get()
    milestone_set_payment_status(milestone=milestone, status=MilestoneStatus.FUNDED)
    for client in clients:
        assert _rows(client)[0]["milestones"][0]["status"] == "funded"


def test_completing_and_adding_milestones_show_at_once() -> None:
    cast = scene()
    contract = _hire(cast)
    owner, freelancer = _both(cast)
    assert _rows(freelancer)[0]["status"] == "active"
    added = owner.post(
        f"{CONTRACTS}{contract.id}/milestones/",
        {"title": "Second part", "amount_minor": 50_000},
    )
    assert added.status_code == 201, added.content
    assert [m["title"] for m in _rows(freelancer)[0]["milestones"]][-1] == "Second part"
    assert owner.post(f"{CONTRACTS}{contract.id}/complete/").status_code == 200
    for client in (owner, freelancer):
        [row] = _rows(client)
        assert (row["status"], row["gig"]["status"]) == ("completed", "completed")


def test_the_gig_firm_and_freelancer_shown_are_current() -> None:
    cast = scene()
    contract = _hire(cast, title="Old title")
    clients = _both(cast)
    for client in clients:
        _rows(client)
    # When the gig, the firm and the freelancer's profile change (model saves)
    gig = contract.gig
    gig.title = "New title"
    gig.save()
    firm = cast.firm
    firm.name = "Renamed firm"
    firm.save()
    profile = cast.freelancer.freelancer_profile
    profile.headline = "Now a data engineer"
    profile.save()
    # Then both parties read the new values
    for client in clients:
        [row] = _rows(client)
        assert (row["gig"]["title"], row["firm"]["name"], row["gig"]["firm"]["name"]) == (
            "New title",
            "Renamed firm",
            "Renamed firm",
        )
        assert row["freelancer"]["headline"] == "Now a data engineer"


def test_joining_and_leaving_the_firm_change_the_list_at_once() -> None:
    cast = scene()
    contract = _hire(cast)
    newcomer = member_of(scene().firm)  # a member of another firm, reading their list
    client = client_for(newcomer)
    assert _rows(client) == []
    firm_member_add(firm=cast.firm, by=cast.owner, email=newcomer.email, role="member")
    assert [r["id"] for r in _rows(client)] == [contract.id]
    firm_member_remove(firm=cast.firm, by=cast.owner, user_id=newcomer.pk)
    assert not FirmMembership.objects.filter(firm=cast.firm, user=newcomer).exists()
    assert _rows(client) == []


def test_without_the_bumps_the_list_would_be_stale(monkeypatch: pytest.MonkeyPatch) -> None:
    # The tests above pass because writes bump the parties' versions: without them, stale.
    monkeypatch.setattr(list_cache, "contract_lists_changed", lambda **_: None)
    cast = scene()
    contract = _hire(cast)
    owner = client_for(cast.owner)
    assert _rows(owner)[0]["milestones"][0]["status"] == "awaiting_funding"
    milestone_set_payment_status(milestone=contract.milestones.get(), status="funded")
    assert _rows(owner)[0]["milestones"][0]["status"] == "awaiting_funding"


def test_while_redis_is_unreachable_the_list_is_built_and_writes_go_through(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    cast = scene()
    contract = _hire(cast)
    away = ReusedClientRedisCache(
        "redis://127.0.0.1:1/0",
        {"OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2}},
    )
    monkeypatch.setattr(versioned_cache, "cache", away)
    owner = client_for(cast.owner)
    assert [r["id"] for r in _rows(owner)] == [contract.id]
    milestone_set_payment_status(milestone=contract.milestones.get(), status="funded")
    assert _rows(owner)[0]["milestones"][0]["status"] == "funded"
    assert "page cache unavailable" in caplog.text
