"""Who hears about which marketplace and payments event, and with what payload.

Called from `chat.tasks.notify_event` (the receivers enqueue it after the event's commit);
each function re-reads what it needs from the ids, as events carry only ids and states.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from chat.conversations import conversation_for_contract
from chat.models import NotificationKind
from chat.notifications import notification_create
from marketplace.contracts.models import Contract, Milestone
from marketplace.firms.selectors import firm_member_user_ids
from marketplace.proposals.models import Invitation, Proposal

# Proposal states the freelancer hears about; the others (submitted, withdrawn) go to the firm.
FREELANCER_PROPOSAL_STATES = {"shortlisted", "declined", "accepted"}


def _contract_parties(contract: Contract) -> list[int]:
    return [contract.freelancer.user_id, *firm_member_user_ids(firm_id=contract.firm_id)]


def _milestone(milestone_id: int) -> Milestone | None:
    return (
        Milestone.objects.select_related("contract", "contract__freelancer")
        .filter(pk=milestone_id)
        .first()
    )


def _milestone_payload(milestone: Milestone) -> dict[str, Any]:
    """What every milestone notification carries, whatever happened to it."""
    return {
        "milestone_id": milestone.id,
        "contract_id": milestone.contract_id,
        "gig_title": milestone.contract.title,
        "milestone_title": milestone.title,
    }


def on_invitation_changed(*, invitation_id: int, status: str, **_: Any) -> None:
    invitation = (
        Invitation.objects.select_related("gig", "freelancer").filter(pk=invitation_id).first()
    )
    if invitation is None or status != "pending":
        return  # only a new invitation is news; the firm sees answers in its gig's list
    notification_create(
        user_ids=[invitation.freelancer.user_id],
        kind=NotificationKind.INVITATION,
        payload={
            "invitation_id": invitation.id,
            "gig_id": invitation.gig_id,
            "gig_title": invitation.gig.title,
            "status": status,
        },
        event_key=f"invitation:{invitation.id}:{status}",
    )


def on_proposal_changed(*, proposal_id: int, status: str, **_: Any) -> None:
    proposal = Proposal.objects.select_related("gig", "freelancer").filter(pk=proposal_id).first()
    if proposal is None:
        return
    if status in FREELANCER_PROPOSAL_STATES:
        user_ids = [proposal.freelancer.user_id]
    else:
        user_ids = firm_member_user_ids(firm_id=proposal.gig.firm_id)
    notification_create(
        user_ids=user_ids,
        kind=NotificationKind.PROPOSAL,
        payload={
            "proposal_id": proposal.id,
            "gig_id": proposal.gig_id,
            "gig_title": proposal.gig.title,
            "status": status,
        },
        event_key=f"proposal:{proposal.id}:{status}",
    )


def on_contract_changed(*, contract_id: int, status: str, **_: Any) -> None:
    contract = Contract.objects.select_related("gig", "freelancer").filter(pk=contract_id).first()
    if contract is None:
        return
    payload: dict[str, Any] = {
        "contract_id": contract.id,
        "gig_id": contract.gig_id,
        "gig_title": contract.title,
        "status": status,
    }
    if status == "active":
        conversation, _created = conversation_for_contract(contract_id=contract.id)
        payload["conversation_id"] = conversation.id
    notification_create(
        user_ids=_contract_parties(contract),
        kind=NotificationKind.CONTRACT,
        payload=payload,
        event_key=f"contract:{contract.id}:{status}",
    )


def on_milestone_added(*, milestone_id: int, **_: Any) -> None:
    milestone = _milestone(milestone_id)
    if milestone is None:
        return
    notification_create(
        user_ids=_contract_parties(milestone.contract),
        kind=NotificationKind.MILESTONE,
        payload={
            **_milestone_payload(milestone),
        },
        event_key=f"milestone:{milestone.id}:added",
    )


def on_milestone_payment_changed(
    *, milestone_id: int, state: str, previous_state: str | None = None, **_: Any
) -> None:
    milestone = _milestone(milestone_id)
    if milestone is None:
        return
    notification_create(
        user_ids=_contract_parties(milestone.contract),
        kind=NotificationKind.PAYMENT,
        payload={
            **_milestone_payload(milestone),
            "state": state,
            "previous_state": previous_state,
        },
        event_key=f"milestone_payment:{milestone.id}:{previous_state}:{state}",
    )


def on_payout_account_changed(*, user_id: int, ready: bool, **_: Any) -> None:
    # No event key: an account may become ready, lapse and become ready again.
    notification_create(
        user_ids=[user_id],
        kind=NotificationKind.PAYMENT,
        payload={"ready": bool(ready)},
        event_key="",
    )


def on_payment_notice(*, milestone_id: int, notice: str, due_at: str, **_: Any) -> None:
    """Held money will move at `due_at` unless someone acts: the auto-release reminder goes to
    the hiring firm (release or dispute before then), the holding-window warning to both."""
    milestone = _milestone(milestone_id)
    if milestone is None:
        return
    contract = milestone.contract
    if notice == "auto_release_reminder":
        user_ids = firm_member_user_ids(firm_id=contract.firm_id)
    else:
        user_ids = _contract_parties(contract)
    notification_create(
        user_ids=user_ids,
        kind=NotificationKind.PAYMENT,
        payload={
            **_milestone_payload(milestone),
            "notice": notice,
            "due_at": due_at,
        },
        event_key=f"payment_notice:{milestone.id}:{notice}:{due_at[:10]}",
    )


HANDLERS: dict[str, Callable[..., None]] = {
    "invitation_changed": on_invitation_changed,
    "proposal_changed": on_proposal_changed,
    "contract_changed": on_contract_changed,
    "milestone_added": on_milestone_added,
    "milestone_payment_changed": on_milestone_payment_changed,
    "payout_account_changed": on_payout_account_changed,
    "payment_notice": on_payment_notice,
}
