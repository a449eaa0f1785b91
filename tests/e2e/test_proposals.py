"""Saying no, from both sides: a freelancer withdraws a proposal and declines an invitation, the
firm declines another freelancer's proposal, who sees it declined in the notification centre
(and marks it read) and in their proposals; the owner marks everything read at once.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from playwright.sync_api import Browser, Page, expect

from marketplace.models import Firm, Gig, Invitation, Proposal, User
from marketplace.proposals.services import invitation_send
from tests.e2e.conftest import shot
from tests.e2e.world import firm_of, freelancer, gig, person, proposal, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOP = "Shop for a ceramics studio"
NEWSLETTER = "Newsletter templates for a ceramics studio"
LEA = "Django shops and payments"
MAX = "Full-stack Django for small firms"


@dataclass
class World:
    owner: User
    lea: User
    max: User
    firm: Firm
    shop: Gig
    newsletter: Gig


@pytest.fixture
def world(live_server_url: str) -> World:
    """Seeded before the browser starts (after the server loaded the skills)."""
    owner = person("olivia@acme.test", "Olivia Owner")
    lea, max_ = person("lea@example.test", "Lea"), person("max@example.test", "Max")
    firm = firm_of(owner, name="Acme Ceramics", slug="acme-ceramics")
    lea_profile = freelancer(lea, slug="lea-dev", headline=LEA, skills=("django", "html-css"))
    max_profile = freelancer(max_, slug="max-dev", headline=MAX, skills=("django",))
    shop = gig(firm, owner, title=SHOP, skills=("django",))
    newsletter = gig(firm, owner, title=NEWSLETTER, skills=("html-css",))
    proposal(shop, lea_profile, price_minor=320_000)
    proposal(shop, max_profile, price_minor=280_000)
    invitation_send(gig=newsletter, by=owner, freelancer_profile=lea_profile, message="Fancy it?")
    return World(owner, lea, max_, firm, shop, newsletter)


def unread_badge(page: Page) -> str:
    return page.get_by_role("navigation").get_by_role("link", name="Notifications").inner_text()


def test_withdraw_decline_and_notifications(
    world: World, browser: Browser, live_server_url: str
) -> None:
    base = live_server_url
    pages = {}
    for name, user in (("owner", world.owner), ("lea", world.lea), ("max", world.max)):
        context = browser.new_context(locale="en-GB", timezone_id="Europe/Berlin")
        sign_in(context, base, user)
        pages[name] = context.new_page()
    owner, lea, max_ = pages["owner"], pages["lea"], pages["max"]

    # Lea withdraws her proposal: it is gone from the gig page, which offers a new one
    lea.goto(f"{base}/gigs/{world.shop.id}")
    own = lea.get_by_test_id("own-proposal")
    expect(own).to_contain_text("Submitted")
    expect(own).to_contain_text("€3,200.00")
    own.get_by_role("button", name="Withdraw").click()
    expect(own).to_have_count(0)
    expect(lea.get_by_role("button", name="Send proposal")).to_be_visible()
    assert Proposal.objects.get(freelancer__user=world.lea, gig=world.shop).status == "withdrawn"
    lea.goto(f"{base}/proposals")
    expect(lea.get_by_role("listitem").filter(has_text=SHOP)).to_contain_text("Withdrawn")

    # The owner declines Max's proposal; Lea's withdrawn one cannot be acted on
    owner.goto(f"{base}/gigs/{world.shop.id}")
    table = owner.get_by_test_id("proposals")
    max_row = table.get_by_role("row").filter(has_text=MAX)
    expect(max_row).to_contain_text("€2,800.00")
    max_row.get_by_role("button", name="Decline").click()
    expect(max_row).to_contain_text("Declined")
    expect(max_row.get_by_role("button")).to_have_count(0)
    expect(table.get_by_role("button", name="Accept")).to_have_count(0)
    shot(owner, "proposals-declined")
    assert Proposal.objects.get(freelancer__user=world.max).status == "declined"

    # Max is told: one unread notification, which he marks read
    max_.goto(f"{base}/notifications")
    declined = max_.get_by_role("listitem").filter(has_text=f"Proposal on “{SHOP}”: Declined.")
    expect(declined).to_be_visible()
    expect(max_.get_by_label("1 unread")).to_be_visible()
    shot(max_, "notifications-unread")
    declined.get_by_role("button", name="Mark as read").click()
    expect(declined.get_by_role("button", name="Mark as read")).to_have_count(0)
    expect(max_.get_by_label("1 unread")).to_have_count(0)
    assert not world.max.chat_notifications.filter(read_at__isnull=True).exists()
    assert world.max.chat_notifications.count() == 1
    max_.goto(f"{base}/proposals")
    expect(max_.get_by_role("listitem").filter(has_text=SHOP)).to_contain_text("Declined")

    # Lea declines the invitation to the newsletter gig: it leaves her inbox
    lea.goto(f"{base}/feed")
    invitations = lea.get_by_test_id("invitations")
    expect(invitations).to_contain_text(NEWSLETTER)
    expect(invitations).to_contain_text("Fancy it?")
    invitations.get_by_role("listitem").filter(has_text=NEWSLETTER).get_by_role(
        "button", name="Decline"
    ).click()
    expect(lea.get_by_role("heading", name="Invitations")).to_have_count(0)
    assert Invitation.objects.get(gig=world.newsletter).status == "declined"
    lea.reload()
    expect(lea.get_by_role("heading", name="Gigs for you")).to_be_visible()
    expect(lea.get_by_test_id("invitations")).to_have_count(0)

    # The owner (told of both proposals and of the withdrawal) marks everything read at once
    owner.goto(f"{base}/notifications")
    expect(owner.get_by_role("button", name="Mark as read").first).to_be_visible()
    assert world.owner.chat_notifications.filter(read_at__isnull=True).count() >= 3
    owner.get_by_role("button", name="Mark all as read").click()
    expect(owner.get_by_role("button", name="Mark as read")).to_have_count(0)
    expect(owner.get_by_text("unread")).to_have_count(0)
    assert not world.owner.chat_notifications.filter(read_at__isnull=True).exists()
    for page in pages.values():
        page.context.close()
