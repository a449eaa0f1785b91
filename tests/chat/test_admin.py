"""Moderation in Django admin: the hide action asks for a reason, then calls `message_hide`."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from chat.models import Message
from chat.services import message_report, message_send
from tests.chat.conftest import Inquiry

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/chat/message/"


def _message(inquiry: Inquiry) -> Message:
    message, _ = message_send(
        conversation_id=inquiry.conversation.id,
        by=inquiry.freelancer,
        text="rude words",
        client_message_id="1",
    )
    message_report(message_id=message.id, by=inquiry.owner, reason="Insulting")
    return message


def _hide(client: Client, message: Message, reason: str | None) -> Any:
    data: dict[str, Any] = {"action": "hide_selected", "_selected_action": [message.pk]}
    if reason is not None:
        data.update(apply="yes", reason=reason)
    return client.post(CHANGELIST, data)


def test_the_hide_action_asks_for_a_reason_first(admin_client: Client, inquiry: Inquiry) -> None:
    message = _message(inquiry)

    response = _hide(admin_client, message, None)

    assert response.status_code == 200
    message.refresh_from_db()
    assert not message.hidden_by_moderation


def test_the_hide_action_hides_and_the_history_no_longer_lists_it(
    admin_client: Client, inquiry: Inquiry
) -> None:
    from tests.conftest import client_for

    message = _message(inquiry)

    response = _hide(admin_client, message, "Insults")

    assert response.status_code == 302
    message.refresh_from_db()
    assert (message.hidden_by_moderation, message.hidden_reason) == (True, "Insults")
    history = client_for(inquiry.owner).get(
        f"/api/v1/conversations/{inquiry.conversation.id}/messages/"
    )
    assert history.json()["results"] == []
    listed = client_for(inquiry.owner).get("/api/v1/conversations/").json()["results"][0]
    assert listed["last_message"] is None


def test_the_changelist_shows_report_counts(admin_client: Client, inquiry: Inquiry) -> None:
    _message(inquiry)

    response = admin_client.get(CHANGELIST)

    assert response.status_code == 200
    assert b"column-reports" in response.content
