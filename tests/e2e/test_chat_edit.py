"""Editing a chat message in the browser: the freelancer sends a message, edits it in place
within the edit window, and the owner's open chat shows the new text marked "edited" live; the
message in the database holds the new text with its edit time, and the owner is offered no Edit
on the freelancer's message.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from chat.models import Conversation, Message
from tests.e2e.sessions import both_in_contract_chat
from tests.e2e.world import ceramics_contract

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_an_edited_message_changes_on_both_sides_live(
    browser: Browser, live_server_url: str
) -> None:
    base = live_server_url
    work = ceramics_contract()
    conversation = Conversation.objects.get(contract=work)
    olivia, leas = both_in_contract_chat(browser, base, work)

    leas.get_by_label("Message").fill("I can start on Monday")
    leas.get_by_role("button", name="Send").click()
    received = olivia.get_by_test_id("messages").get_by_text("I can start on Monday")
    expect(received).to_be_visible()
    # Only the author is offered Edit
    expect(olivia.get_by_role("button", name="Edit message")).to_have_count(0)

    leas.get_by_role("button", name="Edit message").click()
    field = leas.get_by_role("textbox", name="Edit message")
    expect(field).to_have_value("I can start on Monday")
    field.fill("I can start on Tuesday")
    field.press("Enter")

    for page in (leas, olivia):
        messages = page.get_by_test_id("messages")
        expect(messages.get_by_text("I can start on Tuesday")).to_be_visible()
        expect(messages.get_by_text("· edited")).to_be_visible()
        expect(messages.get_by_text("I can start on Monday")).to_have_count(0)
    stored = Message.objects.get(conversation=conversation)
    assert (stored.text, stored.edited_at is not None) == ("I can start on Tuesday", True)

    # A reload shows the edited text from history, still marked
    olivia.reload()
    expect(olivia.get_by_test_id("messages").get_by_text("I can start on Tuesday")).to_be_visible()
    expect(olivia.get_by_test_id("messages").get_by_text("· edited")).to_be_visible()
