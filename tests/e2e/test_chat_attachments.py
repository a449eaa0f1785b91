"""Chat image attachments in the browser: the owner attaches a PNG through the attach button
(the real file chooser), sees its preview, sends it, and the freelancer's open chat shows the
thumbnail live, linking to the full-size image; a file that is not an image is refused with
its sentence and can be removed before sending, and nothing of it is sent.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Browser, Page, expect

from chat.models import Conversation, Message, MessageAttachment
from tests.e2e.conftest import image_decoded, shot
from tests.e2e.sessions import both_in_contract_chat
from tests.e2e.world import ceramics_contract

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def png(path: Path) -> Path:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 400), "darkorange").save(buffer, format="PNG")
    path.write_bytes(buffer.getvalue())
    return path


def attach(page: Page, file: Path) -> None:
    """Like a user: the labelled button opens the file chooser."""
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Attach images").click()
    chooser.value.set_files(file)


# The refused upload is a 400 response, which the browser logs as a console error.
@pytest.mark.console_allows(r"status of 400")
def test_an_attached_png_reaches_the_other_side_live_and_a_non_image_is_refused(
    browser: Browser, live_server_url: str, tmp_path: Path
) -> None:
    base = live_server_url
    work = ceramics_contract()
    conversation = Conversation.objects.get(contract=work)
    olivia, leas = both_in_contract_chat(browser, base, work)

    # A text file named .png: the server reads the content and refuses it, with its sentence
    fake = tmp_path / "notes.png"
    fake.write_text("meeting notes, not a picture")
    attach(olivia, fake)
    expect(olivia.get_by_role("alert")).to_have_text(
        "notes.png: This file is not a JPEG, PNG or WebP image."
    )
    olivia.get_by_role("button", name="Remove notes.png").click()
    expect(olivia.get_by_role("alert")).to_have_count(0)

    # A real PNG: uploaded, previewed, sent with a caption
    attach(olivia, png(tmp_path / "glaze.png"))
    expect(olivia.get_by_role("img", name="glaze.png")).to_be_visible()
    expect(olivia.get_by_role("progressbar")).to_have_count(0)
    shot(olivia, "chat-attachment-preview", full_page=False)
    composer = olivia.get_by_role("textbox", name="Message")
    composer.fill("The glaze test")
    composer.press("Enter")
    expect(olivia.get_by_role("button", name="Remove glaze.png")).to_have_count(0)

    # Both sides show the thumbnail without a reload
    for page in (olivia, leas):
        messages = page.get_by_test_id("messages")
        expect(messages.get_by_text("The glaze test")).to_be_visible()
        expect(messages.get_by_role("button", name="Image 1 of 1")).to_be_visible()
        page.wait_for_function(
            "() => [...document.querySelectorAll('[data-testid=messages] img')]"
            ".every(img => img.complete && img.naturalWidth > 0)"
        )
        assert image_decoded(page.get_by_test_id("messages"), "Image 1 of 1")
    shot(leas, "chat-attachment-received", full_page=False)

    # A click on the receiver's thumbnail opens the full-size image; Escape closes it
    leas.get_by_test_id("messages").get_by_role("button", name="Image 1 of 1").click()
    viewer = leas.get_by_role("dialog", name="Image 1 of 1")
    full = viewer.get_by_role("img", name="Image 1 of 1")
    expect(full).to_have_attribute("src", re.compile(r"/media/images/.+\.png$"))
    leas.wait_for_function(
        "() => { const img = document.querySelector('[role=dialog] img');"
        " return img && img.complete && img.naturalWidth === 640; }"
    )
    expect(viewer.get_by_role("button", name="Close")).to_be_focused()
    leas.keyboard.press("Escape")
    expect(viewer).to_have_count(0)

    # Stored once: one message with the one PNG; the refused file left nothing linked
    message = Message.objects.get(conversation=conversation)
    assert message.text == "The glaze test"
    attached = MessageAttachment.objects.filter(message=message)
    assert [a.image.content_type for a in attached] == ["image/png"]
