"""Receivers of marketplace and payments events: each enqueues `notify_event` and returns
(firm membership changes: see `on_firm_membership_changed`).

The events fire after their transaction commits; `delay_on_commit` then enqueues at once (or,
when called inside another transaction, after it). Receivers never raise.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.dispatch import Signal

from marketplace import events as marketplace_events
from payments import events as payments_events

SIGNALS: dict[str, Signal] = {
    "invitation_changed": marketplace_events.invitation_changed,
    "proposal_changed": marketplace_events.proposal_changed,
    "contract_changed": marketplace_events.contract_changed,
    "milestone_added": marketplace_events.milestone_added,
    "milestone_payment_changed": payments_events.milestone_payment_changed,
    "payout_account_changed": payments_events.payout_account_changed,
    "payment_notice": payments_events.payment_notice,
}


def _receiver_for(event: str) -> Callable[..., None]:
    def receive(sender: Any, **payload: Any) -> None:
        from chat.tasks import notify_event

        payload.pop("signal", None)
        notify_event.delay_on_commit(event, payload)

    receive.__qualname__ = f"chat_on_{event}"
    return receive


_RECEIVERS = {event: _receiver_for(event) for event in SIGNALS}


def close_sockets_of_user(sender: Any, *, user_id: int, code: str, **_: Any) -> None:
    """Moderation suspended or banned the user: every socket of theirs closes now."""
    from chat.broadcast import close_user_sockets

    close_user_sockets(user_id=user_id, code=code)


def on_firm_membership_changed(
    sender: Any, *, firm_id: int, user_id: int, change: str, **_: Any
) -> None:
    """A leaver loses the firm's conversations now, in this receiver: revoking access must not
    wait for a queue. A joiner gets them through a task (a firm may have many)."""
    from chat.membership import conversation_member_sync
    from chat.tasks import conversation_member_sync_task

    if change == "left":
        conversation_member_sync(firm_id=firm_id, user_id=user_id)
    else:
        conversation_member_sync_task.delay_on_commit(firm_id, user_id)


def connect() -> None:
    for event, signal in SIGNALS.items():
        signal.connect(_RECEIVERS[event], dispatch_uid=f"chat.{event}")
    marketplace_events.user_access_revoked.connect(
        close_sockets_of_user, dispatch_uid="chat.user_access_revoked"
    )
    marketplace_events.firm_membership_changed.connect(
        on_firm_membership_changed, dispatch_uid="chat.firm_membership_changed"
    )
