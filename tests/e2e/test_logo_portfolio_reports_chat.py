"""The firm logo, editing a portfolio item, "My reports" and the chat's connection label, in
the browser against the live server (each journey's sign-up screens are tested elsewhere)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Browser, WebSocketRoute, expect

from tests.chat.conftest import make_inquiry
from tests.e2e.conftest import image_decoded, shot, watch
from tests.e2e.sessions import signed_in
from tests.factories import FirmMembershipFactory
from tests.factories_flow import open_gig, public_profile

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def png(path: Path, color: str = "teal") -> Path:
    buffer = io.BytesIO()
    Image.new("RGB", (320, 200), color).save(buffer, format="PNG")
    path.write_bytes(buffer.getvalue())
    return path


# The refused upload is the point: its 400 is the browser's console line.
@pytest.mark.console_allows(r"status of 400 .*/api/v1/firms/[^/]+/logo/")
def test_firm_owner_uploads_a_logo_shown_on_the_public_page(
    browser: Browser, live_server_url: str, tmp_path: Path
) -> None:
    owner = FirmMembershipFactory.create(role="owner")
    firm = owner.firm
    page = signed_in(browser, live_server_url, owner.user)
    errors = watch(page)
    page.goto(f"{live_server_url}/firms/{firm.slug}")
    expect(page.get_by_role("heading", level=1)).to_have_text(firm.name)
    page.get_by_role("button", name="Edit").click()
    expect(page.get_by_text("No logo yet.")).to_be_visible()

    # Not an image: the code's sentence under the field, which is marked invalid
    fake = tmp_path / "notes.png"
    fake.write_text("these are meeting notes, not a picture")
    field = page.get_by_label("Upload a logo")
    field.set_input_files(fake)
    expect(page.get_by_text("This file is not a JPEG, PNG or WebP image.")).to_be_visible()
    expect(field).to_have_attribute("aria-invalid", "true")

    field.set_input_files(png(tmp_path / "logo.png"))
    expect(page.get_by_role("img", name=f"Logo of {firm.name}")).to_be_visible()
    expect(page.get_by_label("Replace the logo")).not_to_have_attribute("aria-invalid", "true")
    shot(page, "firm-logo-editor")
    page.get_by_role("button", name="Cancel").click()
    expect(page.get_by_role("img", name=f"Logo of {firm.name}")).to_be_visible()
    assert image_decoded(page, f"Logo of {firm.name}")

    # Everyone sees it on the public page
    visitor = browser.new_context(locale="en-US").new_page()
    visitor.goto(f"{live_server_url}/firms/{firm.slug}")
    expect(visitor.get_by_role("img", name=f"Logo of {firm.name}")).to_be_visible()
    assert image_decoded(visitor, f"Logo of {firm.name}")
    # The refused upload is a 400 the browser logs; nothing else may be
    assert [e for e in errors if "status of 400" not in e] == []


@pytest.mark.console_allows(r"status of 400 .*/api/v1/me/freelancer-profile/portfolio/\d+/")
def test_freelancer_edits_a_portfolio_item(
    browser: Browser, live_server_url: str, tmp_path: Path
) -> None:
    profile = public_profile()
    page = signed_in(browser, live_server_url, profile.user)
    errors = watch(page)
    page.goto(f"{live_server_url}/me/profile")
    expect(page.get_by_text("No portfolio items yet.")).to_be_visible()
    page.get_by_label("Image", exact=True).set_input_files(png(tmp_path / "shop.png"))
    page.get_by_label("Caption").first.fill("Shop")
    page.get_by_role("button", name="Add to portfolio").click()
    expect(page.get_by_test_id("portfolio-item")).to_have_count(1)

    page.get_by_role("button", name="Edit Shop").click()
    form = page.get_by_role("form", name="Edit Shop")
    form.get_by_label("Link (optional)").fill("not a link")
    form.get_by_role("button", name="Save").click()
    expect(form.get_by_text("Enter an http(s) address.")).to_be_visible()
    expect(form.get_by_label("Link (optional)")).to_have_attribute("aria-invalid", "true")

    form.get_by_label("Caption").fill("Ceramics shop")
    form.get_by_label("Link (optional)").fill("https://ceramics.example")
    form.get_by_role("button", name="Save").click()
    expect(page.get_by_role("form", name="Edit Shop")).to_have_count(0)
    expect(page.get_by_test_id("portfolio-item")).to_contain_text("Ceramics shop")
    shot(page, "portfolio-edited")

    page.goto(f"{live_server_url}/freelancers/{profile.slug}")
    expect(page.get_by_role("img", name="Ceramics shop")).to_be_visible()
    expect(page.get_by_role("link", name="Visit")).to_have_attribute(
        "href", "https://ceramics.example"
    )
    assert [e for e in errors if "status of 400" not in e] == []


def test_reporting_a_gig_then_my_reports_lists_it(browser: Browser, live_server_url: str) -> None:
    owner = FirmMembershipFactory.create(role="owner")
    gig = open_gig(firm=owner.firm)
    reporter = public_profile().user
    page = signed_in(browser, live_server_url, reporter)
    errors = watch(page)

    # Reachable from the account menu; empty at first
    page.goto(f"{live_server_url}/")
    page.locator("details.menu summary").click()
    page.get_by_role("link", name="My reports").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My reports")
    expect(page.get_by_text("You have not reported anything.")).to_be_visible()

    page.goto(f"{live_server_url}/gigs/{gig.id}")
    page.get_by_role("button", name="Report this gig").click()
    page.get_by_label("Why are you reporting this?").select_option("scam")
    page.get_by_label("What happened? (optional)").fill("Asks for a deposit by wire transfer.")
    page.get_by_role("button", name="Send the report").click()
    page.get_by_role("link", name="See my reports").click()

    reports = page.get_by_test_id("my-reports")
    expect(reports.get_by_role("listitem")).to_have_count(1)
    expect(reports).to_contain_text("A gig")
    expect(reports).to_contain_text("Scam or fraud")
    expect(reports.locator(".badge")).to_have_text("Open")
    expect(reports).to_contain_text("Our moderators have not decided yet.")
    expect(reports).to_contain_text("Asks for a deposit by wire transfer.")
    expect(reports.get_by_role("link", name="A gig")).to_have_attribute("href", f"/gigs/{gig.id}")
    shot(page, "my-reports")
    assert errors == []


# Any "Reconnecting…" the page ever shows, even for a moment (set before the app runs).
RECORD_LABELS = """
window.__labels = [];
new MutationObserver(() => {
  for (const el of document.querySelectorAll('.room__head [role=status]')) {
    if (!window.__labels.includes(el.textContent)) window.__labels.push(el.textContent);
  }
}).observe(document, { subtree: true, childList: true, characterData: true });
"""


def test_chat_says_reconnecting_only_after_a_lost_connection(
    browser: Browser, live_server_url: str
) -> None:
    inquiry = make_inquiry()
    page = signed_in(browser, live_server_url, inquiry.freelancer)
    errors = watch(page)
    page.add_init_script(RECORD_LABELS)
    sockets: list[WebSocketRoute] = []

    def through(ws: WebSocketRoute) -> None:
        # Forwarded to the live server as is; the test can cut the browser's side.
        ws.connect_to_server()
        sockets.append(ws)

    page.route_web_socket("**/ws/chat/", through)
    page.goto(f"{live_server_url}/chat/{inquiry.conversation.id}")
    room = page.locator(".room__head")
    expect(page.get_by_label("Message")).to_be_visible()
    expect(room.get_by_role("status")).to_have_count(0)  # connected: no label at all
    assert "Reconnecting…" not in page.evaluate("window.__labels")

    # The connection drops: now, and only now, it says reconnecting; it comes back by itself
    sockets[-1].close(code=1006)
    expect(room.get_by_role("status")).to_have_text("Reconnecting…")
    expect(room.get_by_role("status")).to_have_count(0)
    assert len(sockets) == 2
    page.get_by_label("Message").fill("Back online?")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_test_id("messages")).to_contain_text("Back online?")
    expect(page.locator(".msg--pending")).to_have_count(0)
    assert errors == []
