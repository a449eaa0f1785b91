"""Chat REST: conversation list (unread counts, last message, fixed queries), history, start,
mark read, report; strangers get 404 everywhere."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from chat.models import Conversation
from chat.services import message_hide, message_send
from marketplace.moderation.models import Report
from tests.chat.conftest import Inquiry, make_inquiry
from tests.conftest import client_for
from tests.factories import UserFactory, moderator_create
from tests.factories_flow import ProposalFactory, member_of, open_gig, public_profile

pytestmark = pytest.mark.django_db


def _send(inquiry: Inquiry, by: Any, text: str, cid: str) -> int:
    return message_send(
        conversation_id=inquiry.conversation.id, by=by, text=text, client_message_id=cid
    )[0].id


def test_the_list_shows_unread_counts_and_the_last_message(inquiry: Inquiry) -> None:
    # Given two messages from the freelancer and one reply from the owner, then one more
    _send(inquiry, inquiry.freelancer, "one", "1")
    _send(inquiry, inquiry.freelancer, "two", "2")
    last = _send(inquiry, inquiry.owner, "reply", "3")

    # When the member (who read nothing) and the owner list their conversations
    member_row = client_for(inquiry.member).get("/api/v1/conversations/").json()["results"][0]
    owner_row = client_for(inquiry.owner).get("/api/v1/conversations/").json()["results"][0]

    # Then the member has 3 unread; the owner (who answered after reading) has none
    assert member_row["unread_count"] == 3
    assert owner_row["unread_count"] == 0
    assert member_row["last_message"]["id"] == last
    assert member_row["last_message"]["text"] == "reply"
    assert {p["user_id"] for p in member_row["participants"]} == {
        inquiry.freelancer.id,
        inquiry.owner.id,
        inquiry.member.id,
    }


def test_the_list_costs_the_same_queries_for_one_or_many_conversations(
    inquiry: Inquiry,
) -> None:
    # Given a freelancer in one conversation, then in four
    _send(inquiry, inquiry.freelancer, "hi", "1")
    api = client_for(inquiry.freelancer)
    with CaptureQueriesContext(connection) as one:
        assert len(api.get("/api/v1/conversations/").json()["results"]) == 1
    for _ in range(3):
        gig = open_gig(firm=member_of(inquiry.firm).firms.get())
        client_for(inquiry.freelancer).post("/api/v1/conversations/", {"gig_id": gig.id})

    with CaptureQueriesContext(connection) as four:
        assert len(api.get("/api/v1/conversations/").json()["results"]) == 4

    assert len(four.captured_queries) == len(one.captured_queries)


def test_a_stranger_gets_404_for_a_conversation_and_its_history(inquiry: Inquiry) -> None:
    _send(inquiry, inquiry.freelancer, "secret", "1")
    staff = UserFactory.create(is_staff=True)
    cid = inquiry.conversation.id

    for user in (inquiry.stranger, staff):
        api = client_for(user)
        assert api.get(f"/api/v1/conversations/{cid}/").status_code == 404
        history = api.get(f"/api/v1/conversations/{cid}/messages/")
        assert (history.status_code, history.json()["code"]) == (404, "not_found")
        assert api.post(f"/api/v1/conversations/{cid}/read/", {"message_id": 1}).status_code == 404
        assert api.get("/api/v1/conversations/").json()["results"] == []


def test_history_pages_newest_first_without_hidden_messages(inquiry: Inquiry) -> None:
    ids = [_send(inquiry, inquiry.freelancer, f"m{n}", str(n)) for n in range(5)]
    from chat.models import Message

    message_hide(
        message=Message.objects.get(pk=ids[3]),
        by=moderator_create(),
        reason="abuse",
    )
    api = client_for(inquiry.owner)
    url = f"/api/v1/conversations/{inquiry.conversation.id}/messages/?page_size=2"

    first = api.get(url).json()
    second = api.get(first["next"]).json()

    pages = [[m["text"] for m in page["results"]] for page in (first, second)]
    assert pages == [["m4", "m2"], ["m1", "m0"]]
    assert second["next"] is None


def test_start_an_inquiry_from_a_gig() -> None:
    owner = member_of(open_gig(firm=make_inquiry().firm).firm, role="owner")
    gig = open_gig(firm=owner.firms.get())
    freelancer = public_profile().user

    created = client_for(freelancer).post("/api/v1/conversations/", {"gig_id": gig.id})
    again = client_for(freelancer).post("/api/v1/conversations/", {"gig_id": gig.id})

    assert (created.status_code, again.status_code) == (201, 200)
    assert created.json()["id"] == again.json()["id"]
    assert created.json()["kind"] == "gig_inquiry"
    assert created.json()["unread_count"] == 0


def test_start_from_a_proposal_and_refusals() -> None:
    proposal = ProposalFactory.create()
    freelancer = proposal.freelancer.user

    started = client_for(freelancer).post("/api/v1/conversations/", {"proposal_id": proposal.id})
    stranger = client_for(UserFactory.create()).post(
        "/api/v1/conversations/", {"proposal_id": proposal.id}
    )
    both = client_for(freelancer).post(
        "/api/v1/conversations/", {"proposal_id": proposal.id, "gig_id": proposal.gig_id}
    )

    assert started.status_code == 201
    assert started.json()["proposal"] == proposal.id
    assert (stranger.status_code, stranger.json()["code"]) == (404, "not_found")
    assert (both.status_code, both.json()["code"]) == (400, "validation_error")
    assert Conversation.objects.count() == 1


def test_own_firm_cannot_inquire(inquiry: Inquiry) -> None:
    response = client_for(inquiry.owner).post("/api/v1/conversations/", {"gig_id": inquiry.gig.id})

    assert (response.status_code, response.json()["code"]) == (403, "own_gig")


def test_mark_read_over_rest(inquiry: Inquiry) -> None:
    last = _send(inquiry, inquiry.freelancer, "hi", "1")
    api = client_for(inquiry.owner)

    response = api.post(
        f"/api/v1/conversations/{inquiry.conversation.id}/read/", {"message_id": last}
    )

    assert response.json() == {
        "conversation_id": inquiry.conversation.id,
        "last_read_message_id": last,
    }
    assert api.get("/api/v1/conversations/").json()["results"][0]["unread_count"] == 0


def test_report_a_message(inquiry: Inquiry) -> None:
    message_id = _send(inquiry, inquiry.freelancer, "rude", "1")

    reported = client_for(inquiry.owner).post(
        f"/api/v1/messages/{message_id}/report/", {"reason": "Insulting"}
    )
    again = client_for(inquiry.owner).post(
        f"/api/v1/messages/{message_id}/report/", {"reason": "Insulting"}
    )
    stranger = client_for(inquiry.stranger).post(
        f"/api/v1/messages/{message_id}/report/", {"reason": "?"}
    )

    assert reported.status_code == 201
    assert (again.status_code, again.json()["code"]) == (409, "already_reported")
    assert stranger.status_code == 404
    # The report joined the moderation queue
    report = Report.objects.get()
    assert reported.json()["id"] == report.id
    assert (report.kind, report.object_id, report.reason, report.text) == (
        "message",
        message_id,
        "other",
        "Insulting",
    )


def test_anonymous_is_refused(inquiry: Inquiry, api: Any) -> None:
    assert api.get("/api/v1/conversations/").status_code in (401, 403)
    assert api.get("/api/v1/notifications/").status_code in (401, 403)


def test_a_conversation_says_how_long_messages_stay_editable(
    inquiry: Inquiry, settings: Any
) -> None:
    # The app offers Edit only inside this window; it follows the server's setting
    settings.CHAT_EDIT_WINDOW_MINUTES = 7
    client = client_for(inquiry.freelancer)
    detail = client.get(f"/api/v1/conversations/{inquiry.conversation.id}/").json()
    listed = client.get("/api/v1/conversations/").json()["results"][0]
    assert (detail["edit_window_minutes"], listed["edit_window_minutes"]) == (7, 7)
