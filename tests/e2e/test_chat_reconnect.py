"""Chat survives a dropped connection: the freelancer's websocket is cut (both ends closed, and
reconnect attempts refused for a while) as the owner keeps writing and she writes too; once the
network is back the app reconnects by itself, and every message shows exactly once, in order,
on both screens, without a reload, and is stored once.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, WebSocketRoute, expect

from chat.models import Conversation, Message
from tests.e2e.conftest import shot
from tests.e2e.world import ceramics_contract, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


class Network:
    """Sits between the page and the server's /ws/chat/: passes frames through while up; `cut`
    closes the live sockets on both sides, and while down new sockets are closed at once."""

    def __init__(self) -> None:
        self.up = True
        self.live: list[tuple[WebSocketRoute, WebSocketRoute]] = []
        self.refused = 0

    def route(self, page_side: WebSocketRoute) -> None:
        if not self.up:
            self.refused += 1
            page_side.close(code=1011, reason="network down")
            return
        self.live.append((page_side, page_side.connect_to_server()))

    def cut(self) -> None:
        self.up = False
        for page_side, server_side in self.live:
            server_side.close()
            page_side.close(code=1011, reason="network down")
        self.live.clear()


def texts(page: Page) -> list[str]:
    """The message texts on screen, top to bottom (sent and still-sending ones)."""
    return page.get_by_test_id("messages").get_by_role("paragraph").all_inner_texts()


def send(page: Page, text: str) -> None:
    composer = page.get_by_role("textbox", name="Message")
    composer.fill(text)
    composer.press("Enter")


def test_messages_sent_while_disconnected_arrive_once_in_order(
    browser: Browser, live_server_url: str
) -> None:
    base = live_server_url
    work = ceramics_contract()
    owner, lea = work.accepted_by, work.freelancer.user
    conversation = Conversation.objects.get(contract=work)

    owner_ctx = browser.new_context(locale="en-GB")
    lea_ctx = browser.new_context(locale="en-GB")
    sign_in(owner_ctx, base, owner)
    sign_in(lea_ctx, base, lea)
    network = Network()
    lea_ctx.route_web_socket(re.compile(r"/ws/chat/$"), network.route)
    olivia, leas = owner_ctx.new_page(), lea_ctx.new_page()
    olivia.goto(f"{base}/chat/{conversation.id}")
    leas.goto(f"{base}/chat/{conversation.id}")
    for page in (olivia, leas):
        expect(page.get_by_text("No messages yet. Say hello.")).to_be_visible()
        expect(page.get_by_text(re.compile(r"^(Connecting|Reconnecting)…$"))).to_have_count(0)

    # Live first: a message crosses while both are connected
    send(olivia, "Hello Lea, the brief is ready.")
    expect(leas.get_by_test_id("messages")).to_contain_text("Hello Lea, the brief is ready.")
    leas.evaluate("window.sameDocument = true")  # gone if the page reloads

    # The network drops: Lea's app notices and says so
    network.cut()
    expect(leas.get_by_text("Reconnecting…")).to_be_visible()

    # Meanwhile Olivia writes three messages and Lea one (held as "Sending…")
    during = ["First: the logo files.", "Second: the product photos.", "Third: the shipping rates."]
    for text in during:
        send(olivia, text)
        expect(olivia.get_by_test_id("messages")).to_contain_text(text)
    send(leas, "Writing from the train, bad signal.")
    expect(leas.get_by_text("Sending…")).to_be_visible()
    expect(olivia.get_by_test_id("messages")).not_to_contain_text("Writing from the train")
    for text in during:
        expect(leas.get_by_test_id("messages")).not_to_contain_text(text)
    # The app keeps trying (with backoff) and is refused while the network is down
    for _ in range(100):
        if network.refused:
            break
        leas.wait_for_timeout(100)
    assert network.refused >= 1
    shot(leas, "chat-reconnecting")

    # The network comes back: the app reconnects, catches up and delivers its own message
    network.up = True
    expect(leas.get_by_text("Reconnecting…")).to_have_count(0)
    expected = ["Hello Lea, the brief is ready.", *during, "Writing from the train, bad signal."]
    expect(leas.get_by_test_id("messages").get_by_role("paragraph")).to_have_text(expected)
    expect(leas.get_by_text("Sending…")).to_have_count(0)
    expect(olivia.get_by_test_id("messages").get_by_role("paragraph")).to_have_text(expected)
    assert texts(leas) == expected
    assert leas.evaluate("window.sameDocument") is True
    shot(leas, "chat-reconnected")

    # The server stored each message once, in that order
    stored = Message.objects.filter(conversation=conversation).order_by("id")
    assert list(stored.values_list("text", flat=True)) == expected
    owner_ctx.close()
    lea_ctx.close()
