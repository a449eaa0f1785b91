from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from common.models import LanguageProficiency, TimestampedModel, spoken_language_choices
from common.money import CURRENCY_CHOICES
from common.timezones import validate_timezone


class ProfileVisibility(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLIC = "public", _("Public")
    HIDDEN = "hidden", _("Hidden by moderation")


class FreelancerProfile(TimestampedModel):
    """What a freelancer shows firms: the data behind the public profile page."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="freelancer_profile"
    )
    slug = models.SlugField(unique=True, max_length=80)
    headline = models.CharField(max_length=140)
    bio = models.TextField(blank=True, max_length=5000)
    country = CountryField()
    time_zone = models.CharField(max_length=64, default="UTC", validators=[validate_timezone])
    # The freelancer's usual working window, in their own time zone.
    working_hours_start = models.TimeField(default="09:00")
    working_hours_end = models.TimeField(default="17:00")
    hourly_rate_minor = models.PositiveBigIntegerField(null=True, blank=True)
    daily_rate_minor = models.PositiveBigIntegerField(null=True, blank=True)
    rate_currency = models.CharField(max_length=3, choices=CURRENCY_CHOICES, default="EUR")
    hours_per_week = models.PositiveSmallIntegerField(
        default=20, validators=[MaxValueValidator(80)]
    )
    available_from = models.DateField(null=True, blank=True)
    links = models.JSONField(default=list, blank=True)
    visibility = models.CharField(
        max_length=10, choices=ProfileVisibility.choices, default=ProfileVisibility.DRAFT
    )
    moderation_reason = models.CharField(max_length=500, blank=True)
    skills = models.ManyToManyField(
        "marketplace.Skill", through="ProfileSkill", related_name="profiles"
    )

    class Meta:
        ordering = ("-created_at",)
        indexes = [models.Index(fields=["visibility", "country"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours_per_week__lte=80), name="profile_hours_per_week_max_80"
            ),
        ]

    def __str__(self) -> str:
        return self.slug

    @property
    def is_public(self) -> bool:
        return self.visibility == ProfileVisibility.PUBLIC and self.user.is_active


class SkillLevel(models.IntegerChoices):
    BEGINNER = 1, _("Beginner")
    INTERMEDIATE = 2, _("Intermediate")
    ADVANCED = 3, _("Advanced")
    EXPERT = 4, _("Expert")


class ProfileSkill(models.Model):
    profile = models.ForeignKey(
        FreelancerProfile, on_delete=models.CASCADE, related_name="profile_skills"
    )
    skill = models.ForeignKey("marketplace.Skill", on_delete=models.PROTECT)
    level = models.PositiveSmallIntegerField(
        choices=SkillLevel.choices, default=SkillLevel.INTERMEDIATE
    )
    years = models.PositiveSmallIntegerField(
        default=0, validators=[MinValueValidator(0), MaxValueValidator(60)]
    )

    class Meta:
        ordering = ("-level", "skill__slug")
        constraints = [
            models.UniqueConstraint(fields=["profile", "skill"], name="profile_skill_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.profile_id}:{self.skill_id}"


class ProfileLanguage(models.Model):
    profile = models.ForeignKey(
        FreelancerProfile, on_delete=models.CASCADE, related_name="languages"
    )
    code = models.CharField(max_length=2, choices=spoken_language_choices)
    proficiency = models.CharField(max_length=16, choices=LanguageProficiency.choices)

    class Meta:
        ordering = ("code",)
        constraints = [
            models.UniqueConstraint(fields=["profile", "code"], name="profile_language_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.code}:{self.proficiency}"
