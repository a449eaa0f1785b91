from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from common.models import TimestampedModel, spoken_language_choices
from common.money import CURRENCY_CHOICES


class EngagementType(models.TextChoices):
    FIXED = "fixed", _("Fixed price")
    HOURLY = "hourly", _("Hourly")
    # A piece of someone's time: N hours a month, billed monthly.
    RETAINER = "retainer", _("Monthly retainer")


class GigStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")
    CLOSED = "closed", _("Closed")


class ModerationState(models.TextChoices):
    VISIBLE = "visible", _("Visible")
    HIDDEN = "hidden", _("Hidden by moderation")


class LocationType(models.TextChoices):
    REMOTE = "remote", _("Remote")
    ONSITE = "onsite", _("On site")
    HYBRID = "hybrid", _("Hybrid")


class Gig(TimestampedModel):
    """A piece of work a firm wants done. Lifecycle rules live in `gigs.services`."""

    firm = models.ForeignKey("marketplace.Firm", on_delete=models.CASCADE, related_name="gigs")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(max_length=140)
    description = models.TextField(max_length=10000)
    engagement_type = models.CharField(max_length=10, choices=EngagementType.choices)
    # Fixed price: the total; hourly: per hour; retainer: per month. Minor units of `currency`.
    budget_min_minor = models.PositiveBigIntegerField()
    budget_max_minor = models.PositiveBigIntegerField()
    currency = models.CharField(max_length=3, choices=CURRENCY_CHOICES)
    hours_per_week = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(80)]
    )
    duration_weeks = models.PositiveSmallIntegerField(null=True, blank=True)
    start_date = models.DateField(null=True, blank=True)
    # Hours the freelancer's working window should share with the firm's (0 = no wish).
    timezone_overlap_hours = models.PositiveSmallIntegerField(
        default=0, validators=[MaxValueValidator(12)]
    )
    location_type = models.CharField(
        max_length=8, choices=LocationType.choices, default=LocationType.REMOTE
    )
    location_country = CountryField(blank=True)
    location_city = models.CharField(max_length=120, blank=True)
    status = models.CharField(max_length=12, choices=GigStatus.choices, default=GigStatus.DRAFT)
    moderation_state = models.CharField(
        max_length=8, choices=ModerationState.choices, default=ModerationState.VISIBLE
    )
    moderation_reason = models.CharField(max_length=500, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    skills = models.ManyToManyField("marketplace.Skill", through="GigSkill", related_name="gigs")

    class Meta:
        ordering = ("-created_at",)
        indexes = [
            models.Index(fields=["status", "moderation_state", "-created_at"]),
            models.Index(fields=["currency", "engagement_type"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(budget_min_minor__lte=F("budget_max_minor")),
                name="gig_budget_min_lte_max",
            ),
            models.CheckConstraint(
                condition=Q(timezone_overlap_hours__lte=12), name="gig_overlap_max_12"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.status == GigStatus.OPEN and self.moderation_state == ModerationState.VISIBLE


class GigSkill(models.Model):
    gig = models.ForeignKey(Gig, on_delete=models.CASCADE, related_name="gig_skills")
    skill = models.ForeignKey("marketplace.Skill", on_delete=models.PROTECT)
    is_required = models.BooleanField(default=True)

    class Meta:
        ordering = ("-is_required", "skill__slug")
        constraints = [models.UniqueConstraint(fields=["gig", "skill"], name="gig_skill_unique")]

    def __str__(self) -> str:
        return f"{self.gig_id}:{self.skill_id}"


class GigLanguage(models.Model):
    gig = models.ForeignKey(Gig, on_delete=models.CASCADE, related_name="languages")
    code = models.CharField(max_length=2, choices=spoken_language_choices)

    class Meta:
        ordering = ("code",)
        constraints = [
            models.UniqueConstraint(fields=["gig", "code"], name="gig_language_unique"),
        ]

    def __str__(self) -> str:
        return self.code
