"""Sanctions on users: warn, suspend for a while, ban for good, lift; suspensions expire.

Each decision needs the moderator role and a reason, writes a `Sanction` (the user's record)
and an audit row in one transaction, and emails the user in their language through the outbox.
A suspension or ban takes effect at once: `access_revoked_at` ends every open session (it is
part of the session hash, see `User`), sign-in and every API request are refused with
`account_suspended` / `account_banned` (`accounts.access`), and after commit the
`user_access_revoked` event lets chat close the user's open sockets.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from common.errors import Conflict, Forbidden, ValidationFailed
from marketplace.accounts.models import User
from marketplace.accounts.services import email_queue
from marketplace.events import emit_on_commit, user_access_revoked
from marketplace.moderation.models import (
    ModerationActionKind,
    Report,
    Sanction,
    SanctionKind,
)
from marketplace.moderation.services import (
    audit_record,
    moderator_require,
    profile_hide,
    reason_clean,
)
from marketplace.profiles.models import FreelancerProfile, ProfileVisibility

logger = logging.getLogger(__name__)

# A suspension lasts from one day to a year; longer than that is a ban.
SUSPENSION_MAX_DAYS = 365


def user_warn(*, user: User, by: User, reason: str, report: Report | None = None) -> Sanction:
    """Record a warning on the user and email it to them; their access is not changed."""
    moderator_require(user=by)
    reason = reason_clean(reason, required=True)
    _refuse_self(user=user, by=by)
    with transaction.atomic():
        sanction = Sanction.objects.create(
            user=user, kind=SanctionKind.WARNING, reason=reason, created_by=by, report=report
        )
        audit_record(
            target=user,
            action=ModerationActionKind.WARN,
            reason=reason,
            by=by,
            details=_details(report=report),
        )
        _email(user=user, kind=SanctionKind.WARNING, reason=reason)
    return sanction


def user_suspend(
    *, user: User, by: User, reason: str, days: int, report: Report | None = None
) -> Sanction:
    """Suspend the user for `days` (1 to 365) from now: no sign-in, no API, sockets closed.

    A suspension replaces a running one (its end moves to the new one's). A banned user is
    refused with `invalid_state`; a duration out of range with `suspension_invalid`.
    """
    moderator_require(user=by)
    reason = reason_clean(reason, required=True)
    _refuse_self(user=user, by=by)
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= SUSPENSION_MAX_DAYS:
        raise ValidationFailed(
            "suspension_invalid",
            _("A suspension lasts from 1 to %(max)d days.") % {"max": SUSPENSION_MAX_DAYS},
            days=[str(_("Choose 1 to %(max)d days.") % {"max": SUSPENSION_MAX_DAYS})],
        )
    now = timezone.now()
    until = now + timedelta(days=days)
    with transaction.atomic():
        locked = _lock(user)
        if locked.banned_at is not None:
            raise Conflict("invalid_state", _("This user is banned already."))
        Sanction.objects.filter(
            user=locked, kind=SanctionKind.SUSPENSION, lifted_at__isnull=True
        ).update(lifted_at=now)
        locked.suspended_until = until
        locked.access_revoked_at = now
        locked.save(update_fields=["suspended_until", "access_revoked_at"])
        sanction = Sanction.objects.create(
            user=locked,
            kind=SanctionKind.SUSPENSION,
            reason=reason,
            created_by=by,
            ends_at=until,
            report=report,
        )
        audit_record(
            target=locked,
            action=ModerationActionKind.SUSPEND,
            reason=reason,
            by=by,
            details={**_details(report=report), "until": until.isoformat(), "days": days},
        )
        _email(user=locked, kind=SanctionKind.SUSPENSION, reason=reason, until=until)
        emit_on_commit(user_access_revoked, user_id=locked.pk, code="account_suspended")
    _copy_standing(source=locked, into=user)
    return sanction


def user_ban(*, user: User, by: User, reason: str, report: Report | None = None) -> Sanction:
    """Ban the user for good: no sign-in, no API, sockets closed, public profile hidden.

    A banned user is refused with `invalid_state`. Only `user_lift` undoes a ban.
    """
    moderator_require(user=by)
    reason = reason_clean(reason, required=True)
    _refuse_self(user=user, by=by)
    now = timezone.now()
    with transaction.atomic():
        locked = _lock(user)
        if locked.banned_at is not None:
            raise Conflict("invalid_state", _("This user is banned already."))
        locked.banned_at = now
        locked.access_revoked_at = now
        locked.save(update_fields=["banned_at", "access_revoked_at"])
        sanction = Sanction.objects.create(
            user=locked, kind=SanctionKind.BAN, reason=reason, created_by=by, report=report
        )
        audit_record(
            target=locked,
            action=ModerationActionKind.BAN,
            reason=reason,
            by=by,
            details=_details(report=report),
        )
        # A banned freelancer must not be found and invited any more: their profile leaves
        # the API and the search index like any hidden profile (with its own audit row).
        profile = FreelancerProfile.objects.filter(user=locked).first()
        if profile is not None and profile.visibility != ProfileVisibility.HIDDEN:
            profile_hide(profile=profile, by=by, reason=reason)
        _email(user=locked, kind=SanctionKind.BAN, reason=reason)
        emit_on_commit(user_access_revoked, user_id=locked.pk, code="account_banned")
    _copy_standing(source=locked, into=user)
    return sanction


def user_lift(*, user: User, by: User, reason: str = "") -> User:
    """End a user's suspension or ban now. Sessions ended by it stay ended (they sign in
    again). A user neither banned nor suspended is refused with `invalid_state`. A profile
    hidden by the ban stays hidden: restoring it is a separate decision."""
    moderator_require(user=by)
    reason = reason_clean(reason, required=False)
    now = timezone.now()
    with transaction.atomic():
        locked = _lock(user)
        suspended = locked.suspended_until is not None and locked.suspended_until > now
        if locked.banned_at is None and not suspended:
            raise Conflict("invalid_state", _("This user is neither suspended nor banned."))
        lifted = {"ban": locked.banned_at is not None, "suspension": suspended}
        locked.banned_at = None
        locked.suspended_until = None
        locked.save(update_fields=["banned_at", "suspended_until"])
        Sanction.objects.filter(
            user=locked,
            kind__in=[SanctionKind.SUSPENSION, SanctionKind.BAN],
            lifted_at__isnull=True,
        ).update(lifted_at=now)
        audit_record(
            target=locked, action=ModerationActionKind.LIFT, reason=reason, by=by, details=lifted
        )
    _copy_standing(source=locked, into=user)
    return user


def suspensions_expire(*, now: datetime | None = None) -> int:
    """Clear every suspension whose end has passed; returns how many were cleared.

    Idempotent: a cleared user no longer matches, and each user is re-checked under its row
    lock, so two runs at once clear (and log) each suspension once. Access is refused only
    while `suspended_until` is in the future, so a late run never keeps anyone out; it tidies
    the state and writes the audit row (actor: the system).
    """
    now = now or timezone.now()
    due = User.objects.filter(suspended_until__lte=now).values_list("pk", flat=True)
    cleared = 0
    for user_id in list(due):
        with transaction.atomic():
            user = (
                User.objects.select_for_update()
                .filter(pk=user_id, suspended_until__lte=now)
                .first()
            )
            if user is None:
                continue
            ended = user.suspended_until
            user.suspended_until = None
            user.save(update_fields=["suspended_until"])
            Sanction.objects.filter(
                user=user, kind=SanctionKind.SUSPENSION, lifted_at__isnull=True
            ).update(lifted_at=now)
            audit_record(
                target=user,
                action=ModerationActionKind.LIFT,
                reason=gettext("The suspension ended."),
                by=None,
                details={"expired": True, "until": ended.isoformat() if ended else None},
            )
            cleared += 1
    if cleared:
        logger.info("suspensions_expired", extra={"count": cleared})
    return cleared


def _refuse_self(*, user: User, by: User) -> None:
    if user.pk == by.pk:
        raise Forbidden("own_account", _("Moderators cannot sanction their own account."))


def _lock(user: User) -> User:
    return User.objects.select_for_update().get(pk=user.pk)


def _copy_standing(*, source: User, into: User) -> None:
    """The caller's instance shows the new standing too."""
    for field in ("suspended_until", "banned_at", "access_revoked_at"):
        setattr(into, field, getattr(source, field))


def _details(*, report: Report | None) -> dict[str, object]:
    return {"report_id": report.pk} if report is not None else {}


def _email(*, user: User, kind: str, reason: str, until: datetime | None = None) -> None:
    """Tell the user, in their language and time zone, through the outbox (sent after commit)."""
    subjects = {
        SanctionKind.WARNING: _("[Nanoguild] A warning from the moderators"),
        SanctionKind.SUSPENSION: _("[Nanoguild] Your account is suspended"),
        SanctionKind.BAN: _("[Nanoguild] Your account is banned"),
    }
    with translation.override(user.language):
        local_until = ""
        if until is not None:
            local = until.astimezone(ZoneInfo(user.time_zone or "UTC"))
            local_until = f"{formats.date_format(local, 'DATETIME_FORMAT')} ({user.time_zone})"
        context = {"user": user, "kind": kind, "reason": reason, "until": local_until}
        email_queue(
            to=user.email,
            subject=str(subjects[SanctionKind(kind)]),
            body_text=render_to_string("moderation/email/sanction.txt", context),
            template=f"moderation/{kind}",
        )
