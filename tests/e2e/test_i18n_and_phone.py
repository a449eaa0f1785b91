"""Translated screens in German and French, and the gig page on a phone without sideways scroll."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from marketplace.skills.models import Skill
from tests.e2e.conftest import shot, watch
from tests.factories import FirmFactory, GigFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LONG_TITLE = "Wartung und Weiterentwicklung unseres Onlineshops für handgemachte Keramikwaren"


def test_switching_to_german_then_french_translates_the_screens(
    browser: Browser, live_server_url: str
) -> None:
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    errors = watch(page)
    page.goto(f"{live_server_url}/search/gigs")
    expect(page.get_by_role("heading", level=1)).to_have_text("Open gigs")

    page.get_by_test_id("language-switcher").select_option("de")
    expect(page.get_by_role("heading", level=1)).to_have_text("Offene Aufträge")
    expect(page.get_by_role("link", name="Talente finden")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "de")
    shot(page, "search-de")

    page.get_by_test_id("language-switcher").select_option("fr")
    expect(page.get_by_role("heading", level=1)).to_have_text("Missions ouvertes")
    page.goto(live_server_url)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Les petites entreprises engagent des freelances, projet par projet."
    )
    shot(page, "landing-fr")
    assert list(errors) == []
    context.close()


def test_the_browser_language_is_the_default(browser: Browser, live_server_url: str) -> None:
    context = browser.new_context(locale="de-DE")
    page = context.new_page()
    page.goto(f"{live_server_url}/signup")
    expect(page.get_by_role("heading", level=1)).to_have_text("Konto erstellen")
    context.close()


def test_the_gig_page_fits_a_phone(browser: Browser, live_server_url: str) -> None:
    gig = GigFactory.open(
        firm=FirmFactory(name="Keramikwerkstatt Müller und Töchter GmbH"),
        title=LONG_TITLE,
        description="Wir brauchen " + "regelmäßige Pflege, Updates und neue Funktionen. " * 20,
        required_skills=[Skill.objects.get(slug="django")],
    )
    context = browser.new_context(
        viewport={"width": 360, "height": 740},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    errors = watch(page)
    page.goto(f"{live_server_url}/gigs/{gig.pk}")
    expect(page.get_by_role("heading", name=LONG_TITLE)).to_be_visible()

    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    client_width = page.evaluate("document.documentElement.clientWidth")
    assert client_width == 360
    assert scroll_width == client_width
    shot(page, "gig-phone")
    assert list(errors) == []
    context.close()
