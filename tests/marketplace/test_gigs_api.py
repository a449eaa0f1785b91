"""`/api/v1/gigs/`: browsing, filters, pagination, posting, editing, lifecycle actions."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from tests.conftest import client_for
from tests.factories import GigFactory
from tests.factories_flow import draft_gig, skill

from marketplace.gigs.models import Gig

pytestmark = pytest.mark.django_db

GIGS = "/api/v1/gigs/"


def _ids(response: Any) -> list[int]:
    return [row["id"] for row in response.json()["results"]]


def _body(posting_firm: Any, /, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "firm": posting_firm.slug,
        "title": "Online shop for handmade ceramics",
        "description": "Shop with payments and shipping to the EU.",
        "engagement_type": "fixed",
        "budget_min_minor": 200_000,
        "budget_max_minor": 400_000,
        "currency": "EUR",
        "required_skills": ["python"],
    }
    body.update(overrides)
    return body


# --- create ------------------------------------------------------------------------------------


def test_member_posts_a_draft(firm: Any, firm_owner: Any) -> None:
    skill("python")
    response = client_for(firm_owner).post(
        GIGS, _body(firm, languages=["fr"], nice_skills=[]), format="json"
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["status"], body["published_at"], body["proposal_count"]) == ("draft", None, 0)
    assert [s["slug"] for s in body["required_skills"]] == ["python"]
    assert body["languages"] == ["fr"]
    gig = Gig.objects.get(id=body["id"])
    assert (gig.firm, gig.created_by) == (firm, firm_owner)


def test_non_member_cannot_post_for_a_firm(firm: Any, stranger: Any) -> None:
    response = client_for(stranger).post(GIGS, _body(firm), format="json")
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert Gig.objects.count() == 0


def test_anonymous_cannot_post(api: Any, firm: Any) -> None:
    response = api.post(GIGS, _body(firm), format="json")
    assert response.status_code == 403
    assert response.json()["code"] == "not_authenticated"
    assert Gig.objects.count() == 0


@pytest.mark.parametrize(
    ("overrides", "code", "field"),
    [
        ({"firm": "no-such-firm"}, "validation_error", "firm"),
        ({"budget_min_minor": "a lot"}, "validation_error", "budget_min_minor"),
        ({"budget_min_minor": None}, "validation_error", "budget_min_minor"),
        ({"budget_min_minor": True}, "validation_error", "budget_min_minor"),
        ({"budget_min_minor": 12.5}, "validation_error", "budget_min_minor"),
        ({"budget_min_minor": [1]}, "validation_error", "budget_min_minor"),
        ({"budget_min_minor": -100}, "budget_invalid", "budget_min_minor"),
        ({"budget_max_minor": 2**63}, "budget_invalid", "budget_max_minor"),
        ({"budget_max_minor": 10**30}, "budget_invalid", "budget_max_minor"),
        ({"budget_max_minor": 100}, "budget_invalid", "budget_max_minor"),
        ({"currency": "XYZ"}, "currency_unsupported", "currency"),
        ({"currency": "EURO"}, "validation_error", "currency"),
        ({"currency": 978}, "currency_unsupported", "currency"),
        ({"required_skills": ["no-such-skill"]}, "unknown_skill", "required_skills"),
        ({"required_skills": "python"}, "validation_error", "required_skills"),
        ({"required_skills": [{"slug": "python"}]}, "validation_error", "required_skills"),
        ({"nice_skills": ["python"]}, "validation_error", "nice_skills"),
        ({"languages": ["xx"]}, "validation_error", "languages"),
        ({"engagement_type": "barter"}, "validation_error", "engagement_type"),
        ({"hours_per_week": 81}, "validation_error", "hours_per_week"),
        ({"hours_per_week": 2**70}, "validation_error", "hours_per_week"),
        ({"timezone_overlap_hours": -1}, "validation_error", "timezone_overlap_hours"),
        ({"start_date": "next tuesday"}, "validation_error", "start_date"),
        ({"location_type": "onsite"}, "validation_error", "location_country"),
        ({"location_country": "ZZ"}, "validation_error", "location_country"),
        ({"title": "x" * 141}, "validation_error", "title"),
        ({"title": None}, "validation_error", "title"),
        ({"title": ""}, "validation_error", "title"),
    ],
)
def test_invalid_gig_body_is_a_400_with_a_code(
    firm: Any, firm_owner: Any, overrides: dict[str, Any], code: str, field: str
) -> None:
    skill("python")
    response = client_for(firm_owner).post(GIGS, _body(firm, **overrides), format="json")
    assert response.status_code == 400, response.json()
    assert response.json()["code"] == code
    assert field in response.json()["details"]
    assert Gig.objects.count() == 0


@pytest.mark.parametrize("missing", ["firm", "title", "description", "engagement_type", "currency"])
def test_missing_fields_are_named(firm: Any, firm_owner: Any, missing: str) -> None:
    body = _body(firm)
    del body[missing]
    response = client_for(firm_owner).post(GIGS, body, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "validation_error"
    assert missing in response.json()["details"]


@pytest.mark.parametrize(
    "raw", [b"{not json", b"[1, 2]", b'"a string"', b"", b"9" * 5000, b'{"title": "\xff"}']
)
def test_malformed_bodies_are_4xx_with_a_code(firm_owner: Any, raw: bytes) -> None:
    response = client_for(firm_owner).post(GIGS, raw, content_type="application/json")
    assert 400 <= response.status_code < 500
    assert response.json()["code"] in {"malformed_request", "validation_error"}


def test_unsupported_content_type_is_415(firm_owner: Any) -> None:
    response = client_for(firm_owner).post(GIGS, b"<gig/>", content_type="application/xml")
    assert response.status_code == 415
    assert response.json()["code"] == "unsupported_media_type"


# --- edit and lifecycle --------------------------------------------------------------------------


def test_member_edits_a_gig(firm: Any, firm_owner: Any) -> None:
    gig = draft_gig(firm=firm)
    skill("django")
    response = client_for(firm_owner).patch(
        f"{GIGS}{gig.id}/",
        {"title": "Shop and newsletter", "required_skills": ["django"], "hours_per_week": None},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["title"] == "Shop and newsletter"
    assert [s["slug"] for s in response.json()["required_skills"]] == ["django"]
    gig.refresh_from_db()
    assert gig.title == "Shop and newsletter"
    # Fields not sent are left alone (no defaults applied to a partial update)
    assert (gig.budget_min_minor, gig.timezone_overlap_hours) == (200_000, 0)


def test_edit_of_a_closed_gig_is_a_409(firm: Any, firm_owner: Any) -> None:
    gig = draft_gig(firm=firm, status="closed")
    response = client_for(firm_owner).patch(f"{GIGS}{gig.id}/", {"title": "X"}, format="json")
    assert response.status_code == 409
    assert response.json() == {
        "code": "gig_not_editable",
        "message": "Only a draft or open gig can be edited.",
        "details": {"status": "closed"},
    }


def test_edit_with_garbage_is_a_400(firm: Any, firm_owner: Any) -> None:
    gig = draft_gig(firm=firm)
    response = client_for(firm_owner).patch(
        f"{GIGS}{gig.id}/", {"budget_max_minor": "∞"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["code"] == "validation_error"


def test_lifecycle_through_the_api(firm: Any, firm_owner: Any) -> None:
    client = client_for(firm_owner)
    gig = draft_gig(firm=firm)
    steps = [("publish", "open"), ("close", "closed"), ("reopen", "open"), ("cancel", "cancelled")]
    for action, status in steps:
        response = client.post(f"{GIGS}{gig.id}/{action}/")
        assert response.status_code == 200, response.json()
        assert response.json()["status"] == status
    assert response.json()["published_at"] is not None


def test_invalid_transition_is_a_409_with_the_status(firm: Any, firm_owner: Any) -> None:
    gig = draft_gig(firm=firm)
    response = client_for(firm_owner).post(f"{GIGS}{gig.id}/close/")
    assert response.status_code == 409
    assert response.json()["code"] == "invalid_state"
    assert response.json()["details"] == {"status": "draft"}


def test_publish_without_required_skills_is_gig_incomplete(firm: Any, firm_owner: Any) -> None:
    gig = GigFactory.create(firm=firm)
    response = client_for(firm_owner).post(f"{GIGS}{gig.id}/publish/")
    assert response.status_code == 409
    assert response.json()["code"] == "gig_incomplete"


def test_unknown_gig_is_a_404(api: Any) -> None:
    response = api.get(f"{GIGS}999999/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_publish_stamp_is_recent(firm: Any, firm_owner: Any) -> None:
    gig = draft_gig(firm=firm)
    client_for(firm_owner).post(f"{GIGS}{gig.id}/publish/")
    gig.refresh_from_db()
    assert gig.published_at is not None
    assert timezone.now() - gig.published_at < dt.timedelta(minutes=1)
