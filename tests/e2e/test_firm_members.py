"""Firm member management in the browser: the owner sees the members on the firm page, an
unknown email is refused under the field, she adds a colleague by email, cannot step down while
she is the only owner, makes the colleague an owner, then removes him after confirming; the
database follows each step.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from marketplace.firms.models import FirmMembership
from tests.e2e.conftest import shot
from tests.e2e.sessions import signed_in
from tests.e2e.world import firm_of, person

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


# Refusals are 4xx responses, which the browser logs as console errors.
@pytest.mark.console_allows(r"status of 40[09]")
def test_owner_adds_promotes_and_removes_a_member(browser: Browser, live_server_url: str) -> None:
    base = live_server_url
    owner = person("olivia@acme.test", "Olivia Owner")
    colleague = person("max@acme.test", "Max Maker")
    firm = firm_of(owner, name="Acme Ceramics", slug="acme-ceramics")
    page = signed_in(browser, base, owner)
    page.goto(f"{base}/firms/{firm.slug}")
    members = page.get_by_role("region", name="Members")
    expect(members.get_by_test_id(f"member-{owner.pk}")).to_contain_text("Olivia Owner")

    # Not an account: the sentence under the field
    email = members.get_by_label("Email address")
    email.fill("nobody@example.test")
    members.get_by_role("button", name="Add", exact=True).click()
    expect(members.get_by_text("No active account has this email address.")).to_be_visible()
    expect(email).to_have_attribute("aria-invalid", "true")

    email.fill("max@acme.test")
    members.get_by_role("button", name="Add", exact=True).click()
    row = members.get_by_test_id(f"member-{colleague.pk}")
    expect(row).to_contain_text("Max Maker")
    expect(row).to_contain_text("Member")
    assert FirmMembership.objects.get(firm=firm, user=colleague).role == "member"

    # The only owner cannot step down
    mine = members.get_by_test_id(f"member-{owner.pk}")
    mine.get_by_role("button", name="Make Olivia Owner a member").click()
    expect(mine.get_by_role("alert")).to_have_text(
        "A firm needs an owner: make someone else owner first."
    )

    row.get_by_role("button", name="Make Max Maker an owner").click()
    expect(row.get_by_role("button", name="Make Max Maker a member")).to_be_visible()
    assert FirmMembership.objects.get(firm=firm, user=colleague).role == "owner"
    shot(page, "firm-members", full_page=False)

    row.get_by_role("button", name="Remove Max Maker").click()
    row.get_by_role("button", name="Yes, remove").click()
    expect(members.get_by_test_id(f"member-{colleague.pk}")).to_have_count(0)
    assert not FirmMembership.objects.filter(firm=firm, user=colleague).exists()
