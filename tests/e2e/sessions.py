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
