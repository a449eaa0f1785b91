"""Invitation endpoints and who may use them: owner, freelancer, stranger, anonymous, staff."""

from __future__ import annotations

from typing import Any

import pytest
from tests.conftest import client_for
from tests.factories import FirmFactory, FreelancerProfileFactory
from tests.factories_flow import (
    ROLES,
    InvitationFactory,
    assert_refused,
    client_as,
    draft_gig,
    open_gig,
    public_profile,
    scene,
)

from marketplace.proposals.models import Invitation

pytestmark = pytest.mark.django_db


def _ids(response: Any) -> list[int]:
    assert response.status_code == 200, response.json()
    return [row["id"] for row in response.json()["results"]]


def test_owner_invites_and_lists(firm: Any, firm_owner: Any) -> None:
    gig = open_gig(firm=firm)
    profile = public_profile()
    client = client_for(firm_owner)
    response = client.post(
        f"/api/v1/gigs/{gig.id}/invitations/",
        {"freelancer": profile.slug, "message": "Would you?"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["status"], body["message"], body["freelancer"]["slug"]) == (
        "pending",
        "Would you?",
        profile.slug,
    )
    assert body["gig"]["id"] == gig.id
    assert _ids(client.get(f"/api/v1/gigs/{gig.id}/invitations/")) == [body["id"]]


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"freelancer": "nobody-by-that-name"}, 400, "validation_error"),
        ({"freelancer": "not a slug"}, 400, "validation_error"),
        ({"freelancer": 12}, 400, "validation_error"),
        ({}, 400, "validation_error"),
        ({"freelancer": "draft-one"}, 409, "profile_not_public"),
        ({"freelancer": "invited-already"}, 409, "invitation_exists"),
        ({"freelancer": "public-one", "message": "x" * 2001}, 400, "validation_error"),
    ],
)
def test_invalid_invitation_is_4xx_with_a_code(
    firm: Any, firm_owner: Any, body: dict[str, Any], status: int, code: str
) -> None:
    gig = open_gig(firm=firm)
    FreelancerProfileFactory.create(slug="draft-one", visibility="draft")
    public_profile(slug="public-one")
    InvitationFactory.create(gig=gig, freelancer=public_profile(slug="invited-already"))
    response = client_for(firm_owner).post(
        f"/api/v1/gigs/{gig.id}/invitations/", body, format="json"
    )
    assert response.status_code == status, response.json()
    assert response.json()["code"] == code
    assert Invitation.objects.count() == 1


def test_inviting_on_a_closed_gig_is_gig_not_open(firm: Any, firm_owner: Any) -> None:
    gig = open_gig(firm=firm, status="closed")
    response = client_for(firm_owner).post(
        f"/api/v1/gigs/{gig.id}/invitations/", {"freelancer": public_profile().slug}, format="json"
    )
    assert response.status_code == 409
    assert response.json()["code"] == "gig_not_open"


def test_my_invitations_received_and_sent_never_foreign(
    firm: Any, firm_owner: Any, freelancer: Any
) -> None:
    sent = InvitationFactory.create(gig=open_gig(firm=firm))
    received = InvitationFactory.create(freelancer=freelancer.freelancer_profile)
    InvitationFactory.create(gig=open_gig(firm=FirmFactory.create()))
    assert _ids(client_for(firm_owner).get("/api/v1/invitations/")) == [sent.id]
    assert _ids(client_for(freelancer).get("/api/v1/invitations/")) == [received.id]


def test_invitation_filters(freelancer: Any) -> None:
    profile = freelancer.freelancer_profile
    pending = InvitationFactory.create(freelancer=profile)
    declined = InvitationFactory.create(freelancer=profile, status="declined")
    client = client_for(freelancer)
    assert _ids(client.get("/api/v1/invitations/", {"status": "declined"})) == [declined.id]
    assert _ids(client.get("/api/v1/invitations/", {"gig": pending.gig_id})) == [pending.id]
    assert client.get("/api/v1/invitations/", {"status": "x"}).status_code == 400


def test_decline_and_revoke(firm: Any, firm_owner: Any, freelancer: Any) -> None:
    gig = open_gig(firm=firm)
    first = InvitationFactory.create(gig=gig, freelancer=freelancer.freelancer_profile)
    second = InvitationFactory.create(gig=gig)
    response = client_for(freelancer).post(f"/api/v1/invitations/{first.id}/decline/")
    assert (response.status_code, response.json()["status"]) == (200, "declined")
    response = client_for(firm_owner).post(f"/api/v1/invitations/{second.id}/revoke/")
    assert (response.status_code, response.json()["status"]) == (200, "revoked")
    response = client_for(firm_owner).post(f"/api/v1/invitations/{second.id}/revoke/")
    assert response.status_code == 409
    assert response.json()["details"] == {"status": "revoked"}


def test_invitation_list_queries_do_not_grow(
    firm: Any, firm_owner: Any, django_assert_num_queries: Any
) -> None:
    gig = open_gig(firm=firm)
    client = client_for(firm_owner)
    for n in (3, 6):
        while Invitation.objects.count() < n:
            InvitationFactory.create(gig=gig)
        with django_assert_num_queries(1):
            assert len(client.get("/api/v1/invitations/").json()["results"]) == n
        # the gig, the membership check, the page
        with django_assert_num_queries(3):
            assert len(client.get(f"/api/v1/gigs/{gig.id}/invitations/").json()["results"]) == n


def _row(owner: int, freelancer: int, stranger: int, anonymous: int, staff: int) -> dict[str, int]:
    return {
        "owner": owner,
        "freelancer": freelancer,
        "stranger": stranger,
        "anonymous": anonymous,
        "staff": staff,
    }


# (gig state, method, route, expected): the invitation is the freelancer's, on the gig
MATRIX: list[tuple[str, str, str, dict[str, int]]] = [
    ("open", "get", "gig", _row(200, 403, 403, 403, 200)),
    ("draft", "get", "gig", _row(200, 404, 404, 403, 200)),
    ("open", "post", "gig", _row(201, 403, 403, 403, 403)),
    ("open", "post", "decline/", _row(403, 200, 404, 403, 403)),
    ("open", "post", "revoke/", _row(200, 403, 404, 403, 403)),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("state", "method", "route", "expected"),
    MATRIX,
    ids=[f"{state}-{method}-{route}" for state, method, route, _ in MATRIX],
)
def test_invitation_route_permissions(
    state: str, method: str, route: str, expected: dict[str, int], role: str
) -> None:
    cast = scene()
    gig = open_gig(firm=cast.firm) if state == "open" else draft_gig(firm=cast.firm)
    invitation = InvitationFactory.create(
        gig=gig, freelancer=cast.freelancer.freelancer_profile, invited_by=cast.owner
    )
    client = client_as(cast, role)
    if route == "gig":
        url = f"/api/v1/gigs/{gig.id}/invitations/"
        if method == "get":
            response = client.get(url)
        else:
            response = client.post(url, {"freelancer": public_profile().slug}, format="json")
    else:
        response = client.post(f"/api/v1/invitations/{invitation.id}/{route}")

    status = expected[role]
    assert_refused(response, role=role, status=status)
    if status >= 400:
        assert list(Invitation.objects.values_list("id", "status")) == [(invitation.id, "pending")]


@pytest.mark.parametrize(
    ("role", "sees"), [("owner", True), ("freelancer", True), ("stranger", False), ("staff", False)]
)
def test_my_invitation_list_per_role(role: str, sees: bool) -> None:
    cast = scene()
    invitation = InvitationFactory.create(
        gig=open_gig(firm=cast.firm), freelancer=cast.freelancer.freelancer_profile
    )
    InvitationFactory.create()
    assert _ids(client_as(cast, role).get("/api/v1/invitations/")) == (
        [invitation.id] if sees else []
    )


def test_anonymous_invitation_list_is_refused(api: Any) -> None:
    response = api.get("/api/v1/invitations/")
    assert response.status_code == 403
    assert response.json()["code"] == "not_authenticated"
