"""Who may do what to a gig: every object route × owner / freelancer / stranger / anonymous / staff.

"freelancer" is the counterparty: on a staffed gig, the freelancer hired for it; on a hidden
gig, one who proposed before moderation hid it. A refused request changes nothing.
"""

from __future__ import annotations

import pytest
from tests.factories_flow import (
    ROLES,
    ProposalFactory,
    Scene,
    assert_refused,
    client_as,
    draft_gig,
    open_gig,
    scene,
)

from marketplace.gigs.models import Gig
from marketplace.proposals.services import proposal_accept

pytestmark = pytest.mark.django_db


def _gig_in(state: str, cast: Scene) -> Gig:
    if state == "draft":
        return draft_gig(firm=cast.firm)
    if state == "open":
        return open_gig(firm=cast.firm)
    if state == "closed":
        return open_gig(firm=cast.firm, status="closed")
    if state == "staffed":
        gig = open_gig(firm=cast.firm)
        proposal = ProposalFactory.create(gig=gig, freelancer=cast.freelancer.freelancer_profile)
        proposal_accept(proposal=proposal, by=cast.owner)
        gig.refresh_from_db()
        return gig
    if state == "hidden":
        gig = open_gig(firm=cast.firm, moderation_state="hidden")
        ProposalFactory.create(gig=gig, freelancer=cast.freelancer.freelancer_profile)
        return gig
    raise AssertionError(state)


def _row(owner: int, freelancer: int, stranger: int, anonymous: int, staff: int) -> dict[str, int]:
    return {
        "owner": owner,
        "freelancer": freelancer,
        "stranger": stranger,
        "anonymous": anonymous,
        "staff": staff,
    }


# (gig state, method, path suffix, expected status per role)
MATRIX: list[tuple[str, str, str, dict[str, int]]] = [
    ("draft", "get", "", _row(200, 404, 404, 404, 200)),
    ("draft", "patch", "", _row(200, 404, 404, 403, 403)),
    ("draft", "post", "publish/", _row(200, 404, 404, 403, 403)),
    ("draft", "post", "cancel/", _row(200, 404, 404, 403, 403)),
    ("open", "get", "", _row(200, 200, 200, 200, 200)),
    ("open", "patch", "", _row(200, 403, 403, 403, 403)),
    ("open", "post", "close/", _row(200, 403, 403, 403, 403)),
    ("open", "post", "cancel/", _row(200, 403, 403, 403, 403)),
    ("closed", "get", "", _row(200, 404, 404, 404, 200)),
    ("closed", "post", "reopen/", _row(200, 404, 404, 403, 403)),
    ("staffed", "get", "", _row(200, 200, 404, 404, 200)),
    ("staffed", "patch", "", _row(409, 403, 404, 403, 403)),
    ("staffed", "post", "cancel/", _row(409, 403, 404, 403, 403)),
    ("hidden", "get", "", _row(200, 404, 404, 404, 200)),
    ("hidden", "post", "close/", _row(200, 404, 404, 403, 403)),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("state", "method", "suffix", "expected"),
    MATRIX,
    ids=[f"{state}-{method}-{suffix or 'detail'}" for state, method, suffix, _ in MATRIX],
)
def test_gig_route_permissions(
    state: str, method: str, suffix: str, expected: dict[str, int], role: str
) -> None:
    # Given a gig in `state` and a caller in `role`
    cast = scene()
    gig = _gig_in(state, cast)
    before = Gig.objects.values("status", "title", "updated_at").get(pk=gig.pk)
    client = client_as(cast, role)
    url = f"/api/v1/gigs/{gig.id}/{suffix}"

    # When they call the route
    if method == "get":
        response = client.get(url)
    elif method == "patch":
        response = client.patch(url, {"title": "Changed"}, format="json")
    else:
        response = client.post(url)

    # Then the answer is the one the matrix names, and a refusal changed nothing
    status = expected[role]
    assert_refused(response, role=role, status=status)
    if status >= 400:
        assert Gig.objects.values("status", "title", "updated_at").get(pk=gig.pk) == before


@pytest.mark.parametrize("role", ROLES)
def test_gig_list_never_shows_a_foreign_draft(role: str) -> None:
    cast = scene()
    draft = draft_gig(firm=cast.firm)
    public = open_gig(firm=cast.firm)
    ids = [row["id"] for row in client_as(cast, role).get("/api/v1/gigs/").json()["results"]]
    assert ids == [public.id]
    assert draft.id not in ids
