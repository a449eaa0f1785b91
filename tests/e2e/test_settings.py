"""Settings persist: name, language, time zone and email preferences are saved on the account,
survive a reload (and a new session), and change how the app speaks and tells time.
"""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Browser, expect

from chat.models import Notification, NotificationPreference
from marketplace.models import User
from tests.e2e.conftest import shot
from tests.e2e.world import person, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def kim(live_server_url: str) -> User:
    """An English-speaking user on UTC with one notification stamped 12:00 UTC."""
    user = person("kim@example.test", "Kim Weber", language="en", time_zone="UTC")
    Notification.objects.create(
        user=user,
        kind="proposal",
        payload={"gig_id": 1, "gig_title": "Shop for a ceramics studio", "status": "shortlisted"},
        created_at=dt.datetime(2026, 1, 15, 12, 0, tzinfo=dt.UTC),
    )
    return user


def test_language_time_zone_and_email_preferences_persist(
    kim: User, browser: Browser, live_server_url: str
) -> None:
    base = live_server_url
    context = browser.new_context(locale="en-GB", timezone_id="Europe/London")
    sign_in(context, base, kim)
    page = context.new_page()

    # Times show in the account's zone (UTC), not the browser's
    page.goto(f"{base}/notifications")
    expect(page.get_by_text("Jan 15, 2026, 12:00 PM")).to_be_visible()

    page.goto(f"{base}/settings")
    expect(page.get_by_role("heading", name="Settings")).to_be_visible()
    page.get_by_label("Full name").fill("Kim Weber-Roth")
    page.get_by_role("main").get_by_label("Language").select_option(label="German")
    page.get_by_label("Time zone").select_option("America/New_York")
    page.get_by_role("button", name="Save").click()
    # Saved, and the app now speaks German
    expect(page.get_by_role("status")).to_have_text("Gespeichert.")
    expect(page.get_by_role("heading", name="Einstellungen")).to_be_visible()

    # Email preferences save on each click
    emails = page.get_by_role("group", name="E-Mails senden zu")
    for kind in ("Zahlungen", "Nachrichten"):
        with page.expect_response(
            lambda r: "/notification-preferences/" in r.url and r.request.method == "PATCH"
        ):
            emails.get_by_role("checkbox", name=kind).uncheck()
    expect(emails.get_by_role("checkbox", name="Zahlungen")).not_to_be_checked()
    shot(page, "settings-de")

    kim.refresh_from_db()
    assert (kim.full_name, kim.language, kim.time_zone) == (
        "Kim Weber-Roth",
        "de",
        "America/New_York",
    )
    prefs = NotificationPreference.objects.get(user=kim)
    assert (prefs.email_payment, prefs.email_message) == (False, False)
    assert (prefs.email_proposal, prefs.email_invitation, prefs.email_contract) == (
        True,
        True,
        True,
    )

    # A reload, and then a fresh session in an English browser, keep all of it
    for fresh in (False, True):
        if fresh:
            context.close()
            context = browser.new_context(locale="en-GB", timezone_id="Europe/London")
            sign_in(context, base, kim)
            page = context.new_page()
            page.goto(f"{base}/settings")
        else:
            page.reload()
        expect(page.get_by_role("heading", name="Einstellungen")).to_be_visible()
        expect(page.get_by_label("Vollständiger Name")).to_have_value("Kim Weber-Roth")
        expect(page.get_by_label("Zeitzone")).to_have_value("America/New_York")
        emails = page.get_by_role("group", name="E-Mails senden zu")
        expect(emails.get_by_role("checkbox", name="Zahlungen")).not_to_be_checked()
        expect(emails.get_by_role("checkbox", name="Nachrichten")).not_to_be_checked()
        expect(emails.get_by_role("checkbox", name="Angebote")).to_be_checked()

    # ... and times now show in New York time, in German
    page.goto(f"{base}/notifications")
    expect(page.get_by_text("15.01.2026, 07:00")).to_be_visible()
    expect(page.get_by_text("Angebot zu „Shop for a ceramics studio“: Vorgemerkt.")).to_be_visible()
    context.close()
