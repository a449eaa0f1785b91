"""Ending early in the browser: the owner cancels an unpaid milestone (after confirming, a
"no" first keeps it), then the freelancer cancels the contract; the other milestone is
cancelled with it, the owner sees the contract cancelled, and the database says the same.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from marketplace.models import Contract, Milestone
from tests.e2e.conftest import shot
from tests.e2e.sessions import signed_in
from tests.e2e.world import ceramics_contract

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_cancel_a_milestone_then_the_contract(browser: Browser, live_server_url: str) -> None:
    base = live_server_url
    work = ceramics_contract(
        price_minor=150_000, milestones=[("Shop", 100_000), ("Checkout", 50_000)]
    )
    owner, lea = work.accepted_by, work.freelancer.user
    olivia = signed_in(browser, base, owner)
    leas = signed_in(browser, base, lea)

    olivia.goto(f"{base}/contracts/{work.id}")
    second = olivia.get_by_test_id("milestone-2")
    expect(second.get_by_test_id("escrow-state")).to_have_text("Awaiting funding")
    second.get_by_role("button", name="Cancel this milestone").click()
    expect(second.get_by_role("button", name="No, keep it")).to_be_focused()
    second.get_by_role("button", name="No, keep it").click()
    second.get_by_role("button", name="Cancel this milestone").click()
    second.get_by_role("button", name="Yes, cancel the milestone").click()
    expect(second.get_by_test_id("escrow-state")).to_have_text("Cancelled")
    expect(olivia.get_by_test_id("milestone-1").get_by_test_id("escrow-state")).to_have_text(
        "Awaiting funding"
    )
    assert Milestone.objects.get(contract=work, position=2).status == "cancelled"

    # The freelancer ends the contract: she cannot complete it, but she can cancel it
    leas.goto(f"{base}/contracts/{work.id}")
    expect(leas.get_by_role("heading", level=1)).to_have_text(work.title)
    expect(leas.get_by_role("button", name="Mark the contract completed")).to_have_count(0)
    leas.get_by_role("button", name="Cancel the contract").click()
    expect(leas.get_by_text("Cancel this contract for both sides?")).to_be_visible()
    shot(leas, "contract-cancel-confirm", full_page=False)
    leas.get_by_role("button", name="Yes, cancel the contract").click()
    expect(leas.locator("section.stack > header .badge")).to_have_text("Cancelled")
    expect(leas.get_by_role("button", name="Cancel the contract")).to_have_count(0)
    expect(leas.get_by_test_id("milestone-1").get_by_test_id("escrow-state")).to_have_text(
        "Cancelled"
    )

    olivia.reload()
    expect(olivia.locator("section.stack > header .badge")).to_have_text("Cancelled")
    expect(olivia.get_by_role("button", name="Mark the contract completed")).to_have_count(0)
    expect(olivia.get_by_role("button", name="Add a milestone")).to_have_count(0)
    work = Contract.objects.get(pk=work.pk)
    assert (work.status, work.cancelled_by) == ("cancelled", "freelancer")
    assert set(Milestone.objects.filter(contract=work).values_list("status", flat=True)) == {
        "cancelled"
    }
