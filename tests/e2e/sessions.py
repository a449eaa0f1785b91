"""Signing a browser context in without the sign-up screens (those have their own tests):
a session made by Django's test client, handed to the browser as its cookie."""

from __future__ import annotations

from typing import Any

from django.test import Client
from playwright.sync_api import Browser, Page

from marketplace.accounts.models import User


def signed_in(browser: Browser, base: str, user: User, **context: Any) -> Page:
    client = Client()
    client.force_login(user)
    options: dict[str, Any] = {"locale": "en-US", "viewport": {"width": 1100, "height": 900}}
    browser_context = browser.new_context(**{**options, **context})
    browser_context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base}]
    )
    return browser_context.new_page()


def both_in_contract_chat(browser: Browser, base: str, contract: Any) -> tuple[Page, Page]:
    """The contract's owner (who accepted it) and freelancer, each signed in with the
    contract's empty chat open and connected: (owner's page, freelancer's page)."""
    from playwright.sync_api import expect

    from chat.models import Conversation

    conversation = Conversation.objects.get(contract=contract)
    pages = (
        signed_in(browser, base, contract.accepted_by),
        signed_in(browser, base, contract.freelancer.user),
    )
    for page in pages:
        page.goto(f"{base}/chat/{conversation.id}")
        expect(page.get_by_text("No messages yet. Say hello.")).to_be_visible()
        expect(page.get_by_text("Connecting…")).to_have_count(0)
    return pages
