from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from common.models import TimestampedModel
from common.timezones import validate_timezone
from marketplace.gigs.models import ModerationState


class FirmSize(models.TextChoices):
    SOLO = "solo", _("Just me")
    SMALL = "2-10", _("2–10 people")
    MEDIUM = "11-50", _("11–50 people")
    LARGE = "51+", _("More than 50 people")


class Firm(TimestampedModel):
    """A business that hires: a sole proprietor or a small team."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(unique=True, max_length=80)
    description = models.TextField(blank=True, max_length=5000)
    country = CountryField()
    time_zone = models.CharField(max_length=64, default="UTC", validators=[validate_timezone])
    working_hours_start = models.TimeField(default="09:00")
    working_hours_end = models.TimeField(default="17:00")
    size = models.CharField(max_length=8, choices=FirmSize.choices, default=FirmSize.SOLO)
    website = models.URLField(blank=True)
    logo = models.ForeignKey(
        "marketplace.StoredImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Moderation hides a firm's page from everyone but its members and staff.
    moderation_state = models.CharField(
        max_length=16, choices=ModerationState.choices, default=ModerationState.VISIBLE
    )
    moderation_reason = models.CharField(max_length=500, blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="FirmMembership", related_name="firms"
    )

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class FirmRole(models.TextChoices):
    OWNER = "owner", _("Owner")
    MEMBER = "member", _("Member")


class FirmMembership(TimestampedModel):
    firm = models.ForeignKey(Firm, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="firm_memberships"
    )
    role = models.CharField(max_length=8, choices=FirmRole.choices, default=FirmRole.MEMBER)

    class Meta:
        ordering = ("firm_id", "created_at")
        constraints = [
            models.UniqueConstraint(fields=["firm", "user"], name="firm_membership_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}@{self.firm_id} ({self.role})"
