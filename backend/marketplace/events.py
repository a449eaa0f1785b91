"""Domain events the marketplace emits after a transaction commits.

`marketplace` must not import `matching`, `payments` or `chat`; those apps subscribe to these
signals instead (in their `AppConfig.ready`). Every event fires only once the change is
committed, so a receiver that enqueues a task never sees a rolled-back row, and receivers get
ids — they re-read what they need, as a task would.

Receivers must be quick and must not raise: they enqueue work (`task.delay_on_commit`) or
push notifications; the work itself happens in tasks.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.dispatch import Signal

logger = logging.getLogger(__name__)

# profile_id, user_id
profile_changed = Signal()
# gig_id, firm_id, status
gig_changed = Signal()
# skill_ids (list)
skills_changed = Signal()
# invitation_id, gig_id, freelancer_id, status
invitation_changed = Signal()
# proposal_id, gig_id, freelancer_id, status
proposal_changed = Signal()
# contract_id, gig_id, status
contract_changed = Signal()
# milestone_id, contract_id
milestone_added = Signal()
# user_id, code ("account_suspended" / "account_banned"): moderation revoked the user's access;
# chat closes their open sockets.
user_access_revoked = Signal()
# firm_id, user_id, change ("joined" or "left")
firm_membership_changed = Signal()


def emit_on_commit(signal: Signal, **payload: Any) -> None:
    """Send `signal` with `payload` after the current transaction commits (now, if none)."""

    def send() -> None:
        for receiver, result in signal.send_robust(sender=None, **payload):
            if isinstance(result, Exception):
                logger.error(
                    "event_receiver_failed",
                    extra={"receiver": getattr(receiver, "__qualname__", str(receiver))},
                    exc_info=result,
                )

    transaction.on_commit(send)
