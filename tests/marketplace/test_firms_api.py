"""Firm endpoints: my firms, the public firm page, and members (visible to members only)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient
from tests.conftest import client_for
from tests.factories import FirmFactory, FirmMembershipFactory, UserFactory

from marketplace.firms.models import Firm, FirmMembership

pytestmark = pytest.mark.django_db

FIRMS = "/api/v1/firms/"


@pytest.fixture
def cast(db: Any) -> dict[str, Any]:
    """A firm with an owner and a member, plus a stranger, staff and an anonymous client."""
    owner = FirmMembershipFactory.create(role="owner", firm__slug="acme", user__email="o@x.test")
    member = FirmMembershipFactory.create(firm=owner.firm, role="member", user__email="m@x.test")
    other_firm_owner = FirmMembershipFactory.create(role="owner").user
    return {
        "firm": owner.firm,
        "owner": owner.user,
        "member": member.user,
        "other_firm_owner": other_firm_owner,
        "stranger": UserFactory.create(),
        "staff": UserFactory.create(is_staff=True),
    }


def _client(cast: dict[str, Any], who: str) -> APIClient:
    return APIClient() if who == "anonymous" else client_for(cast[who])


WHO = ["owner", "member", "other_firm_owner", "stranger", "staff", "anonymous"]


def _matrix(
    cast: dict[str, Any], expected: dict[str, int], call: Any
) -> dict[str, tuple[int, str | None]]:
    """Run `call(client, who)` per caller; returns status and error code per caller."""
    seen = {}
    for who in WHO:
        response = call(_client(cast, who), who)
        code = response.json().get("code") if response.status_code >= 400 else None
        seen[who] = (response.status_code, code)
    assert {who: status for who, (status, _code) in seen.items()} == expected
    return seen


# --- my firms -------------------------------------------------------------------------------


def test_my_firms_lists_only_mine_with_my_role(cast: dict[str, Any]) -> None:
    second = FirmMembershipFactory.create(user=cast["member"], role="owner", firm__slug="zeta")
    body = client_for(cast["member"]).get(FIRMS).json()
    assert [(row["slug"], row["role"]) for row in body["results"]] == [
        (second.firm.slug, "owner"),
        ("acme", "member"),
    ]
    assert client_for(cast["stranger"]).get(FIRMS).json()["results"] == []


def test_my_firms_needs_sign_in(api: APIClient) -> None:
    response = api.get(FIRMS)
    assert (response.status_code, response.json()["code"]) == (403, "not_authenticated")


def test_my_firms_paginates() -> None:
    user = UserFactory.create()
    slugs = [FirmMembershipFactory.create(user=user, role="member").firm.slug for _ in range(3)]
    client = client_for(user)
    first = client.get(FIRMS, {"page_size": 2}).json()
    second = client.get(first["next"]).json()
    assert [r["slug"] for r in first["results"] + second["results"]] == list(reversed(slugs))
    assert second["next"] is None


def test_my_firms_query_count_does_not_grow(django_assert_num_queries: Any) -> None:
    user = UserFactory.create()
    for _ in range(3):
        FirmMembershipFactory.create(user=user)
    client = client_for(user)
    with CaptureQueriesContext(connection) as few:
        assert len(client.get(FIRMS).json()["results"]) == 3
    for _ in range(3):
        FirmMembershipFactory.create(user=user)
    with django_assert_num_queries(len(few)):
        assert len(client.get(FIRMS).json()["results"]) == 6
    assert len(few) == 1


# --- create ---------------------------------------------------------------------------------


def test_create_makes_me_the_owner() -> None:
    user = UserFactory.create()
    response = client_for(user).post(
        FIRMS, {"name": "Blue Fox Studio", "country": "NL", "time_zone": "Europe/Amsterdam"}
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["slug"], body["role"], body["country"], body["size"]) == (
        "blue-fox-studio",
        "owner",
        "NL",
        "solo",
    )
    assert FirmMembership.objects.get(firm__slug="blue-fox-studio").user == user


def test_create_needs_sign_in(api: APIClient) -> None:
    response = api.post(FIRMS, {"name": "Anon", "country": "FR"})
    assert (response.status_code, response.json()["code"]) == (403, "not_authenticated")
    assert Firm.objects.count() == 0


@pytest.mark.parametrize(
    ("body", "code", "field"),
    [
        ({"country": "FR"}, "validation_error", "name"),
        ({"name": "x" * 10_000, "country": "FR"}, "validation_error", "name"),
        ({"name": "   ", "country": "FR"}, "validation_error", "name"),
        ({"name": ["A"], "country": "FR"}, "validation_error", "name"),
        ({"name": "A firm"}, "validation_error", "country"),
        ({"name": "A firm", "country": "XX"}, "validation_error", "country"),
        (
            {"name": "A firm", "country": "FR", "time_zone": "Paris"},
            "validation_error",
            "time_zone",
        ),
        ({"name": "A firm", "country": "FR", "size": 7}, "validation_error", "size"),
        (
            {"name": "A firm", "country": "FR", "website": "javascript:alert(1)"},
            "validation_error",
            "website",
        ),
        ({"name": "A firm", "country": "FR", "slug": "UPPER"}, "validation_error", "slug"),
        (
            {"name": "A firm", "country": "FR", "working_hours_end": "late"},
            "validation_error",
            "working_hours_end",
        ),
        (
            {"name": "A firm", "country": "FR", "working_hours_start": "17:00"},
            "validation_error",
            "working_hours_end",
        ),
    ],
)
def test_create_refuses_bad_input(body: dict[str, Any], code: str, field: str) -> None:
    response = client_for(UserFactory.create()).post(FIRMS, body)
    assert response.status_code == 400, response.content
    assert response.json()["code"] == code
    assert list(response.json()["details"]) == [field]
    assert Firm.objects.count() == 0


def test_create_with_a_taken_slug(cast: dict[str, Any]) -> None:
    response = client_for(cast["stranger"]).post(
        FIRMS, {"name": "Acme", "country": "FR", "slug": "acme"}
    )
    assert (response.status_code, response.json()["code"]) == (400, "slug_taken")
    response = client_for(cast["stranger"]).post(FIRMS, {"name": "Acme", "country": "FR"})
    assert (response.status_code, response.json()["slug"]) == (201, "acme-2")


# --- public page and edits ----------------------------------------------------------------


def test_firm_page_is_public(cast: dict[str, Any]) -> None:
    firm = cast["firm"]
    expected = {
        "id": firm.pk,
        "slug": "acme",
        "name": firm.name,
        "description": "",
        "country": "FR",
        "time_zone": "Europe/Paris",
        "working_hours_start": "09:00:00",
        "working_hours_end": "17:00:00",
        "size": "solo",
        "website": "",
        "logo": None,
        "created_at": firm.created_at.isoformat().replace("+00:00", "Z"),
        # A firm without ended contracts: every count zero, no share claimed, said so
        "reputation": {
            "is_new": True,
            "note": "New firm, not enough history yet.",
            "rating": {
                "average": None,
                "count": 0,
                "distribution": {"1": 0, "2": 0, "3": 0, "4": 0, "5": 0},
            },
            "contracts_ended": 0,
            "contracts_completed": 0,
            "contracts_cancelled": 0,
            "contracts_cancelled_by_firm": 0,
            "contracts_disputed": 0,
            "milestones_funded_on_time": {"measured": 0, "on_time": 0, "percent": None},
            "milestones_released_on_time": {"measured": 0, "on_time": 0, "percent": None},
        },
    }
    for who in WHO:
        response = _client(cast, who).get(f"{FIRMS}acme/")
        assert (response.status_code, response.json()) == (200, expected), who


def test_unknown_firm_is_404(api: APIClient) -> None:
    response = api.get(f"{FIRMS}nope/")
    assert (response.status_code, response.json()["code"]) == (404, "not_found")


def test_edit_permission_matrix(cast: dict[str, Any]) -> None:
    def call(client: APIClient, who: str) -> Any:
        return client.patch(f"{FIRMS}acme/", {"description": f"by {who}"})

    seen = _matrix(
        cast,
        {
            "owner": 200,
            "member": 403,
            "other_firm_owner": 403,
            "stranger": 403,
            "staff": 403,
            "anonymous": 403,
        },
        call,
    )
    assert seen["member"][1] == "permission_denied"
    assert seen["anonymous"][1] == "not_authenticated"
    cast["firm"].refresh_from_db()
    assert cast["firm"].description == "by owner"


def test_edit_refuses_bad_input(cast: dict[str, Any]) -> None:
    client = client_for(cast["owner"])
    for body, field in [
        ({"description": "d" * 10_000}, "description"),
        ({"website": "not a url"}, "website"),
        ({"country": 12}, "country"),
        ({"name": ""}, "name"),
    ]:
        response = client.patch(f"{FIRMS}acme/", body)
        assert response.status_code == 400, body
        assert list(response.json()["details"]) == [field]
    cast["firm"].refresh_from_db()
    assert (cast["firm"].description, cast["firm"].website) == ("", "")


def test_edit_unknown_firm_is_404(cast: dict[str, Any]) -> None:
    response = client_for(cast["owner"]).patch(f"{FIRMS}nope/", {"name": "X"})
    assert response.status_code == 404


# --- members --------------------------------------------------------------------------------


def test_members_list_matrix(cast: dict[str, Any]) -> None:
    def call(client: APIClient, who: str) -> Any:
        return client.get(f"{FIRMS}acme/members/")

    seen = _matrix(
        cast,
        {
            "owner": 200,
            "member": 200,
            "other_firm_owner": 404,
            "stranger": 404,
            "staff": 200,
            "anonymous": 403,
        },
        call,
    )
    assert seen["stranger"][1] == "not_found"
    body = client_for(cast["member"]).get(f"{FIRMS}acme/members/").json()
    assert [(m["email"], m["role"]) for m in body["results"]] == [
        ("m@x.test", "member"),
        ("o@x.test", "owner"),
    ]
    assert set(body["results"][0]) == {"user_id", "email", "full_name", "role", "joined_at"}


def test_members_of_an_unknown_firm_is_404(cast: dict[str, Any]) -> None:
    assert client_for(cast["owner"]).get(f"{FIRMS}nope/members/").status_code == 404


def test_members_list_query_count_does_not_grow(
    cast: dict[str, Any], django_assert_num_queries: Any
) -> None:
    client = client_for(cast["owner"])
    for _ in range(2):
        FirmMembershipFactory.create(firm=cast["firm"], role="member")
    with CaptureQueriesContext(connection) as few:
        assert len(client.get(f"{FIRMS}acme/members/").json()["results"]) == 4
    for _ in range(4):
        FirmMembershipFactory.create(firm=cast["firm"], role="member")
    with django_assert_num_queries(len(few)):
        assert len(client.get(f"{FIRMS}acme/members/").json()["results"]) == 8
    # The firm, the caller's membership, the page of members with their users.
    assert len(few) == 3


def test_members_list_paginates(cast: dict[str, Any]) -> None:
    client = client_for(cast["owner"])
    first = client.get(f"{FIRMS}acme/members/", {"page_size": 1}).json()
    second = client.get(first["next"]).json()
    assert [m["email"] for m in first["results"] + second["results"]] == [
        "m@x.test",
        "o@x.test",
    ]
    assert second["next"] is None


def test_add_member_matrix(cast: dict[str, Any]) -> None:
    newcomers = {who: UserFactory.create(email=f"new-{who}@x.test") for who in WHO}

    def call(client: APIClient, who: str) -> Any:
        return client.post(f"{FIRMS}acme/members/", {"email": newcomers[who].email})

    seen = _matrix(
        cast,
        {
            "owner": 201,
            "member": 403,
            "other_firm_owner": 404,
            "stranger": 404,
            "staff": 403,
            "anonymous": 403,
        },
        call,
    )
    assert seen["anonymous"][1] == "not_authenticated"
    added = FirmMembership.objects.filter(firm=cast["firm"], user__email__startswith="new-")
    assert list(added.values_list("user__email", "role")) == [("new-owner@x.test", "member")]


def test_add_member_as_owner_and_refusals(cast: dict[str, Any]) -> None:
    client = client_for(cast["owner"])
    newcomer = UserFactory.create(email="lea@x.test", full_name="Lea")
    response = client.post(f"{FIRMS}acme/members/", {"email": "LEA@x.test", "role": "owner"})
    assert response.status_code == 201
    body = response.json()
    assert (body["user_id"], body["email"], body["full_name"], body["role"]) == (
        newcomer.pk,
        "lea@x.test",
        "Lea",
        "owner",
    )
    for payload, status, code in [
        ({"email": "lea@x.test"}, 409, "member_exists"),
        ({"email": "ghost@x.test"}, 400, "user_not_found"),
        ({"email": "not-an-email"}, 400, "validation_error"),
        ({"email": "e" * 10_000 + "@x.test"}, 400, "validation_error"),
        ({"email": "lea@x.test", "role": "boss"}, 400, "validation_error"),
        ({}, 400, "validation_error"),
    ]:
        response = client.post(f"{FIRMS}acme/members/", payload)
        assert (response.status_code, response.json()["code"]) == (status, code), payload
    assert FirmMembership.objects.filter(firm=cast["firm"]).count() == 3


def test_change_role_matrix(cast: dict[str, Any]) -> None:
    target = FirmMembershipFactory.create(firm=cast["firm"], role="member")

    def call(client: APIClient, who: str) -> Any:
        return client.patch(f"{FIRMS}acme/members/{target.user_id}/", {"role": "owner"})

    _matrix(
        cast,
        {
            "owner": 200,
            "member": 403,
            "other_firm_owner": 404,
            "stranger": 404,
            "staff": 403,
            "anonymous": 403,
        },
        call,
    )
    target.refresh_from_db()
    assert target.role == "owner"


def test_change_role_refusals(cast: dict[str, Any]) -> None:
    client = client_for(cast["owner"])
    owner_id = cast["owner"].pk
    response = client.patch(f"{FIRMS}acme/members/{owner_id}/", {"role": "member"})
    assert (response.status_code, response.json()["code"]) == (409, "last_owner")
    response = client.patch(f"{FIRMS}acme/members/{owner_id}/", {"role": "emperor"})
    assert (response.status_code, response.json()["code"]) == (400, "validation_error")
    response = client.patch(f"{FIRMS}acme/members/{cast['stranger'].pk}/", {"role": "owner"})
    assert (response.status_code, response.json()["code"]) == (404, "not_found")
    response = client.patch(f"{FIRMS}acme/members/999999999/", {"role": "owner"})
    assert response.status_code == 404
    assert FirmMembership.objects.get(firm=cast["firm"], user=cast["owner"]).role == "owner"


def test_remove_someone_else_matrix(cast: dict[str, Any]) -> None:
    targets = {who: FirmMembershipFactory.create(firm=cast["firm"], role="member") for who in WHO}

    def call(client: APIClient, who: str) -> Any:
        return client.delete(f"{FIRMS}acme/members/{targets[who].user_id}/")

    _matrix(
        cast,
        {
            "owner": 204,
            "member": 403,
            "other_firm_owner": 404,
            "stranger": 404,
            "staff": 403,
            "anonymous": 403,
        },
        call,
    )
    remaining = {who for who, m in targets.items() if FirmMembership.objects.filter(pk=m.pk)}
    assert remaining == set(WHO) - {"owner"}


def test_a_member_may_leave(cast: dict[str, Any]) -> None:
    response = client_for(cast["member"]).delete(f"{FIRMS}acme/members/{cast['member'].pk}/")
    assert response.status_code == 204
    assert not FirmMembership.objects.filter(user=cast["member"]).exists()
    # And afterwards the members list is closed to them
    response = client_for(cast["member"]).get(f"{FIRMS}acme/members/")
    assert response.status_code == 404


def test_the_last_owner_cannot_leave_through_the_api(cast: dict[str, Any]) -> None:
    response = client_for(cast["owner"]).delete(f"{FIRMS}acme/members/{cast['owner'].pk}/")
    assert (response.status_code, response.json()["code"]) == (409, "last_owner")
    assert FirmMembership.objects.filter(user=cast["owner"], firm=cast["firm"]).exists()


def test_firm_lists_never_show_foreign_rows(cast: dict[str, Any]) -> None:
    FirmFactory.create(slug="unrelated")
    body = client_for(cast["owner"]).get(FIRMS).json()
    assert [row["slug"] for row in body["results"]] == ["acme"]


def test_member_writes_are_throttled_but_reads_are_not(
    cast: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from rest_framework.throttling import ScopedRateThrottle

    monkeypatch.setitem(ScopedRateThrottle.THROTTLE_RATES, "writes", "1/min")
    client = client_for(cast["owner"])
    assert [client.get(f"{FIRMS}acme/members/").status_code for _ in range(3)] == [200] * 3
    assert client.get(f"{FIRMS}acme/").status_code == 200
    assert client.patch(f"{FIRMS}acme/", {"name": "One"}).status_code == 200
    response = client.patch(f"{FIRMS}acme/", {"name": "Two"})
    assert (response.status_code, response.json()["code"]) == (429, "throttled")
