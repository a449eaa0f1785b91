"""Presence in the browser: with both sides in a contract's chat, each sees the other online;
when the freelancer closes the page, the owner's open chat says when she was last seen."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.sessions import both_in_contract_chat
from tests.e2e.world import ceramics_contract

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_each_side_sees_the_other_online_then_last_seen(
    browser: Browser, live_server_url: str
) -> None:
    work = ceramics_contract()
    olivia, leas = both_in_contract_chat(browser, live_server_url, work)
    lea_id, olivia_id = work.freelancer.user_id, work.accepted_by_id

    # Lea's page subscribed after Olivia's: Olivia hears of it live, Lea asked on arrival
    expect(olivia.get_by_test_id(f"presence-{lea_id}")).to_have_text("Lea Freelancer · online")
    expect(leas.get_by_test_id(f"presence-{olivia_id}")).to_have_text("Olivia Owner · online")

    leas.context.close()
    expect(olivia.get_by_test_id(f"presence-{lea_id}")).to_have_text(
        re.compile(r"^Lea Freelancer · last seen .+")
    )
