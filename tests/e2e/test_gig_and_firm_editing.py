"""The firm owner edits a published gig (skills through the autocomplete) and the firm's profile;
a visitor sees the changes on the public gig, firm and search pages, and the rows say the same.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from marketplace.models import Firm, Gig
from tests.e2e.conftest import shot
from tests.e2e.world import firm_of, gig, person, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

OLD_TITLE = "Shop for a ceramics studio"
NEW_TITLE = "Shop and booking calendar for a ceramics studio"


def test_owner_edits_gig_and_firm_and_the_public_pages_show_it(
    browser: Browser, live_server_url: str
) -> None:
    base = live_server_url
    owner = person("olivia@acme.test", "Olivia Owner")
    firm = firm_of(owner, name="Acme Ceramics", slug="acme-ceramics", description="Ceramics.")
    posted = gig(firm, owner, title=OLD_TITLE, skills=("django", "html-css"))
    owner_ctx = browser.new_context(locale="en-GB")
    sign_in(owner_ctx, base, owner)
    page = owner_ctx.new_page()

    # The owner opens the gig, edits it: a new title, a higher budget, skills changed
    page.goto(f"{base}/gigs/{posted.id}")
    expect(page.get_by_role("heading", level=1)).to_have_text(OLD_TITLE)
    page.get_by_role("link", name="Edit").click()
    expect(page.get_by_role("heading", name="Edit the gig")).to_be_visible()
    expect(page.get_by_label("Title")).to_have_value(OLD_TITLE)
    page.get_by_label("Title").fill(NEW_TITLE)
    page.get_by_label("Budget up to").fill("6500")
    page.get_by_role("button", name="Remove html-css").click()
    page.get_by_test_id("gig-required-skills").fill("Reac")
    page.get_by_role("option", name="React", exact=True).click()
    page.get_by_role("combobox", name="Nice-to-have skills").fill("Strip")
    page.get_by_role("option", name="Stripe integration", exact=True).click()
    expect(page.get_by_role("list", name="Required skills")).to_contain_text("react")
    shot(page, "gig-edit")
    page.get_by_role("button", name="Save").click()

    # Back on the gig page, the owner sees the new version
    expect(page).to_have_url(f"{base}/gigs/{posted.id}")
    expect(page.get_by_role("heading", level=1)).to_have_text(NEW_TITLE)
    expect(page.get_by_text("€2,000.00–€6,500.00")).to_be_visible()
    posted.refresh_from_db()
    assert posted.title == NEW_TITLE
    assert posted.budget_max_minor == 650_000
    skills = {(s.skill.slug, s.is_required) for s in posted.gig_skills.select_related("skill")}
    assert skills == {("django", True), ("react", True), ("stripe-integration", False)}

    # ... then the firm's profile, from the firm page
    page.get_by_role("link", name="Acme Ceramics").first.click()
    page.get_by_role("button", name="Edit").click()
    page.get_by_label("Firm name").fill("Acme Ceramics & Glass")
    page.get_by_label("What your firm does").fill("Handmade ceramics and glass, sold online.")
    page.get_by_label("Size").select_option(label="2–10 people")
    page.get_by_label("Website").fill("https://acme-ceramics.example")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Acme Ceramics & Glass")
    firm.refresh_from_db()
    assert (firm.name, firm.size, firm.website, firm.slug) == (
        "Acme Ceramics & Glass",
        "2-10",
        "https://acme-ceramics.example",
        "acme-ceramics",
    )
    assert firm.description == "Handmade ceramics and glass, sold online."

    # A visitor sees both changes on the public pages and in search
    visitor = browser.new_context(locale="en-GB").new_page()
    visitor.goto(f"{base}/gigs/{posted.id}")
    expect(visitor.get_by_role("heading", level=1)).to_have_text(NEW_TITLE)
    expect(visitor.get_by_text("Django, React", exact=True)).to_be_visible()
    expect(visitor.get_by_text("Stripe integration", exact=True)).to_be_visible()
    expect(visitor.get_by_role("link", name="Acme Ceramics & Glass")).to_be_visible()
    visitor.goto(f"{base}/firms/acme-ceramics")
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Acme Ceramics & Glass")
    expect(visitor.get_by_text("Handmade ceramics and glass, sold online.")).to_be_visible()
    expect(visitor.get_by_text("2–10 people", exact=False)).to_be_visible()
    expect(visitor.get_by_role("link", name="https://acme-ceramics.example")).to_be_visible()
    expect(visitor.get_by_role("button", name="Edit")).to_have_count(0)
    expect(visitor.get_by_role("link", name=NEW_TITLE)).to_be_visible()
    shot(visitor, "firm-public")
    visitor.goto(f"{base}/search/gigs?q=booking")
    expect(visitor.get_by_role("link", name=NEW_TITLE)).to_be_visible()
    assert Gig.objects.filter(title=OLD_TITLE).count() == 0
    assert Firm.objects.filter(name="Acme Ceramics").count() == 0
    owner_ctx.close()
    visitor.context.close()
