"""Endorsements in the browser: a freelancer whose firm hired a peer endorses the peer's skill
on the peer's public profile (the app names that contract, so it counts as contract-backed),
an anonymous visitor sees the count, the endorser withdraws it; the peer is offered no button
on her own profile, and a too-new account sees its refusal next to the skills. The database
follows each step.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, expect

from marketplace.endorsements.models import Endorsement
from tests.e2e.conftest import shot
from tests.e2e.sessions import signed_in
from tests.e2e.world import contract, firm_of, freelancer, gig, person, proposal

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _aged(days: int) -> dt.datetime:
    # Endorsers' accounts must be TRUST_ENDORSER_MIN_ACCOUNT_AGE_DAYS (30) old (docs/trust.md).
    return timezone.now() - dt.timedelta(days=days)


# The too-new account's refusal is a 403, which the browser logs as a console error.
@pytest.mark.console_allows(r"status of 403")
def test_endorse_see_withdraw_and_refusals(browser: Browser, live_server_url: str) -> None:
    base = live_server_url
    lea = person("lea@studio.test", "Léa Dev", date_joined=_aged(200))
    max_ = person("max@studio.test", "Max Maker", date_joined=_aged(90))
    newcomer = person("nina@studio.test", "Nina New")
    lea_profile = freelancer(
        lea, slug="lea-dev", headline="Django shops", skills=("django", "postgresql")
    )
    freelancer(max_, slug="max-maker", headline="React apps", skills=("react",))
    freelancer(newcomer, slug="nina-new", headline="Go services", skills=("react",))
    firm = firm_of(max_, name="Max Studio", slug="max-studio")
    posted = gig(firm, max_, title="Shop for a ceramics studio", skills=("django",))
    hired = contract(proposal(posted, lea_profile), max_, milestones=[("Shop", 300_000)])

    page = signed_in(browser, base, max_)
    page.goto(f"{base}/freelancers/lea-dev")
    skills = page.get_by_test_id("skills")
    skills.get_by_role("button", name="Endorse Django").click()
    expect(skills.get_by_role("button", name="Withdraw your endorsement of Django")).to_be_visible()
    expect(skills).to_contain_text("validated by 1 peer")
    given = Endorsement.objects.get(endorser__user=max_, endorsee=lea_profile)
    assert (given.skill.slug, given.contract_id, given.withdrawn_at) == ("django", hired.pk, None)
    shot(page, "endorsement-given", full_page=False)

    # Anyone sees the count; visitors are offered no button
    visitor = browser.new_context(locale="en-US").new_page()
    visitor.goto(f"{base}/freelancers/lea-dev")
    public = visitor.get_by_test_id("skills")
    expect(public).to_contain_text("validated by 1 peer")
    expect(public.get_by_role("button")).to_have_count(0)

    skills.get_by_role("button", name="Withdraw your endorsement of Django").click()
    expect(skills.get_by_role("button", name="Endorse Django")).to_be_visible()
    expect(skills).not_to_contain_text("validated by")
    given.refresh_from_db()
    assert given.withdrawn_at is not None
    visitor.reload()
    expect(visitor.get_by_test_id("skills")).to_contain_text("PostgreSQL")
    expect(visitor.get_by_test_id("skills")).not_to_contain_text("validated by")

    # Léa is offered no button on her own profile
    own = signed_in(browser, base, lea)
    own.goto(f"{base}/freelancers/lea-dev")
    expect(own.get_by_test_id("skills")).to_contain_text("Django")
    expect(own.get_by_test_id("skills").get_by_role("button")).to_have_count(0)

    # An account younger than 30 days gets its code's sentence next to the skills
    young = signed_in(browser, base, newcomer)
    young.goto(f"{base}/freelancers/lea-dev")
    young.get_by_test_id("skills").get_by_role("button", name="Endorse Django").click()
    expect(young.get_by_role("alert")).to_have_text(
        "Your account is too new to endorse others yet. Try again once it is 30 days old."
    )
    assert not Endorsement.objects.filter(endorser__user=newcomer).exists()
    assert Endorsement.objects.filter(withdrawn_at__isnull=True).count() == 0


def test_a_colleague_ties_the_endorsement_to_the_contract_they_shared(
    browser: Browser, live_server_url: str
) -> None:
    # Léa and Tom both work for Max Studio now: Tom cannot see Léa's contract, but the app
    # offers it (shared-contracts) and the endorsement counts as contract-backed
    lea = person("lea@studio.test", "Léa Dev", date_joined=_aged(200))
    tom = person("tom@studio.test", "Tom Photo", date_joined=_aged(120))
    max_ = person("max@studio.test", "Max Maker")
    lea_profile = freelancer(lea, slug="lea-dev", headline="Django shops", skills=("django",))
    tom_profile = freelancer(tom, slug="tom-photo", headline="Product photos", skills=("react",))
    firm = firm_of(max_, name="Max Studio", slug="max-studio")
    shop = gig(firm, max_, title="Shop for a ceramics studio", skills=("django",))
    photos = gig(firm, max_, title="Photos of the catalogue", skills=("react",))
    hired = contract(proposal(shop, lea_profile), max_, milestones=[("Shop", 300_000)])
    contract(
        proposal(photos, tom_profile, price_minor=80_000), max_, milestones=[("Photos", 80_000)]
    )

    page = signed_in(browser, live_server_url, tom)
    page.goto(f"{live_server_url}/freelancers/lea-dev")
    picker = page.get_by_label("Tie to a contract you shared:")
    expect(picker).to_have_value(str(hired.pk))
    expect(picker.locator("option:checked")).to_have_text("Shop for a ceramics studio (Max Studio)")
    skills = page.get_by_test_id("skills")
    skills.get_by_role("button", name="Endorse Django").click()
    expect(skills.get_by_role("button", name="Withdraw your endorsement of Django")).to_be_visible()
    given = Endorsement.objects.get(endorser=tom_profile, endorsee=lea_profile)
    assert (given.contract_id, given.withdrawn_at) == (hired.pk, None)
