"""Reports: users file them, moderators work them from the queue in Django admin.

Filing: the target must be visible to the reporter (`not_found` otherwise, so reports cannot
probe for hidden content), not their own (`report_own_content`), not reported by them while
an earlier report of theirs is still open (`already_reported`, 409), and at most
MODERATION_REPORTS_PER_DAY per reporter per rolling day (`rate_limited`, 429).

Working the queue (moderator role required): uphold or dismiss a report as it is; or act on
its target — hide it, warn / suspend / ban its owner — which closes every open report on the
same target as upheld, with what was done as its resolution.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Model, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.errors import Conflict, Forbidden, NotFound, RateLimited, ValidationFailed
from marketplace.accounts.models import User
from marketplace.moderation.models import ModerationActionKind, Report, ReportReason, ReportStatus
from marketplace.moderation.registry import reportable_get
from marketplace.moderation.sanctions import user_ban, user_suspend, user_warn
from marketplace.moderation.services import audit_record, moderator_require, reason_clean

REPORT_TEXT_MAX_LENGTH = 2000


def report_create(*, by: User, kind: str, object_id: int, reason: str, text: str = "") -> Report:
    """File a report of the `kind` object `object_id` (rules in the module docstring)."""
    reportable = reportable_get(kind)
    if reason not in ReportReason.values:
        raise ValidationFailed(
            "validation_error",
            _("Some fields are invalid."),
            reason=[str(_("Choose one of the listed reasons."))],
        )
    text = (text or "").strip()
    if len(text) > REPORT_TEXT_MAX_LENGTH:
        raise ValidationFailed(
            "validation_error",
            _("Some fields are invalid."),
            text=[str(_("At most %(n)d characters.") % {"n": REPORT_TEXT_MAX_LENGTH})],
        )
    target = reportable.find(object_id, by)
    owners = reportable.owners(target)
    if by.pk in owners:
        raise Forbidden("report_own_content", _("You cannot report your own content."))
    with transaction.atomic():
        # One reporter's reports are filed one at a time, so the daily count below holds.
        list(User.objects.select_for_update().filter(pk=by.pk).values_list("pk", flat=True))
        open_reports = Report.objects.filter(
            reporter=by, kind=kind, object_id=target.pk, status=ReportStatus.OPEN
        )
        if open_reports.exists():
            raise _already_reported()
        since = timezone.now() - timedelta(days=1)
        filed = Report.objects.filter(reporter=by, created_at__gte=since).count()
        limit = settings.MODERATION_REPORTS_PER_DAY
        if filed >= limit:
            raise RateLimited(
                "rate_limited",
                _("You have sent many reports today; try again tomorrow."),
                limit=limit,
            )
        try:
            with transaction.atomic():
                return Report.objects.create(
                    reporter=by,
                    kind=kind,
                    object_id=target.pk,
                    target_owner_id=owners[0] if owners else None,
                    reason=reason,
                    text=text,
                )
        except IntegrityError:  # the partial unique constraint: a concurrent duplicate
            raise _already_reported() from None


def report_target(*, report: Report) -> Model:
    """The reported object as it is now (hidden or not); `not_found` when it was deleted."""
    model = reportable_get(report.kind).model_class()
    target = model._default_manager.filter(pk=report.object_id).first()
    if target is None:
        raise NotFound()
    return target


def report_uphold(*, report: Report, by: User, note: str = "") -> Report:
    """The report is right, and nothing more is to be done (e.g. it was handled elsewhere)."""
    return _close_one(report=report, by=by, status=ReportStatus.UPHELD, note=note)


def report_dismiss(*, report: Report, by: User, note: str = "") -> Report:
    """The report is unfounded: the target stays as it is."""
    return _close_one(report=report, by=by, status=ReportStatus.DISMISSED, note=note)


def report_hide_target(*, report: Report, by: User, reason: str) -> Report:
    """Hide the reported object with the kind's hide service (which writes its audit row)."""
    reportable = reportable_get(report.kind)
    return _act_on_target(
        report=report,
        by=by,
        resolution=ModerationActionKind.HIDE,
        act=lambda target: reportable.hide(target, by, reason),
    )


def report_warn_owner(*, report: Report, by: User, reason: str) -> Report:
    """Warn the reported object's owner (recorded, emailed in their language)."""
    return _act_on_owner(
        report=report,
        by=by,
        resolution=ModerationActionKind.WARN,
        act=lambda owner: user_warn(user=owner, by=by, reason=reason, report=report),
    )


def report_suspend_owner(*, report: Report, by: User, reason: str, days: int) -> Report:
    """Suspend the reported object's owner for `days`."""
    return _act_on_owner(
        report=report,
        by=by,
        resolution=ModerationActionKind.SUSPEND,
        act=lambda owner: user_suspend(user=owner, by=by, reason=reason, days=days, report=report),
    )


def report_ban_owner(*, report: Report, by: User, reason: str) -> Report:
    """Ban the reported object's owner."""
    return _act_on_owner(
        report=report,
        by=by,
        resolution=ModerationActionKind.BAN,
        act=lambda owner: user_ban(user=owner, by=by, reason=reason, report=report),
    )


def report_close_for_target(*, kind: str, object_id: int, by: User, resolution: str) -> int:
    """Uphold every open report on one target after a moderator acted on it outside the
    queue (e.g. hid a chat message from its own admin page); returns how many were closed."""
    moderator_require(user=by)
    return Report.objects.filter(kind=kind, object_id=object_id, status=ReportStatus.OPEN).update(
        status=ReportStatus.UPHELD,
        resolved_at=timezone.now(),
        resolved_by=by,
        resolution=resolution,
    )


def report_list_of_reporter(*, user: Any) -> QuerySet[Report]:
    """The reports the user filed, newest first (the API's "my reports")."""
    if not getattr(user, "is_authenticated", False):
        return Report.objects.none()
    return Report.objects.filter(reporter=user).order_by("-created_at", "-id")


# --- helpers ------------------------------------------------------------------------------------


def _already_reported() -> Conflict:
    return Conflict("already_reported", _("You reported this already; it is being reviewed."))


def _lock_open(report: Report) -> Report:
    locked = Report.objects.select_for_update().filter(pk=report.pk).first()
    if locked is None:
        raise NotFound()
    if locked.status != ReportStatus.OPEN:
        raise Conflict("report_closed", _("This report was dealt with already."))
    return locked


def _close_one(*, report: Report, by: User, status: str, note: str) -> Report:
    moderator_require(user=by)
    note = reason_clean(note, required=False)
    with transaction.atomic():
        locked = _lock_open(report)
        locked.status = status
        locked.resolved_at = timezone.now()
        locked.resolved_by = by
        locked.save(update_fields=["status", "resolved_at", "resolved_by"])
        action = (
            ModerationActionKind.UPHOLD
            if status == ReportStatus.UPHELD
            else ModerationActionKind.DISMISS
        )
        audit_record(target=locked, action=action, reason=note, by=by)
    _copy(source=locked, into=report)
    return report


def _act_on_target(
    *, report: Report, by: User, resolution: str, act: Callable[[Model], object]
) -> Report:
    moderator_require(user=by)
    with transaction.atomic():
        locked = _lock_open(report)
        act(report_target(report=locked))
        _close_target_reports(report=locked, by=by, resolution=resolution)
        locked.refresh_from_db()
    _copy(source=locked, into=report)
    return report


def _act_on_owner(
    *, report: Report, by: User, resolution: str, act: Callable[[User], object]
) -> Report:
    moderator_require(user=by)
    with transaction.atomic():
        locked = _lock_open(report)
        owner = locked.target_owner
        if owner is None:
            raise Conflict("report_no_owner", _("Nobody answers for this content any more."))
        act(owner)
        _close_target_reports(report=locked, by=by, resolution=resolution)
        locked.refresh_from_db()
    _copy(source=locked, into=report)
    return report


def _close_target_reports(*, report: Report, by: User, resolution: str) -> int:
    """Every open report on the same target is upheld by what was just done to it."""
    return report_close_for_target(
        kind=report.kind, object_id=report.object_id, by=by, resolution=resolution
    )


def _copy(*, source: Report, into: Report) -> None:
    for field in ("status", "resolved_at", "resolved_by_id", "resolution"):
        setattr(into, field, getattr(source, field))
