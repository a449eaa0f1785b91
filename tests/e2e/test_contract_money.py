"""Contract money in the browser: the owner adds a milestone, funds two, asks a refund of one
and opens a dispute on the other; each side sees the escrow states and only the actions its
side may take, and the payments rows say the same.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, expect

from marketplace.models import Milestone
from payments.escrow.models import MilestonePayment
from tests.e2e.conftest import shot
from tests.e2e.world import contract, firm_of, freelancer, gig, person, proposal, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TITLE = "Online shop for a ceramics studio"


def test_add_milestone_refund_and_dispute(browser: Browser, live_server_url: str) -> None:
    base = live_server_url
    owner = person("olivia@acme.test", "Olivia Owner")
    lea = person("lea@example.test", "Lea Freelancer")
    firm = firm_of(owner, name="Acme Ceramics", slug="acme-ceramics")
    profile = freelancer(lea, slug="lea-dev", headline="Django shops", skills=("django",))
    work = contract(
        proposal(gig(firm, owner, title=TITLE, skills=("django",)), profile, price_minor=100_000),
        owner,
        milestones=[("Shop and catalogue", 100_000)],
    )
    owner_ctx = browser.new_context(locale="en-GB", timezone_id="Europe/Berlin")
    lea_ctx = browser.new_context(locale="en-GB", timezone_id="Europe/Berlin")
    sign_in(owner_ctx, base, owner)
    sign_in(lea_ctx, base, lea)
    page, lea_page = owner_ctx.new_page(), lea_ctx.new_page()

    page.goto(f"{base}/contracts/{work.id}")
    first = page.get_by_test_id("milestone-1")
    expect(first.get_by_test_id("escrow-state")).to_have_text("Awaiting funding")
    expect(page.get_by_text("Total €1,000.00")).to_be_visible()

    # The owner adds a second milestone; the total grows and it awaits funding
    page.get_by_label("Milestone").fill("Checkout and shipping")
    page.get_by_label("Amount (EUR)").fill("450.50")
    page.get_by_role("button", name="Add a milestone").click()
    second = page.get_by_test_id("milestone-2")
    expect(second).to_contain_text("2. Checkout and shipping")
    expect(second).to_contain_text("€450.50")
    expect(second.get_by_test_id("escrow-state")).to_have_text("Awaiting funding")
    expect(page.get_by_text("Total €1,450.50")).to_be_visible()
    added = Milestone.objects.get(contract=work, position=2)
    assert (added.title, added.amount_minor, added.currency) == (
        "Checkout and shipping",
        45_050,
        "EUR",
    )

    # Both are funded (offline provider, test mode)
    for milestone in (first, second):
        milestone.get_by_role("button", name="Fund (test payment)").click()
        expect(milestone.get_by_test_id("escrow-state")).to_have_text("Funded (held)")
        expect(milestone.get_by_text("Test mode", exact=True)).to_be_visible()

    # The owner asks for the second one back before any work is submitted
    second.get_by_role("button", name="Request a refund").click()
    expect(second.get_by_test_id("escrow-state")).to_have_text("Refunded")
    expect(second.get_by_role("button")).to_have_count(0)
    expect(second.get_by_text("freelancer receives")).to_have_count(0)
    expect(first.get_by_text("Fee €100.00 · freelancer receives €900.00")).to_be_visible()

    # ... and disputes the first: a reason is needed, then it is frozen
    first.get_by_role("button", name="Open a dispute").click()
    first.get_by_label("What went wrong?").fill("The catalogue import lost half the products.")
    first.get_by_role("button", name="Send the dispute").click()
    expect(first.get_by_test_id("escrow-state")).to_have_text("Disputed")
    expect(first.get_by_role("button", name=re.compile("Release|Refund|dispute"))).to_have_count(0)
    shot(page, "contract-dispute-refund")

    payments = {
        p.milestone.position: p for p in MilestonePayment.objects.filter(milestone__contract=work)
    }
    assert payments[2].state == "refunded"
    assert payments[2].refunded_minor == 45_050
    assert payments[1].state == "disputed"
    assert payments[1].resume_state == "funded"
    assert payments[1].refunded_minor == 0

    # The freelancer sees the same states, and nothing to act on for either milestone
    lea_page.goto(f"{base}/contracts/{work.id}")
    for position, state in ((1, "Disputed"), (2, "Refunded")):
        card = lea_page.get_by_test_id(f"milestone-{position}")
        expect(card.get_by_test_id("escrow-state")).to_have_text(state)
        expect(card.get_by_role("button")).to_have_count(0)
    expect(lea_page.get_by_role("button", name="Add a milestone")).to_have_count(0)
    owner_ctx.close()
    lea_ctx.close()
