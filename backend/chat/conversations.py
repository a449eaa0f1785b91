"""Conversations: who talks about what. One inquiry per gig and asker, one conversation per
proposal and per contract, each created at most once even when two requests race (the unique
constraints decide; the loser reads the winner's row).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from chat.models import Conversation, ConversationKind, Participant
from common.errors import Conflict, Forbidden, NotFound
from marketplace.accounts.models import User
from marketplace.contracts.models import Contract
from marketplace.firms.selectors import firm_is_member, firm_member_user_ids
from marketplace.gigs.models import Gig
from marketplace.gigs.selectors import gig_get_visible
from marketplace.proposals.selectors import proposal_get_visible


def _conversation_get_or_create(
    *, lookup: dict[str, Any], kind: str, gig: Gig, user_ids: Iterable[int], **subject: Any
) -> tuple[Conversation, bool]:
    found = Conversation.objects.filter(kind=kind, **lookup).first()
    if found is not None:
        return found, False
    try:
        with transaction.atomic():
            conversation = Conversation.objects.create(
                kind=kind, gig=gig, title=gig.title, **subject
            )
            Participant.objects.bulk_create(
                Participant(conversation=conversation, user_id=uid) for uid in sorted(set(user_ids))
            )
    except IntegrityError:  # a concurrent request created it first
        return Conversation.objects.get(kind=kind, **lookup), False
    return conversation, True


def conversation_start_for_gig(*, gig_id: int, by: User) -> tuple[Conversation, bool]:
    """A freelancer asks a firm about one of its open gigs; one inquiry per gig and asker.

    The firm's members at this moment join with the asker. A gig the user cannot see is
    `not_found`; the firm's own members may not inquire (`own_gig`).
    """
    gig = gig_get_visible(gig_id=gig_id, user=by, details=False)
    if firm_is_member(firm=gig.firm, user=by):
        raise Forbidden("own_gig", _("You cannot start an inquiry on your own firm's gig."))
    existing = Conversation.objects.filter(
        kind=ConversationKind.GIG_INQUIRY, gig=gig, inquirer=by
    ).first()
    if existing is not None:
        return existing, False
    if not gig.is_public:
        raise Conflict("gig_not_open", _("This gig does not take inquiries."))
    return _conversation_get_or_create(
        lookup={"gig": gig, "inquirer": by},
        kind=ConversationKind.GIG_INQUIRY,
        gig=gig,
        user_ids=[by.id, *firm_member_user_ids(firm_id=gig.firm_id)],
        inquirer=by,
    )


def conversation_for_proposal(*, proposal_id: int, by: User) -> tuple[Conversation, bool]:
    """The conversation about a proposal, between its freelancer and the gig firm's members."""
    proposal = proposal_get_visible(proposal_id=proposal_id, user=by)
    members = firm_member_user_ids(firm_id=proposal.gig.firm_id)
    freelancer_user_id = proposal.freelancer.user_id
    if by.id not in members and by.id != freelancer_user_id:
        raise NotFound()  # staff may read a proposal, but do not join its conversation
    return _conversation_get_or_create(
        lookup={"proposal": proposal},
        kind=ConversationKind.PROPOSAL,
        gig=proposal.gig,
        user_ids=[freelancer_user_id, *members],
        proposal=proposal,
    )


def conversation_for_contract(*, contract_id: int) -> tuple[Conversation, bool]:
    """The contract's conversation (started when the contract becomes active)."""
    contract = Contract.objects.select_related("gig", "freelancer").get(pk=contract_id)
    return _conversation_get_or_create(
        lookup={"contract": contract},
        kind=ConversationKind.CONTRACT,
        gig=contract.gig,
        user_ids=[contract.freelancer.user_id, *firm_member_user_ids(firm_id=contract.firm_id)],
        contract=contract,
    )
