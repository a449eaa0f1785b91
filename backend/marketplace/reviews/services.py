"""Review rules: who may review whom, when, once; double-blind publication.

    contract ends (completed or cancelled, money escrowed at least once)
      └─ each side may write one review until ended_at + TRUST_REVIEW_WINDOW_DAYS
           ├─ the second review arrives → both are published at once
           └─ the window closes → a lone review is published by `reviews_publish_due`

Lock order: the contract's row (as in contracts.services), then review rows.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.errors import Conflict, Forbidden, NotFound, ValidationFailed
from marketplace.accounts.models import User
from marketplace.contracts.models import Contract, ContractSide, ContractStatus, Milestone
from marketplace.endorsements.services import profile_reputation_announce
from marketplace.public_cache import public_reads_changed
from marketplace.reviews.models import Review
from marketplace.reviews.selectors import review_side_of, review_window_closes_at

TEXT_MAX_LENGTH = 2000
REASON_MAX_LENGTH = 500
# A run of the publication task handles at most this many reviews; the next run takes the rest.
PUBLISH_BATCH = 500


def review_create(
    *,
    contract: Contract,
    by: User,
    rating: int,
    text: str = "",
    private_feedback: str = "",
) -> Review:
    """`by` reviews the other party of `contract`: rating 1–5, public text, private feedback.

    Refusals (nothing written): not a party → `permission_denied`; the contract still active →
    `contract_not_ended`; no milestone was ever funded → `contract_not_reviewable`; the window
    closed → `review_window_closed`; this side reviewed already → `review_exists`. When the
    other side has written too, both reviews are published now.
    """
    side = review_side_of(contract=contract, user=by)
    if side is None:
        raise Forbidden("permission_denied", _("Only the contract's two parties review it."))
    text, private_feedback = _clean(rating=rating, text=text, private_feedback=private_feedback)
    with transaction.atomic():
        locked = _lock(contract)
        _require_reviewable(locked)
        if Review.objects.filter(contract=locked, author_side=side).exists():
            raise _exists()
        try:
            with transaction.atomic():
                review = Review.objects.create(
                    contract=locked,
                    author_side=side,
                    author=by,
                    firm_id=locked.firm_id,
                    freelancer_id=locked.freelancer_id,
                    rating=rating,
                    text=text,
                    private_feedback=private_feedback,
                )
        except IntegrityError as error:
            raise _exists() from error
        published = Review.objects.filter(contract=locked, published_at__isnull=True)
        if published.count() == 2:
            now = timezone.now()
            published.update(published_at=now, updated_at=now)
            public_reads_changed()  # the firm's rating on its gig pages; update() sends no signal
            review.published_at = now
            profile_reputation_announce(profile_ids=[locked.freelancer_id])
    return review


def reviews_publish_due(*, now: dt.datetime | None = None) -> int:
    """Publish the lone reviews whose window has closed; returns how many were published.

    Idempotent: only unpublished rows whose contract ended at least the window ago are touched,
    and a second run finds none. Rows are locked and skipped when locked, so two overlapping
    runs never publish the same review twice.
    """
    from django.conf import settings

    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=settings.TRUST_REVIEW_WINDOW_DAYS)
    with transaction.atomic():
        due = list(
            Review.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(published_at__isnull=True, contract__ended_at__lte=cutoff)
            .order_by("id")
            .values_list("id", "author_side", "freelancer_id")[:PUBLISH_BATCH]
        )
        if not due:
            return 0
        Review.objects.filter(id__in=[row[0] for row in due]).update(
            published_at=now, updated_at=now
        )
        public_reads_changed()
        about_freelancers = sorted({row[2] for row in due if row[1] == ContractSide.FIRM})
        if about_freelancers:
            profile_reputation_announce(profile_ids=about_freelancers)
    return len(due)


def review_set_hidden(*, review: Review, hidden: bool, reason: str = "") -> Review:
    """Moderation hides a review (it leaves the API and the aggregates) or shows it again.

    Called by moderation services (which check the moderator and write the audit log); hiding
    needs a reason for the audit trail (`reason_required`).
    """
    reason = (reason or "").strip()
    if hidden and not reason:
        raise ValidationFailed("reason_required", _("Give a reason."), reason=[_("Required.")])
    with transaction.atomic():
        locked = Review.objects.select_for_update().filter(pk=review.pk).first()
        if locked is None:
            raise NotFound()
        locked.hidden_at = timezone.now() if hidden else None
        locked.moderation_reason = reason[:REASON_MAX_LENGTH] if hidden else ""
        locked.save(update_fields=["hidden_at", "moderation_reason", "updated_at"])
        if locked.published_at is not None and locked.author_side == ContractSide.FIRM:
            profile_reputation_announce(profile_ids=[locked.freelancer_id])
    return locked


# --- helpers -----------------------------------------------------------------------------------


def _clean(*, rating: Any, text: str, private_feedback: str) -> tuple[str, str]:
    errors: dict[str, list[str]] = {}
    if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5:
        errors["rating"] = [str(_("A whole number from 1 to 5."))]
    text = (text or "").strip()
    private_feedback = (private_feedback or "").strip()
    for name, value in (("text", text), ("private_feedback", private_feedback)):
        if len(value) > TEXT_MAX_LENGTH:
            errors[name] = [str(_("At most %(n)d characters.") % {"n": TEXT_MAX_LENGTH})]
    if errors:
        raise ValidationFailed("validation_error", _("Some fields are invalid."), **errors)
    return text, private_feedback


def _lock(contract: Contract) -> Contract:
    locked = Contract.objects.select_for_update(of=("self",)).filter(pk=contract.pk).first()
    if locked is None:
        raise NotFound()
    return locked


def _require_reviewable(contract: Contract) -> None:
    if contract.status == ContractStatus.ACTIVE or contract.ended_at is None:
        raise Conflict(
            "contract_not_ended",
            _("Reviews open when the contract is completed or cancelled."),
            status=contract.status,
        )
    if not Milestone.objects.filter(contract=contract, funded_at__isnull=False).exists():
        raise Conflict(
            "contract_not_reviewable",
            _("No money was ever put into escrow on this contract, so it cannot be reviewed."),
        )
    closes_at = review_window_closes_at(contract=contract)
    if closes_at is not None and timezone.now() >= closes_at:
        raise Conflict(
            "review_window_closed",
            _("Reviews for this contract closed on %(date)s.") % {"date": closes_at.date()},
            closed_at=closes_at.isoformat(),
        )


def _exists() -> Conflict:
    return Conflict("review_exists", _("You have reviewed this contract already."))
