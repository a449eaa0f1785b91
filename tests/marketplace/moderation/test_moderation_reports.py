"""Reports through the API: what can be reported, by whom, how often, and the codes of each
refusal (with nothing written when refused)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import override_settings
from tests.chat.conftest import make_inquiry
from tests.conftest import client_for
from tests.factories import FirmMembershipFactory, UserFactory
from tests.factories_flow import open_gig, public_profile

from chat.services import message_send
from marketplace.moderation.models import Report
from marketplace.moderation.reports import report_dismiss
from marketplace.moderation.services import gig_hide

pytestmark = pytest.mark.django_db

URL = "/api/v1/reports/"


def _report(user: Any, **body: Any) -> Any:
    return client_for(user).post(URL, {"reason": "spam", "text": "Ads", **body})


def test_a_user_reports_a_gig_and_lists_their_reports() -> None:
    # Given an open gig and a freelancer who is not in its firm
    owner = FirmMembershipFactory.create(role="owner").user
    gig = open_gig(firm=owner.firms.get())
    reporter = public_profile().user

    # When the freelancer reports it
    response = _report(reporter, kind="gig", object_id=gig.pk, reason="scam", text=" Wants fees ")

    # Then the report is open in the queue, its owner the gig's poster, the text trimmed
    assert response.status_code == 201
    report = Report.objects.get()
    assert response.json() == {
        "id": report.pk,
        "kind": "gig",
        "object_id": gig.pk,
        "reason": "scam",
        "text": "Wants fees",
        "status": "open",
        "created_at": report.created_at.isoformat().replace("+00:00", "Z"),
        "resolved_at": None,
    }
    assert (report.reporter, report.target_owner) == (reporter, gig.created_by)
    # And "my reports" lists it, and only to its reporter
    mine = client_for(reporter).get(URL).json()["results"]
    assert [r["id"] for r in mine] == [report.pk]
    assert client_for(owner).get(URL).json()["results"] == []


@pytest.mark.parametrize("kind", ["profile", "firm", "message"])
def test_profiles_firms_and_messages_can_be_reported(kind: str) -> None:
    inquiry = make_inquiry()
    message, _ = message_send(
        conversation_id=inquiry.conversation.pk,
        by=inquiry.freelancer,
        text="pay me on the side",
        client_message_id="m1",
    )
    target, owner = {
        "profile": (inquiry.freelancer.freelancer_profile, inquiry.freelancer),
        "firm": (inquiry.firm, inquiry.owner),
        "message": (message, inquiry.freelancer),
    }[kind]
    reporter = inquiry.member if kind != "firm" else inquiry.freelancer

    response = _report(reporter, kind=kind, object_id=target.pk, reason="off_platform")

    assert response.status_code == 201, response.json()
    report = Report.objects.get()
    assert (report.kind, report.object_id, report.target_owner) == (kind, target.pk, owner)


def test_own_content_cannot_be_reported() -> None:
    # A firm member reporting their own firm's gig, a freelancer their own profile
    owner = FirmMembershipFactory.create(role="owner").user
    gig = open_gig(firm=owner.firms.get())
    profile = public_profile()

    refused = [
        _report(owner, kind="gig", object_id=gig.pk),
        _report(owner, kind="firm", object_id=gig.firm_id),
        _report(profile.user, kind="profile", object_id=profile.pk),
    ]

    assert [(r.status_code, r.json()["code"]) for r in refused] == [(403, "report_own_content")] * 3
    assert Report.objects.count() == 0


def test_a_repeat_while_the_first_is_open_is_a_409_and_allowed_once_it_is_closed(
    moderator: Any,
) -> None:
    gig = open_gig(firm=FirmMembershipFactory.create(role="owner").firm)
    reporter = UserFactory.create()
    first = _report(reporter, kind="gig", object_id=gig.pk)

    again = _report(reporter, kind="gig", object_id=gig.pk, reason="scam")

    assert first.status_code == 201
    assert (again.status_code, again.json()["code"]) == (409, "already_reported")
    assert Report.objects.count() == 1
    # Once a moderator closed it, the same user may report the gig again
    report_dismiss(report=Report.objects.get(), by=moderator)
    assert _report(reporter, kind="gig", object_id=gig.pk).status_code == 201
    assert list(Report.objects.order_by("id").values_list("status", flat=True)) == [
        "dismissed",
        "open",
    ]


def test_what_the_reporter_cannot_see_is_not_found(moderator: Any) -> None:
    # A hidden gig, a conversation's message reported by an outsider, an absent id
    gig = open_gig(firm=FirmMembershipFactory.create(role="owner").firm)
    gig_hide(gig=gig, by=moderator, reason="Spam")
    inquiry = make_inquiry()
    message, _ = message_send(
        conversation_id=inquiry.conversation.pk,
        by=inquiry.freelancer,
        text="hello",
        client_message_id="m1",
    )
    outsider = UserFactory.create()

    refused = [
        _report(outsider, kind="gig", object_id=gig.pk),
        _report(outsider, kind="message", object_id=message.pk),
        _report(outsider, kind="profile", object_id=999_999),
    ]

    assert [(r.status_code, r.json()["code"]) for r in refused] == [(404, "not_found")] * 3
    assert Report.objects.count() == 0


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"kind": "planet", "object_id": 1}, "kind"),
        ({"kind": "gig", "object_id": 0}, "object_id"),
        ({"kind": "gig", "object_id": "x"}, "object_id"),
        ({"kind": "gig", "object_id": 1, "reason": "boring"}, "reason"),
        ({"kind": "gig", "object_id": 1, "text": "x" * 2001}, "text"),
    ],
)
def test_bad_input_is_a_validation_error(body: dict[str, Any], field: str) -> None:
    response = _report(UserFactory.create(), **body)

    assert response.status_code == 400
    assert response.json()["code"] == "validation_error"
    assert list(response.json()["details"]) == [field]
    assert Report.objects.count() == 0


@override_settings(MODERATION_REPORTS_PER_DAY=2)
def test_reports_are_capped_per_reporter_per_day() -> None:
    firm = FirmMembershipFactory.create(role="owner").firm
    gigs = [open_gig(firm=firm) for _ in range(3)]
    reporter = UserFactory.create()

    responses = [_report(reporter, kind="gig", object_id=gig.pk) for gig in gigs]

    assert [r.status_code for r in responses] == [201, 201, 429]
    assert responses[2].json()["code"] == "rate_limited"
    assert responses[2].json()["details"] == {"limit": 2}
    assert Report.objects.count() == 2
    # Someone else is not held by that cap
    assert _report(UserFactory.create(), kind="gig", object_id=gigs[2].pk).status_code == 201


def test_anonymous_cannot_report(api: Any) -> None:
    gig = open_gig(firm=FirmMembershipFactory.create(role="owner").firm)

    response = api.post(URL, {"kind": "gig", "object_id": gig.pk, "reason": "spam"})

    assert (response.status_code, response.json()["code"]) == (403, "not_authenticated")
    assert Report.objects.count() == 0
