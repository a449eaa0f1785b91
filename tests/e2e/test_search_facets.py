"""Search facets in the browser: each click narrows (or widens) the results and is written to
the URL; opening such a URL later restores the same filters and results. Checked against what
the search API answers for the same filters.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import httpx
import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from tests.e2e.conftest import shot
from tests.e2e.world import firm_of, freelancer, gig, person

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ANNA = "Django and React for agencies"
BEN = "Django back ends for shops"
CLEO = "React front ends with care"
SHOP = "Django shop for a ceramics studio"
DASHBOARD = "React dashboard for our sales team"
API = "Django API for our booking app"
TODAY = dt.datetime.now(tz=dt.UTC).date()


@dataclass
class World:
    base: str


@pytest.fixture
def world(live_server_url: str) -> World:
    """Three freelancers and three gigs that differ in skills, languages, country, engagement."""
    soon, later = TODAY + dt.timedelta(days=5), TODAY + dt.timedelta(days=60)
    for email, slug, headline, skills, languages, country, rate, hours, available in (
        (
            "anna@example.test",
            "anna",
            ANNA,
            ("django", "react"),
            ("en", "fr"),
            "FR",
            9000,
            30,
            None,
        ),
        ("ben@example.test", "ben", BEN, ("django",), ("de", "en"), "DE", 6000, 10, later),
        ("cleo@example.test", "cleo", CLEO, ("react",), ("en",), "DE", 7000, 25, soon),
    ):
        freelancer(
            person(email, slug.title()),
            slug=slug,
            headline=headline,
            skills=skills,
            languages=languages,
            country=country,
            hourly_rate_minor=rate,
            hours_per_week=hours,
            available_from=available,
        )
    owner = person("olivia@acme.test", "Olivia Owner")
    firm = firm_of(owner, name="Acme Ceramics", slug="acme-ceramics")
    gig(firm, owner, title=SHOP, skills=("django",))
    gig(firm, owner, title=DASHBOARD, skills=("react",), engagement_type="hourly")
    gig(firm, owner, title=API, skills=("django",), engagement_type="hourly", languages=("de",))
    return World(base=live_server_url)


def facet(page: Page, group: str, value: str) -> Locator:
    """The checkbox of one facet value ("Django 2": the label and its count)."""
    return page.get_by_role("group", name=group).get_by_role(
        "checkbox", name=re.compile(rf"^{re.escape(value)} \d+$")
    )


def result_titles(page: Page) -> Locator:
    return page.get_by_role("main").get_by_role("heading", level=2)


def api_count(base: str, kind: str, query: str) -> int:
    response = httpx.get(f"{base}/api/v1/search/{kind}/?{query}", timeout=10)
    assert response.status_code == 200, response.text
    return int(response.json()["count"])


def test_facets_filter_write_the_url_and_deep_links_restore_them(
    world: World, browser: Browser
) -> None:
    base = world.base
    context = browser.new_context(locale="en-GB")
    page = context.new_page()

    # Freelancers: every click narrows the list and lands in the URL
    page.goto(f"{base}/search/freelancers")
    expect(page.get_by_role("status")).to_have_text("3 results")
    facet(page, "Skills", "Django").check()
    expect(page).to_have_url(re.compile(r"[?&]skills=django(&|$)"))
    expect(page.get_by_role("status")).to_have_text("2 results")
    expect(result_titles(page)).to_have_text([ANNA, BEN], use_inner_text=True)
    facet(page, "Languages", "French").check()
    expect(page).to_have_url(re.compile(r"languages=fr"))
    expect(result_titles(page)).to_have_text([ANNA])
    assert api_count(base, "freelancers", "skills=django&languages=fr") == 1
    shot(page, "search-facets")
    # ... and unticking widens it again
    facet(page, "Languages", "French").uncheck()
    expect(page).not_to_have_url(re.compile(r"languages="))
    expect(page.get_by_role("status")).to_have_text("2 results")
    facet(page, "Country", "Germany").check()
    expect(page).to_have_url(re.compile(r"country=DE"))
    expect(result_titles(page)).to_have_text([BEN])
    deep_link = page.url

    # A deep link restores the filters: the boxes are ticked and the results the same
    other = context.new_page()
    other.goto(deep_link)
    expect(other.get_by_role("status")).to_have_text("1 result")
    expect(result_titles(other)).to_have_text([BEN])
    expect(facet(other, "Skills", "Django")).to_be_checked()
    expect(facet(other, "Country", "Germany")).to_be_checked()
    other.close()

    # Rate, weekly hours and availability are typed, applied together, and kept in the URL
    page.goto(f"{base}/search/freelancers")
    refine = page.get_by_role("form", name="Refine")
    refine.get_by_label("Hourly rate up to (EUR)").fill("75")
    refine.get_by_role("button", name="Apply").click()
    expect(page).to_have_url(re.compile(r"rate_max=7500"))
    expect(page).to_have_url(re.compile(r"currency=EUR"))
    expect(page.get_by_role("status")).to_have_text("2 results")
    assert sorted(result_titles(page).all_inner_texts()) == sorted([BEN, CLEO])
    refine.get_by_label("Hours per week, at least").fill("20")
    refine.get_by_role("button", name="Apply").click()
    expect(result_titles(page)).to_have_text([CLEO])
    expect(page.get_by_role("main").get_by_role("listitem").filter(has_text=CLEO)).to_contain_text(
        "€70.00"
    )
    refine.get_by_label("Available by").fill((TODAY + dt.timedelta(days=2)).isoformat())
    refine.get_by_role("button", name="Apply").click()
    expect(page.get_by_text("No freelancers match. Try fewer filters.")).to_be_visible()
    refine.get_by_label("Available by").fill((TODAY + dt.timedelta(days=10)).isoformat())
    refine.get_by_role("button", name="Apply").click()
    expect(result_titles(page)).to_have_text([CLEO])
    query = page.url.split("?", 1)[1]
    assert api_count(base, "freelancers", query) == 1
    shot(page, "search-refine")
    other = context.new_page()
    other.goto(f"{base}/search/freelancers?{query}")
    expect(result_titles(other)).to_have_text([CLEO])
    refined = other.get_by_role("form", name="Refine")
    expect(refined.get_by_label("Hourly rate up to (EUR)")).to_have_value("75")
    expect(refined.get_by_label("Hours per week, at least")).to_have_value("20")
    expect(refined.get_by_label("Available by")).to_have_value(
        (TODAY + dt.timedelta(days=10)).isoformat()
    )
    other.close()

    # Gigs: engagement, skills, languages and currency facets; the URL again carries them
    page.goto(f"{base}/search/gigs")
    expect(page.get_by_role("status")).to_have_text("3 results")
    facet(page, "Engagement", "Hourly").check()
    expect(page).to_have_url(re.compile(r"engagement_type=hourly"))
    expect(page.get_by_role("status")).to_have_text("2 results")
    facet(page, "Skills", "Django").check()
    expect(result_titles(page)).to_have_text([API])
    facet(page, "Engagement", "Hourly").uncheck()
    expect(page.get_by_role("status")).to_have_text("2 results")
    facet(page, "Languages", "German").check()
    expect(result_titles(page)).to_have_text([API])
    facet(page, "Currency", "EUR").check()
    expect(page).to_have_url(re.compile(r"currency=EUR"))
    expect(facet(page, "Currency", "EUR")).to_be_checked()
    expect(result_titles(page)).to_have_text([API])
    query = page.url.split("?", 1)[1]
    assert api_count(base, "gigs", query) == 1

    page.goto(f"{base}/search/gigs?{query}")
    expect(result_titles(page)).to_have_text([API])
    for group, value in (("Skills", "Django"), ("Languages", "German"), ("Currency", "EUR")):
        expect(facet(page, group, value)).to_be_checked()
    context.close()
