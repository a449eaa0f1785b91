"""Reads of proposals and invitations: only their freelancer and the gig firm's members see them.

Staff may open any one of them (detail endpoints); the "mine" lists hold what the user is a
party to, staff included, so no list ever carries foreign rows.
"""

from __future__ import annotations

from typing import Any

from django.db.models import F, Q, QuerySet

from common.errors import NotFound
from marketplace.firms.selectors import firm_ids_of_user
from marketplace.gigs.models import Gig
from marketplace.proposals.models import Invitation, Proposal


def _is_staff(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_staff)


def _party_q(user: Any) -> Q:
    """Rows where the user is the freelancer, or a member of the gig's firm."""
    if not getattr(user, "is_authenticated", False):
        return Q(pk__in=[])
    return Q(freelancer__user=user) | Q(gig__firm_id__in=firm_ids_of_user(user=user))


def gig_ids_of_participant(*, user: Any) -> QuerySet[Any, int]:
    """Ids of gigs the user proposed on or was invited to, as a subquery."""
    proposed = Proposal.objects.filter(freelancer__user=user).values("gig_id")
    invited = Invitation.objects.filter(freelancer__user=user).values("gig_id")
    return Gig.objects.filter(Q(id__in=proposed) | Q(id__in=invited)).values_list("id", flat=True)


# --- proposals ---------------------------------------------------------------------------------


def _proposal_details(proposals: QuerySet[Proposal]) -> QuerySet[Proposal]:
    return proposals.select_related("gig", "gig__firm", "freelancer").annotate(
        contract_id=F("contract__id")
    )


def proposal_list_mine(*, user: Any) -> QuerySet[Proposal]:
    """Proposals the user made, and those received on their firms' gigs."""
    return _proposal_details(Proposal.objects.filter(_party_q(user)))


def proposal_list_for_gig(*, gig: Gig, user: Any, is_firm_member: bool) -> QuerySet[Proposal]:
    """A gig's proposals: all of them for its firm's members and staff, else the user's own."""
    proposals = Proposal.objects.filter(gig=gig)
    if not (is_firm_member or _is_staff(user)):
        if not getattr(user, "is_authenticated", False):
            return _proposal_details(proposals.none())
        proposals = proposals.filter(freelancer__user=user)
    return _proposal_details(proposals)


def proposal_get_visible(*, proposal_id: int, user: Any) -> Proposal:
    proposals = Proposal.objects.filter(pk=proposal_id)
    if not _is_staff(user):
        proposals = proposals.filter(_party_q(user))
    proposal = _proposal_details(proposals).first()
    if proposal is None:
        raise NotFound()
    return proposal


# --- invitations -------------------------------------------------------------------------------


def _invitation_details(invitations: QuerySet[Invitation]) -> QuerySet[Invitation]:
    return invitations.select_related("gig", "gig__firm", "freelancer")


def invitation_list_mine(*, user: Any) -> QuerySet[Invitation]:
    """Invitations the user received, and those sent for their firms' gigs."""
    return _invitation_details(Invitation.objects.filter(_party_q(user)))


def invitation_list_for_gig(*, gig: Gig) -> QuerySet[Invitation]:
    """Every invitation of a gig; the caller checked the user belongs to the gig's firm."""
    return _invitation_details(Invitation.objects.filter(gig=gig))


def invitation_get_visible(*, invitation_id: int, user: Any) -> Invitation:
    invitations = Invitation.objects.filter(pk=invitation_id)
    if not _is_staff(user):
        invitations = invitations.filter(_party_q(user))
    invitation = _invitation_details(invitations).first()
    if invitation is None:
        raise NotFound()
    return invitation
