"""Funding a milestone with Stripe Elements, in a real browser against the live server
configured for Stripe — with no internet: the live server's Stripe API is the stateful fake
(tests/payments/fake_stripe) served over HTTP, and Stripe.js is a test double
(tests/e2e/stripe_double/stripe.js) that Playwright serves for js.stripe.com. The browser's
calls to api.stripe.com reach the same fake, which signs and delivers the webhooks.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from marketplace.accounts.models import User
from payments.escrow.models import MilestonePayment, PayoutAccount
from tests.e2e.conftest import shot, watch
from tests.e2e.sessions import signed_in
from tests.e2e.stripe_double.server import StripeDouble
from tests.payments.conftest import make_cast

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

STRIPE_JS = Path(__file__).parent / "stripe_double" / "stripe.js"


@pytest.fixture
def stripe_double() -> Iterator[StripeDouble]:
    double = StripeDouble().start()
    yield double
    double.stop()


@pytest.fixture
def live_server_env(stripe_double: StripeDouble) -> dict[str, str]:
    return stripe_double.live_server_env()


def onboarded_on_stripe(double: StripeDouble, user: User) -> None:
    """The freelancer's connected account, already through Stripe's hosted onboarding."""
    body, status, _ = double.fake.request(
        "POST",
        "http://stripe.test/v1/accounts",
        {},
        f"type=express&email={user.email}&capabilities[transfers][requested]=true".encode(),
    )
    assert status == 200, body
    account_id = double.fake.objects[max(double.fake.objects)]["id"]
    double.fake.activate_account(account_id)
    double.deliver_new_events()  # before the live server listens: nothing is sent
    PayoutAccount.objects.create(
        user=user,
        provider="stripe",
        account_id=account_id,
        transfers_active=True,
        payouts_enabled=True,
    )


def route_stripe(page: Page, double: StripeDouble) -> None:
    page.route(
        "https://js.stripe.com/**",
        lambda route: route.fulfill(path=STRIPE_JS, content_type="application/javascript"),
    )

    def to_fake_api(route: Route) -> None:
        url = urlsplit(route.request.url)
        route.fulfill(response=route.fetch(url=f"{double.url}{url.path}?{url.query}"))

    page.route("https://api.stripe.com/**", to_fake_api)


# The declined test card answers 402, as Stripe does.
@pytest.mark.console_allows(r"status of 402 .*api\.stripe\.com/v1/payment_intents/[^/]+/confirm")
def test_owner_funds_a_milestone_with_stripe_elements(
    browser: Browser, live_server_url: str, stripe_double: StripeDouble
) -> None:
    stripe_double.webhook_base = live_server_url
    cast = make_cast(ready=False)
    onboarded_on_stripe(stripe_double, cast.freelancer)
    contract_id = cast.milestone.contract_id

    page = signed_in(browser, live_server_url, cast.client)
    errors = watch(page)
    route_stripe(page, stripe_double)
    page.goto(f"{live_server_url}/contracts/{contract_id}")
    card = page.get_by_test_id("milestone-1")
    expect(card.get_by_test_id("escrow-state")).to_have_text("Awaiting funding")
    # Stripe configured: a real payment, not the offline provider's test-mode shortcut
    expect(card.get_by_text("Funding succeeds at once")).to_have_count(0)
    card.get_by_role("button", name="Fund this milestone").click()

    # The PaymentIntent exists; Stripe's Payment Element mounts with its client secret
    form = card.get_by_role("form", name="Card payment")
    expect(form.get_by_label("Card number")).to_be_visible()
    expect(card.get_by_test_id("escrow-state")).to_have_text("Funding…")
    pay = form.get_by_role("button", name="Pay €1,000.00")

    # A declined test card: Stripe's message next to the form, nothing funded
    form.get_by_label("Card number").fill("4000 0000 0000 0002")
    form.get_by_label("Expiration date (MM / YY)").fill("12 / 34")
    form.get_by_label("Security code").fill("123")
    pay.click()
    expect(form.get_by_role("alert")).to_have_text("Your card was declined.")
    expect(card.get_by_test_id("escrow-state")).to_have_text("Funding…")
    shot(page, "contract-stripe-declined")

    # Back from a redirect-based method (a bank's page) that was not completed: Stripe returns
    # to the page with the intent's client secret and the outcome in the URL
    pending = MilestonePayment.objects.get(milestone=cast.milestone)
    page.goto(
        f"{live_server_url}/contracts/{contract_id}?payment_intent={pending.payment_intent_id}"
        f"&payment_intent_client_secret={pending.client_secret}&redirect_status=failed"
    )
    expect(card.get_by_role("alert")).to_have_text(
        "The payment was not completed. Choose a payment method and try again."
    )
    expect(page).to_have_url(f"{live_server_url}/contracts/{contract_id}")
    expect(card.get_by_test_id("escrow-state")).to_have_text("Funding…")

    # A good card: processing until payment_intent.succeeded reaches the live server
    form.get_by_label("Card number").fill("4242 4242 4242 4242")
    form.get_by_label("Expiration date (MM / YY)").fill("12 / 34")
    form.get_by_label("Security code").fill("123")
    pay.click()
    expect(card.get_by_test_id("escrow-state")).to_have_text("Funded (held)")
    expect(card.get_by_role("form", name="Card payment")).to_have_count(0)
    expect(card.get_by_role("button", name="Request a refund")).to_be_visible()
    shot(page, "contract-stripe-funded")

    payment = MilestonePayment.objects.get(milestone=cast.milestone)
    assert payment.state == "funded"
    (intent,) = stripe_double.fake.of_type("payment_intent")
    assert intent["status"] == "succeeded"
    assert ("payment_intent.succeeded", 200) in stripe_double.delivered
    # The declined card's 402 from api.stripe.com is the only thing the browser logged
    assert [e for e in errors if "status of 402" not in e] == []
