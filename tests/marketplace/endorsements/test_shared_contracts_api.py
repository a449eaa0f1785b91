"""`GET /freelancers/{slug}/shared-contracts/`: the contracts of a freelancer that the signed-in
freelancer shared (as a member of the hiring firm, or working for the same firm at the same
time), which an endorsement may name to be contract-backed."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient
from tests.conftest import client_for
from tests.factories import FirmMembershipFactory, SkillFactory, UserFactory
from tests.factories_trust import ago, contract_between, firm_with_owner, veteran

pytestmark = pytest.mark.django_db


def _shared(viewer: Any, slug: str) -> list[dict[str, Any]]:
    response = client_for(viewer).get(f"/api/v1/freelancers/{slug}/shared-contracts/")
    assert response.status_code == 200, response.content
    return list(response.json())


def test_who_shared_which_contract() -> None:
    firm, _owner = firm_with_owner()
    grace = veteran(slug="grace")
    older = contract_between(firm=firm, freelancer=grace, created=ago(days=90), ended=ago(days=60))
    newer = contract_between(firm=firm, freelancer=grace, created=ago(days=40), ended=ago(days=20))
    # A member of the hiring firm shared both, newest first, with what the form shows
    hirer = veteran()
    FirmMembershipFactory.create(firm=firm, user=hirer.user, role="member")
    rows = _shared(hirer.user, "grace")
    assert [r["id"] for r in rows] == [newer.id, older.id]
    assert rows[0]["firm"] == {"slug": firm.slug, "name": firm.name, "country": str(firm.country)}
    assert (rows[0]["title"], rows[0]["ended_at"] is not None) == (newer.title, True)
    # A colleague whose own contract with the firm overlapped the newer one shared only that
    colleague = veteran()
    contract_between(firm=firm, freelancer=colleague, created=ago(days=25), ended=ago(days=5))
    assert [r["id"] for r in _shared(colleague.user, "grace")] == [newer.id]
    # One who worked for another firm, and one with no profile, shared none
    elsewhere = veteran()
    contract_between(firm=firm_with_owner()[0], freelancer=elsewhere, created=ago(days=30))
    assert _shared(elsewhere.user, "grace") == []
    assert _shared(UserFactory.create(), "grace") == []
    # Nor is one's own profile a peer's
    assert _shared(grace.user, "grace") == []


def test_an_active_colleague_shares_an_active_contract() -> None:
    firm, _owner = firm_with_owner()
    grace, colleague = veteran(slug="grace"), veteran()
    running = contract_between(firm=firm, freelancer=grace, status="active", created=ago(days=3))
    contract_between(firm=firm, freelancer=colleague, status="active", created=ago(days=1))
    assert [r["id"] for r in _shared(colleague.user, "grace")] == [running.id]


def test_a_listed_contract_backs_the_endorsement() -> None:
    django_skill = SkillFactory.create(slug="django")
    firm, _owner = firm_with_owner()
    grace = veteran(skills=[django_skill], slug="grace")
    contract_between(firm=firm, freelancer=grace, created=ago(days=40), ended=ago(days=20))
    colleague = veteran()
    contract_between(firm=firm, freelancer=colleague, created=ago(days=30), ended=ago(days=10))
    (row,) = _shared(colleague.user, "grace")
    endorsed = client_for(colleague.user).post(
        "/api/v1/freelancers/grace/endorsements/", {"skill": "django", "contract_id": row["id"]}
    )
    assert endorsed.status_code == 201, endorsed.content
    assert endorsed.json()["contract_backed"] is True


def test_anonymous_visitors_are_refused_and_unknown_profiles_are_404() -> None:
    veteran(slug="grace")
    anonymous = APIClient().get("/api/v1/freelancers/grace/shared-contracts/")
    assert (anonymous.status_code, anonymous.json()["code"]) == (403, "not_authenticated")
    missing = client_for(UserFactory.create()).get("/api/v1/freelancers/nobody/shared-contracts/")
    assert (missing.status_code, missing.json()["code"]) == (404, "not_found")
