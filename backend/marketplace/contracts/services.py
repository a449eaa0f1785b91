"""Contract rules: creating one from an accepted proposal, its milestones, and its end.

    active ──complete (firm)──▶ completed   (the gig becomes completed)
    active ──cancel (either party)──▶ cancelled   (milestones awaiting funding are cancelled,
                                                   the gig goes back to closed)

Milestone statuses after creation belong to the payments app (funding, release, refunds).
Lock order: the contract's row, then its gig's (no path locks them the other way round).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.db.models import F, Max, Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.errors import Conflict, Forbidden, NotFound, ValidationFailed
from common.fields import is_amount_minor
from common.money import MAX_AMOUNT_MINOR
from marketplace.accounts.models import User
from marketplace.contracts.list_cache import contract_parties_changed
from marketplace.contracts.models import (
    Contract,
    ContractSide,
    ContractStatus,
    Milestone,
    MilestoneStatus,
)
from marketplace.events import contract_changed, emit_on_commit, milestone_added
from marketplace.firms.selectors import firm_is_member
from marketplace.gigs.models import EngagementType
from marketplace.gigs.services import gig_complete, gig_unstaff
from marketplace.proposals.models import Proposal
from marketplace.public_cache import public_reads_changed

DEFAULT_MILESTONE_TITLE = "Complete the work"
# A contract's plan fits on one screen; 50 milestones is far past any real one.
MAX_MILESTONES = 50
TITLE_MAX_LENGTH = 140
DESCRIPTION_MAX_LENGTH = 2000


def contract_create(
    *, proposal: Proposal, by: User, milestones: Sequence[Mapping[str, Any]] | None = None
) -> Contract:
    """Create the contract for a proposal being accepted, with its milestones.

    Called by `proposals.services.proposal_accept` inside its transaction, which has checked
    the caller and locked the gig and the proposal. `milestones` is a list of
    `{title, amount_minor, due_date?, description?}`; each amount is positive, and for a
    fixed-price gig they sum exactly to the proposal's price (`milestones_invalid`). Without
    a list, one milestone "Complete the work" carries the whole price.
    """
    gig = proposal.gig
    if milestones is None:
        milestones = [{"title": DEFAULT_MILESTONE_TITLE, "amount_minor": proposal.price_minor}]
    plan = _clean_milestones(
        milestones,
        price_minor=proposal.price_minor,
        fixed_price=gig.engagement_type == EngagementType.FIXED,
    )
    accepted_at = timezone.now()
    contract = Contract.objects.create(
        proposal=proposal,
        gig=gig,
        firm_id=gig.firm_id,
        freelancer_id=proposal.freelancer_id,
        accepted_by=by,
        title=gig.title,
        currency=proposal.currency,
        terms={
            "gig": {
                "title": gig.title,
                "description": gig.description,
                "engagement_type": gig.engagement_type,
                "budget_min_minor": gig.budget_min_minor,
                "budget_max_minor": gig.budget_max_minor,
                "currency": gig.currency,
            },
            "proposal": {
                "price_minor": proposal.price_minor,
                "currency": proposal.currency,
                "estimated_duration_days": proposal.estimated_duration_days,
            },
            "required_skills": list(
                gig.gig_skills.filter(is_required=True)
                .order_by("skill__slug")
                .values_list("skill__slug", flat=True)
            ),
            "accepted_at": accepted_at.isoformat(),
        },
    )
    Milestone.objects.bulk_create(
        [
            Milestone(contract=contract, position=position, currency=contract.currency, **item)
            for position, item in enumerate(plan, start=1)
        ]
    )
    # No list bump for this bulk write: the contract's save above bumped its parties' lists,
    # and bumps again after commit, when these milestones become visible.
    emit_on_commit(
        contract_changed, contract_id=contract.id, gig_id=contract.gig_id, status=contract.status
    )
    return contract


def contract_complete(*, contract: Contract, by: User) -> Contract:
    """A member of the hiring firm declares the work done: active → completed.

    The gig moves to completed in the same transaction.
    """
    _require_firm_member(contract=contract, user=by)
    with transaction.atomic():
        locked = _lock(contract)
        _require_active(locked)
        locked.status = ContractStatus.COMPLETED
        locked.ended_at = timezone.now()
        locked.save(update_fields=["status", "ended_at", "updated_at"])
        gig_complete(gig=locked.gig, by=by)
    emit_on_commit(
        contract_changed, contract_id=locked.id, gig_id=locked.gig_id, status=locked.status
    )
    return locked


def contract_cancel(*, contract: Contract, by: User) -> Contract:
    """Either party ends the contract early: active → cancelled.

    Milestones still awaiting funding are cancelled; funded ones are the payments app's
    (refund or release). The gig goes back to closed, so the firm may reopen it or cancel it.
    """
    is_freelancer = contract.freelancer.user_id == by.pk
    if not (is_freelancer or firm_is_member(firm=contract.firm, user=by)):
        raise Forbidden("permission_denied", _("Only the contract's parties may cancel it."))
    with transaction.atomic():
        locked = _lock(contract)
        _require_active(locked)
        locked.status = ContractStatus.CANCELLED
        locked.ended_at = timezone.now()
        locked.cancelled_by = ContractSide.FREELANCER if is_freelancer else ContractSide.FIRM
        locked.save(update_fields=["status", "ended_at", "cancelled_by", "updated_at"])
        Milestone.objects.filter(contract=locked, status=MilestoneStatus.AWAITING_FUNDING).update(
            status=MilestoneStatus.CANCELLED, updated_at=timezone.now()
        )
        gig_unstaff(gig=locked.gig)
    emit_on_commit(
        contract_changed, contract_id=locked.id, gig_id=locked.gig_id, status=locked.status
    )
    return locked


def milestone_add(
    *,
    contract: Contract,
    by: User,
    title: str,
    amount_minor: int,
    due_date: dt.date | None = None,
    description: str = "",
) -> Milestone:
    """A member of the hiring firm adds a milestone to an active contract, at the end."""
    _require_firm_member(contract=contract, user=by)
    (item,) = _clean_milestones(
        [
            {
                "title": title,
                "amount_minor": amount_minor,
                "due_date": due_date,
                "description": description,
            }
        ],
        price_minor=None,
        fixed_price=False,
    )
    with transaction.atomic():
        locked = _lock(contract)
        _require_active(locked)
        # The contract's lock serialises additions, so the next position cannot be taken twice.
        last = locked.milestones.aggregate(last=Max("position"))["last"] or 0
        milestone = Milestone.objects.create(
            contract=locked, position=last + 1, currency=locked.currency, **item
        )
    emit_on_commit(milestone_added, milestone_id=milestone.id, contract_id=locked.id)
    return milestone


def milestone_set_payment_status(*, milestone: Milestone, status: str) -> Milestone:
    """Mirror the payments app's escrow state into `Milestone.status` (shown on the contract).

    Called by payments inside its own transaction, with the milestone's payment row locked;
    the marketplace does not import payments, so this is the one way in. The first time the
    milestone reaches funded, submitted, released or disputed, that moment is kept
    (`funded_at` …): a later return to the same state (a failed transfer goes back to funded,
    a won chargeback back to where it was) does not move it. Firm reputation reads them.
    """
    if status not in MilestoneStatus.values:
        raise ValidationFailed("validation_error", _("Unknown milestone status."), status=[status])
    now = timezone.now()
    changes: dict[str, Any] = {"status": status, "updated_at": now}
    stamp = _FIRST_REACHED.get(status)
    if stamp is not None:
        # In SQL, so a stale in-memory milestone cannot overwrite the first moment.
        changes[stamp] = Coalesce(F(stamp), Value(now))
    Milestone.objects.filter(pk=milestone.pk).update(**changes)
    # update() sends no signal: the firm's on-time shares on its gig pages, the parties' lists.
    public_reads_changed()
    contract_parties_changed(contracts=Q(pk=milestone.contract_id))
    milestone.status = status
    milestone.updated_at = now
    if stamp is not None and getattr(milestone, stamp) is None:
        setattr(milestone, stamp, now)
    return milestone


# The escrow states whose first arrival is stamped on the milestone, and the field it goes in.
_FIRST_REACHED: dict[str, str] = {
    MilestoneStatus.FUNDED.value: "funded_at",
    MilestoneStatus.SUBMITTED.value: "submitted_at",
    MilestoneStatus.RELEASED.value: "released_at",
    MilestoneStatus.DISPUTED.value: "disputed_at",
}


# --- helpers -----------------------------------------------------------------------------------


def _clean_milestones(
    milestones: Sequence[Mapping[str, Any]], *, price_minor: int | None, fixed_price: bool
) -> list[dict[str, Any]]:
    """Validate a milestone plan: 1 … 50 items; for a fixed price, the sum is the price."""
    if not 1 <= len(milestones) <= MAX_MILESTONES:
        raise _invalid(
            _("Give between 1 and %(n)d milestones.") % {"n": MAX_MILESTONES},
            milestones=[str(_("Between 1 and %(n)d.") % {"n": MAX_MILESTONES})],
        )
    plan: list[dict[str, Any]] = []
    errors: dict[str, Any] = {}
    for index, raw in enumerate(milestones):
        title = str(raw.get("title") or "").strip()
        amount = raw.get("amount_minor")
        description = str(raw.get("description") or "").strip()
        due_date = raw.get("due_date")
        problems: dict[str, list[str]] = {}
        if not title or len(title) > TITLE_MAX_LENGTH:
            problems["title"] = [
                str(_("Between 1 and %(n)d characters.") % {"n": TITLE_MAX_LENGTH})
            ]
        if not is_amount_minor(amount):
            problems["amount_minor"] = [
                str(_("Must be between 1 and %(max)d.") % {"max": MAX_AMOUNT_MINOR})
            ]
        if len(description) > DESCRIPTION_MAX_LENGTH:
            problems["description"] = [
                str(_("At most %(n)d characters.") % {"n": DESCRIPTION_MAX_LENGTH})
            ]
        if due_date is not None and not isinstance(due_date, dt.date):
            problems["due_date"] = [str(_("A date, YYYY-MM-DD."))]
        if problems:
            errors[str(index)] = problems
        plan.append(
            {
                "title": title,
                "amount_minor": amount,
                "due_date": due_date,
                "description": description,
            }
        )
    if errors:
        raise _invalid(_("Some milestones are invalid."), milestones=errors)
    total = sum(item["amount_minor"] for item in plan)
    if fixed_price and price_minor is not None and total != price_minor:
        raise _invalid(
            _("The milestones sum to %(total)d but the agreed price is %(price)d.")
            % {"total": total, "price": price_minor},
            milestones=[str(_("Must sum to %(price)d.") % {"price": price_minor})],
        )
    return plan


def _invalid(message: Any, **details: Any) -> ValidationFailed:
    return ValidationFailed("milestones_invalid", message, **details)


def _lock(contract: Contract) -> Contract:
    locked = (
        Contract.objects.select_for_update(of=("self",))
        .select_related("gig", "firm", "freelancer")
        .filter(pk=contract.pk)
        .first()
    )
    if locked is None:
        raise NotFound()
    return locked


def _require_active(contract: Contract) -> None:
    if contract.status != ContractStatus.ACTIVE:
        raise Conflict(
            "invalid_state",
            _("Not possible while the contract is in status “%(status)s”.")
            % {"status": ContractStatus(contract.status).label},
            status=contract.status,
        )


def _require_firm_member(*, contract: Contract, user: User) -> None:
    if not firm_is_member(firm=contract.firm, user=user):
        raise Forbidden("permission_denied", _("Only members of the hiring firm may do this."))
