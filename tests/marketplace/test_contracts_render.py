"""The contract list renders plain rows (`marketplace.contracts.api.render`) for speed; its
output must stay exactly `ContractOutput` (the schema) for both parties, in their time zones."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.renderers import JSONRenderer
from rest_framework.test import APIClient
from tests.factories_flow import ContractFactory, MilestoneFactory, PublicProfileFactory
from tests.factories_trust import contract_between, firm_with_owner

from marketplace.contracts.api.serializers import ContractOutput
from marketplace.contracts.selectors import contract_list_mine

pytestmark = pytest.mark.django_db

CONTRACTS = "/api/v1/contracts/"


def _json(data: Any) -> Any:
    return json.loads(JSONRenderer().render(data))


def test_the_list_renders_exactly_contract_output() -> None:
    # Given a firm with an active contract (milestones with and without a due date), an ended
    # one, and a contract with no milestone; the freelancer of the first works on another firm's
    firm, owner = firm_with_owner()
    freelancer = PublicProfileFactory.create()
    active = contract_between(firm=firm, freelancer=freelancer, status="active")
    MilestoneFactory.create(contract=active, due_date=dt.date(2031, 3, 1), description="Design")
    contract_between(firm=firm, freelancer=PublicProfileFactory.create(), status="cancelled")
    bare = ContractFactory.create(proposal__gig__firm=firm)
    bare.milestones.all().delete()
    ContractFactory.create(proposal__freelancer=freelancer)
    owner.time_zone = "Asia/Kolkata"
    owner.save(update_fields=["time_zone"])
    freelancer.user.time_zone = "America/New_York"
    freelancer.user.save(update_fields=["time_zone"])
    for user in (owner, freelancer.user):
        client = APIClient()
        client.force_login(user)
        response = client.get(CONTRACTS)
        assert response.status_code == 200
        rows = response.json()["results"]
        ids = [row["id"] for row in rows]
        # Then the rows are the user's contracts, newest first, each exactly ContractOutput's,
        # keys in order, times in the user's zone
        contracts = list(contract_list_mine(user=user).order_by("-created_at", "-id"))
        assert ids == [c.id for c in contracts]
        assert len(ids) >= 2
        with timezone.override(user.time_zone):
            expected = _json([ContractOutput(c).data for c in contracts])
        assert rows == expected
        assert [list(row) for row in rows] == [list(row) for row in expected]
        assert all(list(m) == list(e) for r, x in zip(rows, expected, strict=True)
                   for m, e in zip(r["milestones"], x["milestones"], strict=True))  # fmt: skip


def test_a_list_page_costs_two_queries(django_assert_num_queries: Any) -> None:
    # Given a member of a firm with several contracts, each with milestones
    firm, owner = firm_with_owner()
    for _ in range(3):
        contract = contract_between(firm=firm, freelancer=PublicProfileFactory.create())
        MilestoneFactory.create(contract=contract)
    client = APIClient()
    client.force_authenticate(owner)
    # Then the page is the contracts' rows and their milestones, whatever their number
    with django_assert_num_queries(2):
        assert len(client.get(CONTRACTS).json()["results"]) == 3
