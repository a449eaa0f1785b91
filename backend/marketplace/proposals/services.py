"""Invitation and proposal rules: who may invite, propose, shortlist, decline and hire.

    invitation: pending ──▶ proposed (the freelancer proposed) / declined (by the freelancer)
                        ──▶ revoked (by the firm, or when the gig is cancelled or staffed)
    proposal:   submitted ──▶ shortlisted ──▶ accepted (creates the contract)
                     └────────────┴──────▶ declined (by the firm) / withdrawn (by the freelancer)

A freelancer holds at most one active proposal (submitted, shortlisted or accepted) per gig;
the database enforces it with a partial unique index, and the race between two submissions
that both passed the check is answered with the same `proposal_exists` code.

Lock order, everywhere: the gig's row before a proposal's or invitation's row, so two
transactions never wait on each other in opposite orders.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.errors import Conflict, Forbidden, NotFound, ValidationFailed
from common.fields import invalid, is_amount_minor
from common.money import MAX_AMOUNT_MINOR
from marketplace.accounts.models import User
from marketplace.contracts.models import Contract
from marketplace.contracts.services import contract_create
from marketplace.events import emit_on_commit, invitation_changed, proposal_changed
from marketplace.firms.selectors import firm_is_member
from marketplace.gigs.models import Gig, GigStatus
from marketplace.gigs.services import gig_lock_shared, gig_start
from marketplace.limits import (
    INVITATION_QUOTA_MESSAGE,
    PROPOSAL_QUOTA_MESSAGE,
    daily_quota_check,
    user_lock,
)
from marketplace.profiles.models import FreelancerProfile
from marketplace.proposals.models import (
    Invitation,
    InvitationStatus,
    Proposal,
    ProposalStatus,
)

# Statuses in which the freelancer may still change their mind and the firm may still decide.
OPEN_PROPOSAL_STATUSES = (ProposalStatus.SUBMITTED, ProposalStatus.SHORTLISTED)
COVER_LETTER_MAX_LENGTH = 5000
# A proposal's estimate is in days; ten years is past any gig this marketplace serves.
MAX_DURATION_DAYS = 3650


# --- invitations -------------------------------------------------------------------------------


def invitation_send(
    *, gig: Gig, by: User, freelancer_profile: FreelancerProfile, message: str = ""
) -> Invitation:
    """A firm member invites a freelancer with a public profile to propose on an open gig.

    Refused: non-members (`permission_denied`), a gig not open or hidden (`gig_not_open`), a
    profile that is not public (`profile_not_public`), a member of the gig's own firm
    (`own_gig`), and a second invitation of the same freelancer to the same gig
    (`invitation_exists`, whatever the first one's status), and more than
    MARKETPLACE_INVITATIONS_PER_DAY invitations by `by` in 24 hours
    (`invitation_quota_exceeded`, 429).
    """
    _require_firm_member(gig=gig, user=by)
    message = (message or "").strip()
    if len(message) > 2000:
        error = ValidationFailed("validation_error", _("Some fields are invalid."))
        error.details = {"message": [str(_("At most %(n)d characters.") % {"n": 2000})]}
        raise error
    with transaction.atomic():
        user_lock(user=by)  # before the gig's lock; serialises the daily count below
        gig = gig_lock_shared(gig=gig)
        _require_gig_open(gig)
        if not freelancer_profile.is_public:
            raise Conflict("profile_not_public", _("This freelancer's profile is not public."))
        if firm_is_member(firm=gig.firm, user=freelancer_profile.user):
            raise Forbidden("own_gig", _("Members of the gig's firm cannot be invited to it."))
        if _has_invitation(gig=gig, profile=freelancer_profile):
            raise _invitation_exists()
        daily_quota_check(
            done=Invitation.objects.filter(invited_by=by),
            limit=settings.MARKETPLACE_INVITATIONS_PER_DAY,
            code="invitation_quota_exceeded",
            message=INVITATION_QUOTA_MESSAGE,
        )
        try:
            with transaction.atomic():
                invitation = Invitation.objects.create(
                    gig=gig, freelancer=freelancer_profile, invited_by=by, message=message
                )
        except IntegrityError as exc:  # a concurrent invitation won the unique index
            raise _invitation_exists() from exc
    _announce_invitation(invitation)
    return invitation


def invitation_decline(*, invitation: Invitation, by: User) -> Invitation:
    """The invited freelancer says no: pending → declined."""
    if invitation.freelancer.user_id != by.pk:
        raise Forbidden("permission_denied", _("Only the invited freelancer may decline."))
    return _invitation_answer(invitation=invitation, status=InvitationStatus.DECLINED)


def invitation_revoke(*, invitation: Invitation, by: User) -> Invitation:
    """A member of the gig's firm withdraws the invitation: pending → revoked."""
    _require_firm_member(gig=invitation.gig, user=by)
    return _invitation_answer(invitation=invitation, status=InvitationStatus.REVOKED)


def invitations_revoke_for_gig(*, gig: Gig) -> int:
    """Revoke every pending invitation of a gig that stops taking proposals for good.

    Called inside `gig_cancel` and `proposal_accept`, which hold the gig's lock.
    """
    pending = list(
        Invitation.objects.filter(gig=gig, status=InvitationStatus.PENDING).values_list(
            "id", "freelancer_id"
        )
    )
    now = timezone.now()
    Invitation.objects.filter(id__in=[i for i, _f in pending]).update(
        status=InvitationStatus.REVOKED, responded_at=now, updated_at=now
    )
    for invitation_id, freelancer_id in pending:
        emit_on_commit(
            invitation_changed,
            invitation_id=invitation_id,
            gig_id=gig.id,
            freelancer_id=freelancer_id,
            status=InvitationStatus.REVOKED,
        )
    return len(pending)


def _invitation_answer(*, invitation: Invitation, status: str) -> Invitation:
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().filter(pk=invitation.pk).first()
        if locked is None:
            raise NotFound()
        if locked.status != InvitationStatus.PENDING:
            raise Conflict(
                "invalid_state",
                _("This invitation was answered already."),
                status=locked.status,
            )
        locked.status = status
        locked.responded_at = timezone.now()
        locked.save(update_fields=["status", "responded_at", "updated_at"])
    _announce_invitation(locked)
    return locked


def _has_invitation(*, gig: Gig, profile: FreelancerProfile) -> bool:
    return Invitation.objects.filter(gig=gig, freelancer=profile).exists()


def _invitation_exists() -> Conflict:
    return Conflict("invitation_exists", _("This freelancer was invited to this gig already."))


# --- proposals ---------------------------------------------------------------------------------


def proposal_submit(
    *,
    gig: Gig,
    by: User,
    cover_letter: str,
    price_minor: int,
    currency: str,
    estimated_duration_days: int,
) -> Proposal:
    """A freelancer with a public profile proposes on an open, visible gig.

    Refused: no public profile (`profile_not_public`), gig not open or hidden
    (`gig_not_open`), a member of the gig's firm (`own_gig`), another currency than the gig's
    (`currency_mismatch`), a price outside 1 … `MAX_AMOUNT_MINOR` (`price_invalid`), an
    active proposal on the gig already (`proposal_exists`), more than
    MARKETPLACE_PROPOSALS_PER_DAY proposals in 24 hours, withdrawn ones included
    (`proposal_quota_exceeded`, 429). A pending invitation of the
    freelancer to the gig becomes `proposed`.
    """
    profile = FreelancerProfile.objects.filter(user=by).select_related("user").first()
    if profile is None or not profile.is_public:
        raise Conflict("profile_not_public", _("Publish your freelancer profile before proposing."))
    cover_letter = _clean_terms(
        cover_letter=cover_letter,
        price_minor=price_minor,
        estimated_duration_days=estimated_duration_days,
    )
    with transaction.atomic():
        user_lock(user=by)  # before the gig's lock; serialises the daily count below
        # A shared lock: submissions run side by side, while a gig transition (close, cancel,
        # accept) waits for them, so no proposal lands on a gig that has just stopped.
        gig = gig_lock_shared(gig=gig)
        _require_gig_open(gig)
        if firm_is_member(firm=gig.firm, user=by):
            raise Forbidden("own_gig", _("You cannot propose on your own firm's gig."))
        if currency != gig.currency:
            raise ValidationFailed(
                "currency_mismatch",
                _("Quote in the gig's currency, %(currency)s.") % {"currency": gig.currency},
                currency=[gig.currency],
            )
        if _has_active_proposal(gig=gig, profile=profile):
            raise _proposal_exists()
        daily_quota_check(
            done=Proposal.objects.filter(freelancer=profile),
            limit=settings.MARKETPLACE_PROPOSALS_PER_DAY,
            code="proposal_quota_exceeded",
            message=PROPOSAL_QUOTA_MESSAGE,
        )
        try:
            with transaction.atomic():
                proposal = Proposal.objects.create(
                    gig=gig,
                    freelancer=profile,
                    cover_letter=cover_letter,
                    price_minor=price_minor,
                    currency=currency,
                    estimated_duration_days=estimated_duration_days,
                )
        except IntegrityError as exc:  # a concurrent submission won the partial unique index
            raise _proposal_exists() from exc
        Invitation.objects.filter(
            gig=gig, freelancer=profile, status=InvitationStatus.PENDING
        ).update(
            status=InvitationStatus.PROPOSED,
            responded_at=timezone.now(),
            updated_at=timezone.now(),
        )
    _announce_proposal(proposal)
    return proposal


def proposal_update(
    *,
    proposal: Proposal,
    by: User,
    cover_letter: str | None = None,
    price_minor: int | None = None,
    estimated_duration_days: int | None = None,
) -> Proposal:
    """The freelancer revises a submitted or shortlisted proposal; `None` keeps a value."""
    _require_freelancer(proposal=proposal, user=by)
    with transaction.atomic():
        locked = _lock_proposal(proposal)
        _require_proposal_status(locked, *OPEN_PROPOSAL_STATUSES)
        locked.cover_letter = _clean_terms(
            cover_letter=locked.cover_letter if cover_letter is None else cover_letter,
            price_minor=locked.price_minor if price_minor is None else price_minor,
            estimated_duration_days=(
                locked.estimated_duration_days
                if estimated_duration_days is None
                else estimated_duration_days
            ),
        )
        if price_minor is not None:
            locked.price_minor = price_minor
        if estimated_duration_days is not None:
            locked.estimated_duration_days = estimated_duration_days
        locked.save(
            update_fields=["cover_letter", "price_minor", "estimated_duration_days", "updated_at"]
        )
    _announce_proposal(locked)
    return locked


def proposal_withdraw(*, proposal: Proposal, by: User) -> Proposal:
    """The freelancer takes back a submitted or shortlisted proposal; they may propose anew."""
    _require_freelancer(proposal=proposal, user=by)
    return _decide(proposal=proposal, sources=OPEN_PROPOSAL_STATUSES, target="withdrawn")


def proposal_shortlist(*, proposal: Proposal, by: User) -> Proposal:
    """A firm member marks a submitted proposal for a closer look: submitted → shortlisted."""
    _require_firm_member(gig=proposal.gig, user=by)
    return _decide(
        proposal=proposal, sources=(ProposalStatus.SUBMITTED,), target="shortlisted", stamp=False
    )


def proposal_decline(*, proposal: Proposal, by: User) -> Proposal:
    """A firm member turns a submitted or shortlisted proposal down."""
    _require_firm_member(gig=proposal.gig, user=by)
    return _decide(proposal=proposal, sources=OPEN_PROPOSAL_STATUSES, target="declined")


def proposals_decline_for_gig(*, gig: Gig, exclude_id: int | None = None) -> int:
    """Decline every submitted or shortlisted proposal of a gig that stopped taking them.

    Called inside `gig_cancel` and `proposal_accept`, which hold the gig's lock.
    """
    proposals = Proposal.objects.filter(gig=gig, status__in=OPEN_PROPOSAL_STATUSES)
    if exclude_id is not None:
        proposals = proposals.exclude(pk=exclude_id)
    declined = list(proposals.values_list("id", "freelancer_id"))
    now = timezone.now()
    Proposal.objects.filter(id__in=[p for p, _f in declined]).update(
        status=ProposalStatus.DECLINED, decided_at=now, updated_at=now
    )
    for proposal_id, freelancer_id in declined:
        emit_on_commit(
            proposal_changed,
            proposal_id=proposal_id,
            gig_id=gig.id,
            freelancer_id=freelancer_id,
            status=ProposalStatus.DECLINED,
        )
    return len(declined)


def proposal_accept(
    *, proposal: Proposal, by: User, milestones: list[dict[str, Any]] | None = None
) -> Contract:
    """A firm member hires: the proposal becomes accepted and a contract is created.

    The proposal must be submitted or shortlisted and its gig open. In one transaction: the
    contract with a snapshot of the agreed terms and its milestones (see
    `contracts.services.contract_create`), the gig moves to in_progress, every other active
    proposal on the gig is declined and pending invitations are revoked.
    """
    _require_firm_member(gig=proposal.gig, user=by)
    with transaction.atomic():
        gig = Gig.objects.select_for_update().filter(pk=proposal.gig_id).first()
        if gig is None:
            raise NotFound()
        locked = _lock_proposal(proposal)
        _require_proposal_status(locked, *OPEN_PROPOSAL_STATUSES)
        if gig.status != GigStatus.OPEN:
            raise Conflict(
                "gig_not_open",
                _("Only proposals on an open gig can be accepted."),
                status=gig.status,
            )
        locked.status = ProposalStatus.ACCEPTED
        locked.decided_at = timezone.now()
        locked.save(update_fields=["status", "decided_at", "updated_at"])
        locked.gig = gig
        contract = contract_create(proposal=locked, by=by, milestones=milestones)
        gig_start(gig=gig, by=by)
        proposals_decline_for_gig(gig=gig, exclude_id=locked.pk)
        invitations_revoke_for_gig(gig=gig)
    _announce_proposal(locked)
    return contract


# --- helpers -----------------------------------------------------------------------------------


def _clean_terms(*, cover_letter: str, price_minor: int, estimated_duration_days: int) -> str:
    cover_letter = (cover_letter or "").strip()
    errors: dict[str, list[str]] = {}
    if not cover_letter:
        errors["cover_letter"] = [str(_("This field is required."))]
    elif len(cover_letter) > COVER_LETTER_MAX_LENGTH:
        errors["cover_letter"] = [
            str(_("At most %(n)d characters.") % {"n": COVER_LETTER_MAX_LENGTH})
        ]
    if not (isinstance(estimated_duration_days, int) and estimated_duration_days >= 1):
        errors["estimated_duration_days"] = [str(_("At least one day."))]
    elif estimated_duration_days > MAX_DURATION_DAYS:
        errors["estimated_duration_days"] = [
            str(_("At most %(n)d days.") % {"n": MAX_DURATION_DAYS})
        ]
    if errors:
        raise invalid(**errors)
    if not is_amount_minor(price_minor):
        raise ValidationFailed(
            "price_invalid",
            _("The price must be positive and at most %(max)d minor units.")
            % {"max": MAX_AMOUNT_MINOR},
            price_minor=[str(_("Must be between 1 and %(max)d.") % {"max": MAX_AMOUNT_MINOR})],
        )
    return cover_letter


def _decide(
    *, proposal: Proposal, sources: tuple[str, ...], target: str, stamp: bool = True
) -> Proposal:
    with transaction.atomic():
        locked = _lock_proposal(proposal)
        _require_proposal_status(locked, *sources)
        locked.status = target
        fields = ["status", "updated_at"]
        if stamp:
            locked.decided_at = timezone.now()
            fields.append("decided_at")
        locked.save(update_fields=fields)
    _announce_proposal(locked)
    return locked


def _lock_proposal(proposal: Proposal) -> Proposal:
    locked = (
        Proposal.objects.select_for_update(of=("self",))
        .select_related("gig", "gig__firm", "freelancer", "freelancer__user")
        .filter(pk=proposal.pk)
        .first()
    )
    if locked is None:
        raise NotFound()
    return locked


def _has_active_proposal(*, gig: Gig, profile: FreelancerProfile) -> bool:
    return Proposal.objects.filter(
        gig=gig, freelancer=profile, status__in=("submitted", "shortlisted", "accepted")
    ).exists()


def _proposal_exists() -> Conflict:
    return Conflict("proposal_exists", _("You already have an active proposal on this gig."))


def _require_gig_open(gig: Gig) -> None:
    if not gig.is_public:
        raise Conflict(
            "gig_not_open",
            _("This gig does not take proposals."),
            status=gig.status,
        )


def _require_firm_member(*, gig: Gig, user: User) -> None:
    if not firm_is_member(firm=gig.firm, user=user):
        raise Forbidden("permission_denied", _("Only members of the gig's firm may do this."))


def _require_freelancer(*, proposal: Proposal, user: User) -> None:
    if proposal.freelancer.user_id != user.pk:
        raise Forbidden("permission_denied", _("Only the freelancer who proposed may do this."))


def _require_proposal_status(proposal: Proposal, *allowed: str) -> None:
    if proposal.status not in allowed:
        raise Conflict(
            "invalid_state",
            _("Not possible while the proposal is in status “%(status)s”.")
            % {"status": ProposalStatus(proposal.status).label},
            status=proposal.status,
        )


def _announce_invitation(invitation: Invitation) -> None:
    emit_on_commit(
        invitation_changed,
        invitation_id=invitation.id,
        gig_id=invitation.gig_id,
        freelancer_id=invitation.freelancer_id,
        status=invitation.status,
    )


def _announce_proposal(proposal: Proposal) -> None:
    emit_on_commit(
        proposal_changed,
        proposal_id=proposal.id,
        gig_id=proposal.gig_id,
        freelancer_id=proposal.freelancer_id,
        status=proposal.status,
    )
