"""Events the payments app emits after commit; chat turns them into notifications.

Receivers get ids and re-read what they need (see `marketplace.events` for the rules).
"""

from __future__ import annotations

from django.dispatch import Signal

# milestone_id, contract_id, state, previous_state — an escrow transition was committed.
milestone_payment_changed = Signal()
# user_id, ready (bool) — a freelancer's payout account became ready or stopped being ready.
payout_account_changed = Signal()
# milestone_id, contract_id, notice, due_at (ISO 8601) — something will happen to held money
# unless someone acts: notice "auto_release_reminder" (released to the freelancer at due_at
# unless the client disputes) or "hold_window_warning" (refunded to the client at due_at).
payment_notice = Signal()
