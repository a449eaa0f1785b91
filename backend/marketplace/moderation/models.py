"""Reports by users, sanctions on users, and the append-only log of every moderator decision."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ModerationActionKind(models.TextChoices):
    PUBLISH = "publish", _("Publish")
    HIDE = "hide", _("Hide")
    WARN = "warn", _("Warn")
    SUSPEND = "suspend", _("Suspend")
    BAN = "ban", _("Ban")
    LIFT = "lift", _("Lift sanction")
    UPHOLD = "uphold", _("Uphold report")
    DISMISS = "dismiss", _("Dismiss report")


class ModerationAction(models.Model):
    """Append-only audit log of what moderators did, to what, and why.

    The database refuses UPDATE and DELETE on this table (triggers in migration
    0005_moderation, PostgreSQL and SQLite): a row, once written, is the record.
    `actor` is empty only for what the system does on its own (a suspension that expired).
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    action = models.CharField(max_length=16, choices=ModerationActionKind.choices)
    reason = models.CharField(max_length=500, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    # What else the decision needs to be understood later (a suspension's end, a report id).
    details = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ("-created_at",)
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.action} {self.content_type_id}:{self.object_id}"


class ReportReason(models.TextChoices):
    SPAM = "spam", _("Spam or advertising")
    SCAM = "scam", _("Scam or fraud")
    OFF_PLATFORM = "off_platform", _("Asks to pay or talk outside Nanoguild")
    HARASSMENT = "harassment", _("Harassment or hate")
    INAPPROPRIATE = "inappropriate", _("Inappropriate or offensive content")
    IMPERSONATION = "impersonation", _("Fake identity or impersonation")
    INTELLECTUAL_PROPERTY = "intellectual_property", _("Copied work or intellectual property")
    OTHER = "other", _("Something else")


class ReportStatus(models.TextChoices):
    OPEN = "open", _("Open")
    UPHELD = "upheld", _("Upheld")
    DISMISSED = "dismissed", _("Dismissed")


class Report(models.Model):
    """A user's report of a profile, gig, message, firm or review, waiting in the queue.

    The target is `kind` (a name in `marketplace.moderation.registry`) plus `object_id`;
    `target_owner` is who answers for it, kept at filing time so the queue filters and acts
    on it without loading every target.
    """

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reports_filed"
    )
    kind = models.CharField(_("kind"), max_length=32)
    object_id = models.PositiveBigIntegerField()
    target_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports_received",
        verbose_name=_("target owner"),
    )
    reason = models.CharField(_("reason"), max_length=32, choices=ReportReason.choices)
    text = models.TextField(_("text"), max_length=2000, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.OPEN
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # What was done about it: "hide", "warn", "suspend", "ban", or empty (approve/dismiss).
    resolution = models.CharField(max_length=16, blank=True)

    class Meta:
        ordering = ("-created_at",)
        constraints = [
            # One open report per reporter and target; a new one after the first is resolved.
            models.UniqueConstraint(
                fields=["reporter", "kind", "object_id"],
                condition=Q(status="open"),
                name="moderation_report_open_once",
            ),
            models.CheckConstraint(
                condition=Q(status="open", resolved_at__isnull=True)
                | (~Q(status="open") & Q(resolved_at__isnull=False)),
                name="moderation_report_resolved_when_closed",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "created_at"], name="moderation_report_queue"),
            models.Index(fields=["kind", "object_id"], name="moderation_report_target"),
            models.Index(fields=["reporter", "created_at"], name="moderation_report_reporter"),
        ]

    def __str__(self) -> str:
        return f"report {self.pk} of {self.kind} {self.object_id}"


class SanctionKind(models.TextChoices):
    WARNING = "warning", _("Warning")
    SUSPENSION = "suspension", _("Suspension")
    BAN = "ban", _("Ban")


class Sanction(models.Model):
    """A warning, suspension or ban given to a user: their record, shown on the user's page.

    The user's current standing is on the user (`suspended_until`, `banned_at`); these rows are
    the history, and the audit log holds every decision about them.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sanctions"
    )
    kind = models.CharField(max_length=16, choices=SanctionKind.choices)
    reason = models.CharField(max_length=500)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    ends_at = models.DateTimeField(null=True, blank=True)
    lifted_at = models.DateTimeField(null=True, blank=True)
    report = models.ForeignKey(Report, on_delete=models.SET_NULL, null=True, blank=True)

    class Meta:
        ordering = ("-created_at",)
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="suspension") | Q(ends_at__isnull=False),
                name="moderation_suspension_has_end",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} of user {self.user_id}"
