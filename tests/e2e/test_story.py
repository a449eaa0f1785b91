"""The whole marketplace story in a real browser, two people at once.

A business owner signs up, creates a firm, posts a gig, sees ranked matches with their reasons
and invites a freelancer; the freelancer (who signed up and published a profile) proposes and
revises the proposal; the owner shortlists and accepts it, funds the milestone (offline provider,
test mode); both chat live; the freelancer submits the work and the owner releases the payment,
completes the contract, and both review each other (double-blind until both have written).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import PASSWORD, shot, verification_key, watch

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

OWNER = "olivia@acme.test"
FREELANCER = "lea@example.test"
GIG_TITLE = "Django shop with Stripe payments for our ceramics studio"
HEADLINE = "Django developer for small online shops"


def sign_up(page: Page, base: str, email: str) -> None:
    page.goto(f"{base}/signup")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("heading", name="Confirm your email")).to_be_visible()
    # The email's link opens the app's verification page with the key in the path
    page.goto(f"{base}/verify-email/{verification_key(email)}")
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", name="How do you want to use Nanoguild?")).to_be_visible()


def pick_skill(page: Page, test_id: str, typed: str, label: str) -> None:
    page.get_by_test_id(test_id).fill(typed)
    page.get_by_role("option", name=label, exact=True).click()


def freelancer_publishes_a_profile(page: Page) -> None:
    page.get_by_role("link", name="Create my profile").click()
    page.get_by_label("Profile address").fill("lea-dev")
    page.get_by_label("Headline").fill(HEADLINE)
    page.get_by_label("About you").fill("Ten years of Django shops, payments and integrations.")
    page.get_by_label("Country").fill("DE")
    page.get_by_label("Hourly rate").fill("80")
    pick_skill(page, "profile-skills", "Djang", "Django")
    pick_skill(page, "profile-skills", "Strip", "Stripe integration")
    page.get_by_role("checkbox", name="German").check()
    page.get_by_role("checkbox", name="English").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("link", name="View public profile")).to_be_visible()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_test_id("profile-visibility")).to_have_text("Public")
    page.get_by_role("button", name="Set up payouts").click()
    expect(page.get_by_text("Payouts: ready.")).to_be_visible()
    shot(page, "profile-editor")


def owner_posts_a_gig(page: Page, base: str) -> str:
    page.get_by_role("link", name="Create a firm").click()
    page.get_by_label("Firm name").fill("Acme Ceramics")
    page.get_by_label("What your firm does").fill("Handmade ceramics, sold online.")
    page.get_by_label("Country").fill("DE")
    page.get_by_role("button", name="Create firm").click()
    expect(page.get_by_role("heading", name="Acme Ceramics")).to_be_visible()
    page.goto(f"{base}/gigs/new")
    page.get_by_label("Title").fill(GIG_TITLE)
    page.get_by_label("Description").fill(
        "We sell handmade ceramics and need a Django shop with Stripe payments and shipping."
    )
    page.get_by_label("Budget from").fill("2000")
    page.get_by_label("Budget up to").fill("5000")
    pick_skill(page, "gig-required-skills", "Djang", "Django")
    page.get_by_role("checkbox", name="German").check()
    page.get_by_role("button", name="Save as draft").click()
    expect(page.get_by_test_id("gig-status")).to_have_text("Draft")
    gig_url = page.url
    assert re.search(r"/gigs/\d+$", gig_url), gig_url
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_test_id("gig-status")).to_have_text("Open")
    return gig_url


def test_owner_hires_freelancer_funds_chats_and_releases(
    browser: Browser, live_server_url: str
) -> None:
    base = live_server_url
    owner_ctx = browser.new_context(locale="en-GB", timezone_id="Europe/Berlin")
    freelancer_ctx = browser.new_context(locale="en-GB", timezone_id="Europe/Paris")
    owner, freelancer = owner_ctx.new_page(), freelancer_ctx.new_page()
    owner_errors, freelancer_errors = watch(owner), watch(freelancer)

    # The landing page and public search work for a visitor
    owner.goto(base)
    expect(owner.get_by_role("heading", level=1)).to_have_text(
        "Small firms hire freelancers, project by project."
    )
    shot(owner, "landing")

    # Given a freelancer with a published profile and payouts set up
    sign_up(freelancer, base, FREELANCER)
    freelancer_publishes_a_profile(freelancer)

    # When the owner signs up, creates a firm and publishes a gig
    sign_up(owner, base, OWNER)
    gig_url = owner_posts_a_gig(owner, base)

    # Then the ranked matches show the freelancer with the reasons, and the owner invites her
    matches = owner.get_by_test_id("matches")
    expect(matches.get_by_role("link", name=HEADLINE)).to_be_visible()
    expect(matches.get_by_test_id("match-reasons").first).to_contain_text("1 of 1 required skills")
    expect(matches.get_by_test_id("match-reasons").first).to_contain_text("speaks German")
    shot(owner, "gig-matches")
    matches.get_by_role("button", name="Invite").first.click()
    expect(matches.get_by_text("Invited")).to_be_visible()

    # The freelancer is notified of the invitation
    freelancer.goto(f"{base}/notifications")
    expect(freelancer.get_by_text(f"You are invited to propose on “{GIG_TITLE}”.")).to_be_visible()
    shot(freelancer, "notifications")

    # She finds the invitation and the gig in her feed, with why it fits, and proposes
    freelancer.goto(f"{base}/feed")
    expect(freelancer.get_by_test_id("invitations")).to_contain_text(GIG_TITLE)
    shot(freelancer, "feed")
    expect(freelancer.get_by_test_id("match-reasons").first).to_contain_text("required skills")
    freelancer.get_by_role("link", name=GIG_TITLE).first.click()
    # Before proposing she sees the firm's track record: too new to have one
    expect(freelancer.get_by_test_id("new-firm")).to_have_text("New firm, not enough history yet.")
    freelancer.get_by_label("Cover letter").fill("I built four shops like this; Stripe included.")
    freelancer.get_by_label("Price (EUR)").fill("3200")
    freelancer.get_by_label("Days").fill("21")
    freelancer.get_by_role("button", name="Send proposal").click()
    own = freelancer.get_by_test_id("own-proposal")
    expect(own).to_contain_text("Submitted")
    expect(own).to_contain_text("€3,200.00")
    # ... and revises it
    own.get_by_role("button", name="Edit").click()
    freelancer.get_by_label("Price (EUR)").fill("3000")
    freelancer.get_by_role("button", name="Save").click()
    expect(freelancer.get_by_test_id("own-proposal")).to_contain_text("€3,000.00")

    # The owner compares, shortlists and accepts with a first milestone
    owner.goto(gig_url)
    table = owner.get_by_test_id("proposals")
    expect(table).to_contain_text("€3,000.00")
    table.get_by_role("button", name="Shortlist").click()
    expect(table).to_contain_text("Shortlisted")
    shot(owner, "proposals-compare")
    table.get_by_role("button", name="Accept").click()
    owner.get_by_role("button", name="Accept and start the contract").click()
    expect(owner).to_have_url(re.compile(r"/contracts/\d+$"))
    contract_url = owner.url
    milestone = owner.get_by_test_id("milestone-1")
    expect(milestone.get_by_test_id("escrow-state")).to_have_text("Awaiting funding")
    expect(milestone).to_contain_text("Test mode: no real money moves.")

    # When the owner funds it (offline provider: test mode, clearly labelled)
    milestone.get_by_role("button", name="Fund (test payment)").click()
    expect(milestone.get_by_test_id("escrow-state")).to_have_text("Funded (held)")
    expect(milestone.get_by_text("Test mode", exact=True)).to_be_visible()
    shot(owner, "contract-funded")

    # The owner writes in the contract's conversation; the freelancer sees an unread badge
    owner.get_by_role("link", name="Open the contract's chat").click()
    composer = owner.get_by_role("textbox", name="Message")
    composer.fill("Welcome aboard! The shop logo is in the brief.")
    composer.press("Enter")
    expect(owner.get_by_test_id("messages")).to_contain_text("Welcome aboard!")
    freelancer.goto(contract_url)
    expect(freelancer.get_by_test_id("chat-unread")).to_have_text("1")
    freelancer.get_by_role("link", name="Open the contract's chat").click()
    expect(freelancer.get_by_test_id("messages")).to_contain_text("Welcome aboard!")

    # Both chat live, without reloading: typing shows, messages and read receipts arrive
    # (once the freelancer's socket is up: the room says so while it connects)
    expect(freelancer.get_by_text(re.compile(r"^(Connecting|Reconnecting)…$"))).to_have_count(0)
    freelancer.get_by_role("textbox", name="Message").fill("Thanks — starting today.")
    expect(owner.get_by_text(re.compile("is typing"))).to_be_visible()
    freelancer.get_by_role("button", name="Send").click()
    expect(owner.get_by_test_id("messages")).to_contain_text("Thanks — starting today.")
    expect(freelancer.get_by_test_id("read-receipt")).to_have_text("Seen")
    composer.fill("Great, talk tomorrow.")
    composer.press("Enter")
    expect(freelancer.get_by_test_id("messages")).to_contain_text("Great, talk tomorrow.")
    expect(owner.get_by_test_id("read-receipt")).to_have_text("Seen")
    shot(owner, "chat")

    # The freelancer submits the work; the owner releases the payment
    freelancer.goto(contract_url)
    freelancer.get_by_test_id("milestone-1").get_by_role("button", name="Submit the work").click()
    expect(freelancer.get_by_test_id("milestone-1").get_by_test_id("escrow-state")).to_have_text(
        "Work submitted"
    )
    owner.goto(contract_url)
    owner.get_by_test_id("milestone-1").get_by_role("button", name="Release the payment").click()
    expect(owner.get_by_test_id("milestone-1").get_by_test_id("escrow-state")).to_have_text(
        "Released"
    )
    shot(owner, "contract-released")

    # The owner completes the contract (reviews need an ended contract) and reviews first:
    # the review stays hidden until the freelancer writes hers
    owner.get_by_role("button", name="Mark the contract completed").click()
    expect(owner.get_by_text("Completed", exact=True)).to_be_visible()
    owner.get_by_role("radio", name="5 stars").check()
    owner.get_by_label("Public review").fill("Delivered a lovely shop, on time and on budget.")
    owner.get_by_label("Private feedback for Nanoguild").fill("Would hire again.")
    owner.get_by_role("button", name="Publish my review").click()
    hidden = re.compile("Your review is hidden until the other side")
    expect(owner.get_by_text(hidden)).to_be_visible()
    freelancer.goto(contract_url)
    they_wrote = re.compile("The other side has written their review")
    expect(freelancer.get_by_text(they_wrote)).to_be_visible()
    expect(freelancer.get_by_text("Delivered a lovely shop")).to_have_count(0)
    freelancer.get_by_role("radio", name="4 stars").check()
    freelancer.get_by_label("Public review").fill("Clear brief and quick payments.")
    freelancer.get_by_role("button", name="Publish my review").click()
    # Both have written: both reviews are published and each side sees the other's
    owner_review = "Delivered a lovely shop, on time and on budget."
    expect(freelancer.get_by_text(owner_review)).to_be_visible()
    owner.reload()
    expect(owner.get_by_text("Clear brief and quick payments.")).to_be_visible()
    expect(owner.get_by_text("Your private feedback: Would hire again.")).to_be_visible()
    shot(owner, "contract-reviews")
    # ... and on the public pages, with the rating summary
    owner.goto(f"{base}/freelancers/lea-dev")
    expect(owner.get_by_text("5.00 from 1 review")).to_be_visible()
    expect(owner.get_by_text("Delivered a lovely shop, on time and on budget.")).to_be_visible()
    expect(owner.get_by_text("Would hire again.")).to_have_count(0)
    freelancer.get_by_role("link", name="Acme Ceramics").click()
    expect(freelancer.get_by_test_id("firm-reputation")).to_contain_text("4.00 from 1 review")
    expect(freelancer.get_by_text("Clear brief and quick payments.")).to_be_visible()
    owner.goto(contract_url)
    # (signed in and loaded: the switcher stores the language on the account only then)
    expect(owner.get_by_test_id("milestone-1").get_by_test_id("escrow-state")).to_have_text(
        "Released"
    )

    # The owner switches to German: the screen is translated and the choice is kept on reload
    with owner.expect_response(
        lambda r: r.url.endswith("/api/v1/me/") and r.request.method == "PATCH"
    ):
        owner.get_by_test_id("language-switcher").select_option("de")
    expect(owner.get_by_test_id("milestone-1").get_by_test_id("escrow-state")).to_have_text(
        "Freigegeben"
    )
    owner.reload()
    expect(owner.get_by_role("heading", name="Meilensteine")).to_be_visible()
    shot(owner, "contract-de")

    assert list(owner_errors) == []
    assert list(freelancer_errors) == []
    owner_ctx.close()
    freelancer_ctx.close()
