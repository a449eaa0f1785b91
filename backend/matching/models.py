"""The database backend's index: one denormalised row per public profile and per open gig.

Rows hold what filtering needs as columns and the whole scoring document as JSON (`doc`), so a
match is one indexed skill lookup plus one fetch of candidate rows. Deleting a profile or gig
deletes its row (CASCADE); hiding or unpublishing one deletes it through the index services.
`search_vector` is filled on PostgreSQL only (GIN-indexed, see migration 0002); SQLite matches
free text on `text` instead.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchVectorField
from django.db import models


class IndexedProfile(models.Model):
    profile = models.OneToOneField(
        "marketplace.FreelancerProfile",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
    )
    user_id = models.BigIntegerField()
    country = models.CharField(max_length=2, db_index=True)
    currency = models.CharField(max_length=3)
    hourly_rate_minor = models.BigIntegerField(null=True)
    hours_per_week = models.PositiveSmallIntegerField()
    available_from = models.DateField(null=True)
    # ",de,en," so "speaks de" is a portable `contains` filter on SQLite and PostgreSQL.
    languages = models.CharField(max_length=200, blank=True)
    completed_contracts = models.PositiveIntegerField(default=0)
    # The public average rating × 100 (an integer, so `min_rating` compares exactly on every
    # database); null without a published, visible review.
    rating_hundredths = models.PositiveSmallIntegerField(null=True, db_index=True)
    rating_count = models.PositiveIntegerField(default=0)
    last_active = models.DateTimeField()
    text = models.TextField(blank=True)
    search_vector = SearchVectorField(null=True)
    doc = models.JSONField()
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["currency", "hourly_rate_minor"])]

    def __str__(self) -> str:
        return f"profile {self.pk}"


class IndexedProfileSkill(models.Model):
    entry = models.ForeignKey(IndexedProfile, on_delete=models.CASCADE, related_name="skills")
    skill_id = models.IntegerField()

    class Meta:
        indexes = [models.Index(fields=["skill_id", "entry"])]
        constraints = [
            models.UniqueConstraint(fields=["entry", "skill_id"], name="indexed_profile_skill_uq")
        ]

    def __str__(self) -> str:
        return f"{self.entry_id}:{self.skill_id}"


class IndexedGig(models.Model):
    gig = models.OneToOneField(
        "marketplace.Gig", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    firm_id = models.BigIntegerField()
    country = models.CharField(max_length=2, blank=True, db_index=True)
    currency = models.CharField(max_length=3)
    budget_min_minor = models.BigIntegerField()
    budget_max_minor = models.BigIntegerField()
    engagement_type = models.CharField(max_length=10, db_index=True)
    location_type = models.CharField(max_length=8)
    languages = models.CharField(max_length=200, blank=True)
    published_at = models.DateTimeField(null=True)
    text = models.TextField(blank=True)
    search_vector = SearchVectorField(null=True)
    doc = models.JSONField()
    indexed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"gig {self.pk}"


class IndexedGigSkill(models.Model):
    entry = models.ForeignKey(IndexedGig, on_delete=models.CASCADE, related_name="skills")
    skill_id = models.IntegerField()
    required = models.BooleanField()

    class Meta:
        indexes = [models.Index(fields=["skill_id", "entry"])]
        constraints = [
            models.UniqueConstraint(fields=["entry", "skill_id"], name="indexed_gig_skill_uq")
        ]

    def __str__(self) -> str:
        return f"{self.entry_id}:{self.skill_id}"
