"""Fixtures of the moderation suites: a moderator's admin client, a queue driver."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

QUEUE = "/admin/marketplace/report/"
USERS = "/admin/marketplace/user/"


@pytest.fixture
def moderator_client(moderator: Any) -> Client:
    """Django admin as a moderator: staff in the moderator group, not a superuser, so the
    group's permissions are what let them in."""
    client = Client()
    client.force_login(moderator)
    return client


def run_action(
    client: Client, changelist: str, action: str, objects: list[Any], **confirm: Any
) -> Any:
    """Pick `action` for `objects` on a changelist; with `confirm` fields (reason, days…),
    post them as the intermediate page does."""
    data: dict[str, Any] = {"action": action, "_selected_action": [obj.pk for obj in objects]}
    if confirm:
        data.update(apply="yes", **confirm)
    return client.post(changelist, data)
