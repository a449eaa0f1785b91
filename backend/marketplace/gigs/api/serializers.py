"""Gig input and output shapes; the summaries at the end are reused by proposals and contracts."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from marketplace.firms.reputation import firm_reputation_get
from marketplace.gigs.models import EngagementType, Gig, GigStatus, LocationType, ModerationState
from marketplace.gigs.validation import MAX_LANGUAGES, MAX_SKILLS_PER_LIST
from marketplace.reviews.api.serializers import FirmReputationOutput


def _skill_ref() -> serializers.CharField:
    """An id, slug, label or alias of a skill; the longest label is 120 characters."""
    return serializers.CharField(max_length=120)


class GigWriteFields(serializers.Serializer[Any]):
    """Fields shared by creating and editing; amounts are checked by the service."""

    title = serializers.CharField(max_length=140)
    description = serializers.CharField(max_length=10_000)
    engagement_type = serializers.ChoiceField(choices=EngagementType.choices)
    # Unbounded here on purpose: the service answers out-of-range amounts with
    # `budget_invalid`, which names the rule, rather than a generic range message.
    budget_min_minor = serializers.IntegerField()
    budget_max_minor = serializers.IntegerField()
    currency = serializers.CharField(max_length=3, help_text="ISO 4217 code, e.g. EUR.")
    required_skills = serializers.ListField(
        child=_skill_ref(),
        max_length=MAX_SKILLS_PER_LIST,
        default=list,
        help_text="Skill ids, slugs, labels or aliases.",
    )
    nice_skills = serializers.ListField(
        child=_skill_ref(), max_length=MAX_SKILLS_PER_LIST, default=list
    )
    languages = serializers.ListField(
        child=serializers.CharField(max_length=8),
        max_length=MAX_LANGUAGES,
        default=list,
        help_text="ISO 639-1 codes.",
    )
    hours_per_week = serializers.IntegerField(
        min_value=1, max_value=80, allow_null=True, default=None
    )
    duration_weeks = serializers.IntegerField(
        min_value=1, max_value=520, allow_null=True, default=None
    )
    start_date = serializers.DateField(allow_null=True, default=None)
    timezone_overlap_hours = serializers.IntegerField(min_value=0, max_value=12, default=0)
    location_type = serializers.ChoiceField(
        choices=LocationType.choices, default=LocationType.REMOTE
    )
    location_country = serializers.CharField(
        max_length=2, allow_blank=True, default="", help_text="ISO 3166-1 alpha-2 code."
    )
    location_city = serializers.CharField(max_length=120, allow_blank=True, default="")


class GigCreateInput(GigWriteFields):
    firm = serializers.SlugField(max_length=80, help_text="Slug of the firm posting the gig.")


class GigUpdateInput(GigWriteFields):
    """Used with `partial=True`: every field optional; lists replace the whole list."""


class SkillRefOutput(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    slug = serializers.CharField()
    label = serializers.SerializerMethodField(  # type: ignore[assignment]
        help_text="In the request's language."
    )

    def get_label(self, skill: Any) -> str:
        return str(skill.label())


class FirmRefOutput(serializers.Serializer[Any]):
    slug = serializers.CharField()
    name = serializers.CharField()
    country = serializers.CharField()


class GigOutput(serializers.Serializer[Gig]):
    id = serializers.IntegerField()
    firm = FirmRefOutput()
    title = serializers.CharField()
    description = serializers.CharField()
    engagement_type = serializers.ChoiceField(choices=EngagementType.choices)
    budget_min_minor = serializers.IntegerField()
    budget_max_minor = serializers.IntegerField()
    currency = serializers.CharField()
    required_skills = serializers.SerializerMethodField()
    nice_skills = serializers.SerializerMethodField()
    languages = serializers.SerializerMethodField()
    hours_per_week = serializers.IntegerField(allow_null=True)
    duration_weeks = serializers.IntegerField(allow_null=True)
    start_date = serializers.DateField(allow_null=True)
    timezone_overlap_hours = serializers.IntegerField()
    location_type = serializers.ChoiceField(choices=LocationType.choices)
    location_country = serializers.CharField()
    location_city = serializers.CharField()
    status = serializers.ChoiceField(choices=GigStatus.choices)
    moderation_state = serializers.ChoiceField(choices=ModerationState.choices)
    moderation_reason = serializers.CharField()
    published_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    proposal_count = serializers.SerializerMethodField(
        help_text="Proposals received (withdrawn ones aside); only for the firm's members."
    )

    @extend_schema_field(SkillRefOutput(many=True))
    def get_required_skills(self, gig: Gig) -> list[dict[str, Any]]:
        skills = [gs.skill for gs in gig.gig_skills.all() if gs.is_required]
        return list(SkillRefOutput(skills, many=True).data)

    @extend_schema_field(SkillRefOutput(many=True))
    def get_nice_skills(self, gig: Gig) -> list[dict[str, Any]]:
        skills = [gs.skill for gs in gig.gig_skills.all() if not gs.is_required]
        return list(SkillRefOutput(skills, many=True).data)

    def get_languages(self, gig: Gig) -> list[str]:
        return [language.code for language in gig.languages.all()]

    def get_proposal_count(self, gig: Gig) -> int | None:
        if gig.firm_id not in self.context.get("member_firm_ids", frozenset()):
            return None
        return int(getattr(gig, "proposal_count", 0))


class GigDetailOutput(GigOutput):
    """One gig's page: also the hiring firm's reputation, seen before proposing."""

    firm_reputation = serializers.SerializerMethodField()

    @extend_schema_field(FirmReputationOutput)
    def get_firm_reputation(self, gig: Gig) -> dict[str, Any]:
        return dict(FirmReputationOutput(firm_reputation_get(firm_id=gig.firm_id)).data)


class GigRefOutput(serializers.Serializer[Gig]):
    """The gig a proposal, invitation or contract belongs to."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    status = serializers.CharField(help_text="The gig's status (see Gig.status).")
    engagement_type = serializers.CharField()
    currency = serializers.CharField()
    firm = FirmRefOutput()


class FreelancerRefOutput(serializers.Serializer[Any]):
    slug = serializers.CharField()
    headline = serializers.CharField()
    country = serializers.CharField()
