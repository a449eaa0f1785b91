"""Moderators hide and restore profiles, gigs and firms; every decision leaves one audit row.

Only holders of the moderator staff role moderate (`accounts.roles`). Each call locks its
target row, checks the transition against the row's
current state (so two moderators clicking at once cannot both hide it and write two audit
rows), changes the state and appends a `ModerationAction`, all in one transaction.
"""

from __future__ import annotations

import logging
from typing import Any, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from common.errors import Conflict, NotFound, ValidationFailed
from common.fields import invalid
from marketplace.accounts.models import User
from marketplace.accounts.roles import StaffRole, staff_role_require
from marketplace.events import emit_on_commit, gig_changed, profile_changed
from marketplace.firms.models import Firm
from marketplace.gigs.models import Gig, ModerationState
from marketplace.moderation.models import ModerationAction, ModerationActionKind
from marketplace.profiles.models import FreelancerProfile, ProfileVisibility
from marketplace.reviews.models import Review
from marketplace.reviews.services import review_set_hidden

logger = logging.getLogger(__name__)

# Both `moderation_reason` columns and `ModerationAction.reason` hold 500 characters.
REASON_MAX_LENGTH = 500

_Moderated = TypeVar("_Moderated", FreelancerProfile, Gig, Firm)
_PROFILE_FIELDS = ["visibility", "moderation_reason"]
_GIG_FIELDS = ["moderation_state", "moderation_reason"]
_FIRM_FIELDS = ["moderation_state", "moderation_reason"]


def profile_hide(*, profile: FreelancerProfile, by: User, reason: str) -> FreelancerProfile:
    """Hide a draft or public profile from everyone but its owner and staff.

    Requires the moderator role and a reason (shown to the owner, kept in the audit log). A
    profile that is hidden already is refused with `invalid_state` and no audit row is written.
    """
    moderator_require(user=by)
    reason = reason_clean(reason, required=True)
    with transaction.atomic():
        _lock(profile, fields=_PROFILE_FIELDS)
        if profile.visibility == ProfileVisibility.HIDDEN:
            raise Conflict("invalid_state", _("This profile is hidden already."))
        profile.visibility = ProfileVisibility.HIDDEN
        profile.moderation_reason = reason
        profile.save(update_fields=["visibility", "moderation_reason", "updated_at"])
        audit_record(target=profile, action=ModerationActionKind.HIDE, reason=reason, by=by)
    emit_on_commit(profile_changed, profile_id=profile.id, user_id=profile.user_id)
    return profile


def profile_restore(*, profile: FreelancerProfile, by: User, reason: str = "") -> FreelancerProfile:
    """Publish a profile that moderation hid: hidden → public, and clear the hiding reason.

    Requires the moderator role. Only hidden profiles can be restored (a draft is published by
    its owner, who must first complete it); anything else is refused with `invalid_state`.
    """
    moderator_require(user=by)
    reason = reason_clean(reason, required=False)
    with transaction.atomic():
        _lock(profile, fields=_PROFILE_FIELDS)
        if profile.visibility != ProfileVisibility.HIDDEN:
            raise Conflict("invalid_state", _("Only a hidden profile can be restored."))
        profile.visibility = ProfileVisibility.PUBLIC
        profile.moderation_reason = ""
        profile.save(update_fields=["visibility", "moderation_reason", "updated_at"])
        audit_record(target=profile, action=ModerationActionKind.PUBLISH, reason=reason, by=by)
    emit_on_commit(profile_changed, profile_id=profile.id, user_id=profile.user_id)
    return profile


def gig_hide(*, gig: Gig, by: User, reason: str) -> Gig:
    """Hide a gig from the API and search whatever its lifecycle status; the status is kept.

    Requires the moderator role and a reason. A gig that is hidden already is refused with
    `invalid_state` and no audit row is written.
    """
    moderator_require(user=by)
    reason = reason_clean(reason, required=True)
    with transaction.atomic():
        _lock(gig, fields=_GIG_FIELDS)
        if gig.moderation_state == ModerationState.HIDDEN:
            raise Conflict("invalid_state", _("This gig is hidden already."))
        gig.moderation_state = ModerationState.HIDDEN
        gig.moderation_reason = reason
        gig.save(update_fields=["moderation_state", "moderation_reason", "updated_at"])
        audit_record(target=gig, action=ModerationActionKind.HIDE, reason=reason, by=by)
    emit_on_commit(gig_changed, gig_id=gig.id, firm_id=gig.firm_id, status=gig.status)
    return gig


def gig_restore(*, gig: Gig, by: User, reason: str = "") -> Gig:
    """Make a hidden gig visible again and clear the hiding reason; its status is untouched.

    Requires the moderator role. A gig that is not hidden is refused with `invalid_state`.
    """
    moderator_require(user=by)
    reason = reason_clean(reason, required=False)
    with transaction.atomic():
        _lock(gig, fields=_GIG_FIELDS)
        if gig.moderation_state != ModerationState.HIDDEN:
            raise Conflict("invalid_state", _("Only a hidden gig can be restored."))
        gig.moderation_state = ModerationState.VISIBLE
        gig.moderation_reason = ""
        gig.save(update_fields=["moderation_state", "moderation_reason", "updated_at"])
        audit_record(target=gig, action=ModerationActionKind.PUBLISH, reason=reason, by=by)
    emit_on_commit(gig_changed, gig_id=gig.id, firm_id=gig.firm_id, status=gig.status)
    return gig


def firm_hide(*, firm: Firm, by: User, reason: str) -> Firm:
    """Hide a firm's page from everyone but its members and staff; its gigs are not touched
    (hide them one by one when they are the problem).

    Requires the moderator role and a reason. A hidden firm is refused with `invalid_state`.
    """
    moderator_require(user=by)
    reason = reason_clean(reason, required=True)
    with transaction.atomic():
        _lock(firm, fields=_FIRM_FIELDS)
        if firm.moderation_state == ModerationState.HIDDEN:
            raise Conflict("invalid_state", _("This firm is hidden already."))
        firm.moderation_state = ModerationState.HIDDEN
        firm.moderation_reason = reason
        firm.save(update_fields=["moderation_state", "moderation_reason", "updated_at"])
        audit_record(target=firm, action=ModerationActionKind.HIDE, reason=reason, by=by)
    return firm


def firm_restore(*, firm: Firm, by: User, reason: str = "") -> Firm:
    """Show a hidden firm's page again. Requires the moderator role; `invalid_state` if it
    is not hidden."""
    moderator_require(user=by)
    reason = reason_clean(reason, required=False)
    with transaction.atomic():
        _lock(firm, fields=_FIRM_FIELDS)
        if firm.moderation_state != ModerationState.HIDDEN:
            raise Conflict("invalid_state", _("Only a hidden firm can be restored."))
        firm.moderation_state = ModerationState.VISIBLE
        firm.moderation_reason = ""
        firm.save(update_fields=["moderation_state", "moderation_reason", "updated_at"])
        audit_record(target=firm, action=ModerationActionKind.PUBLISH, reason=reason, by=by)
    return firm


def moderator_require(*, user: Any) -> None:
    """403 `permission_denied` unless `user` holds the moderator staff role."""
    staff_role_require(user=user, role=StaffRole.MODERATOR)


def reason_clean(reason: str, *, required: bool) -> str:
    """The trimmed reason; `reason_required` when one is needed and missing, `validation_error`
    when longer than the audit log keeps."""
    reason = (reason or "").strip()
    if required and not reason:
        raise ValidationFailed(
            "reason_required",
            _("Say why: the reason is shown to the owner and kept in the moderation log."),
            reason=[str(_("This field is required."))],
        )
    if len(reason) > REASON_MAX_LENGTH:
        raise invalid(reason=[str(_("At most %(n)d characters.") % {"n": REASON_MAX_LENGTH})])
    return reason


def _lock(target: _Moderated, *, fields: list[str]) -> None:
    """Lock the target's row and reload its moderation fields, so the check sees fresh state."""
    try:
        target.refresh_from_db(
            from_queryset=type(target)._default_manager.select_for_update(), fields=fields
        )
    except ObjectDoesNotExist as exc:
        raise NotFound() from exc


def audit_record(
    *,
    target: models.Model,
    action: str,
    reason: str,
    by: User | None,
    details: dict[str, Any] | None = None,
) -> ModerationAction:
    """Append one row to the audit log (who, when, what, why); `by` None means the system.

    Call it inside the transaction that makes the change, so the row exists exactly when the
    change does. Any app's staff decision may be logged here (the finance role's included).
    """
    entry = ModerationAction.objects.create(
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
        action=action,
        reason=reason,
        actor=by,
        details=details or {},
    )
    logger.info(
        "moderation_action",
        extra={
            "action": action,
            "target_type": target._meta.model_name,
            "target_id": target.pk,
            "actor_id": by.pk if by is not None else None,
        },
    )
    return entry


def review_hide(*, review: Review, by: User, reason: str) -> Review:
    """Hide a review: it leaves the API and the rating aggregates; the row and its text stay.

    Requires the moderator role and a reason. A hidden review is refused with `invalid_state`.
    """
    moderator_require(user=by)
    reason = reason_clean(reason, required=True)
    with transaction.atomic():
        if Review.objects.select_for_update().get(pk=review.pk).hidden_at is not None:
            raise Conflict("invalid_state", _("This review is hidden already."))
        review = review_set_hidden(review=review, hidden=True, reason=reason)
        audit_record(target=review, action=ModerationActionKind.HIDE, reason=reason, by=by)
    return review


def review_restore(*, review: Review, by: User, reason: str = "") -> Review:
    """Show a hidden review again (it counts in the aggregates again once published)."""
    moderator_require(user=by)
    reason = reason_clean(reason, required=False)
    with transaction.atomic():
        if Review.objects.select_for_update().get(pk=review.pk).hidden_at is None:
            raise Conflict("invalid_state", _("Only a hidden review can be restored."))
        review = review_set_hidden(review=review, hidden=False)
        audit_record(target=review, action=ModerationActionKind.PUBLISH, reason=reason, by=by)
    return review
