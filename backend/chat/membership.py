"""Firm members and conversations: who joins a firm joins its conversations; who leaves, leaves.

A firm's conversations are those about its gigs (inquiries, proposals, contracts). The firm's
side of each is its members *now*: `firms` emits `firm_membership_changed` after each join or
removal, and `conversation_member_sync` makes the user's participation match their membership.
It reads the membership instead of trusting the event's `change`, so it is idempotent and a
late or repeated run (a join processed after a quick leave) cannot grant access it should not.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q, QuerySet

from chat.broadcast import broadcast_on_commit, user_group
from chat.models import Conversation, Notification, NotificationKind, Participant
from marketplace.firms.models import FirmMembership


def _firm_side_conversations(*, firm_id: int, user_id: int) -> QuerySet[Conversation]:
    """The firm's conversations in which `user_id` is not the other side (the freelancer or
    the inquirer: someone who asked a firm and later joined it stays in their own inquiry)."""
    return Conversation.objects.filter(gig__firm_id=firm_id).exclude(
        Q(inquirer_id=user_id)
        | Q(proposal__freelancer__user_id=user_id)
        | Q(contract__freelancer__user_id=user_id)
    )


def conversation_member_sync(*, firm_id: int, user_id: int) -> tuple[int, int]:
    """Add or remove `user_id` in the firm's conversations per their current membership.

    Returns (joined, left) counts. Removal also drops their unread message notifications of
    those conversations (no digest about a firm they left) and, after commit, tells each of
    their sockets `conversation_removed`: the sockets leave those groups at once.
    """
    is_member = FirmMembership.objects.filter(firm_id=firm_id, user_id=user_id).exists()
    conversation_ids = list(
        _firm_side_conversations(firm_id=firm_id, user_id=user_id).values_list("id", flat=True)
    )
    if not conversation_ids:
        return 0, 0
    with transaction.atomic():
        if is_member:
            present = set(
                Participant.objects.filter(
                    conversation_id__in=conversation_ids, user_id=user_id
                ).values_list("conversation_id", flat=True)
            )
            joined = [cid for cid in conversation_ids if cid not in present]
            Participant.objects.bulk_create(
                [Participant(conversation_id=cid, user_id=user_id) for cid in joined],
                ignore_conflicts=True,  # a concurrent sync added it first
            )
            if joined:
                broadcast_on_commit(
                    user_group(user_id), {"type": "conversation_added", "conversation_ids": joined}
                )
            return len(joined), 0
        left = list(
            Participant.objects.filter(
                conversation_id__in=conversation_ids, user_id=user_id
            ).values_list("conversation_id", flat=True)
        )
        Participant.objects.filter(conversation_id__in=left, user_id=user_id).delete()
        Notification.objects.filter(
            user_id=user_id,
            kind=NotificationKind.MESSAGE,
            conversation_id__in=left,
            read_at__isnull=True,
        ).delete()
        if left:
            broadcast_on_commit(
                user_group(user_id), {"type": "conversation_removed", "conversation_ids": left}
            )
        return 0, len(left)
