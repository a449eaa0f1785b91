"""Shapes of freelancer profiles in the API. Input serializers parse types and lengths; the
rules (slug form, currencies, rate bounds, links, skills) live in `profiles.validation`."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from common.fields import SLUG_MAX_LENGTH
from common.models import LanguageProficiency
from common.money import MAX_AMOUNT_MINOR
from marketplace.endorsements.api.serializers import SkillEndorsementOutput
from marketplace.endorsements.selectors import profile_reputation_map
from marketplace.media.api.serializers import ImageOutput, PortfolioItemOutput
from marketplace.profiles import validation
from marketplace.profiles.models import FreelancerProfile, ProfileSkill, SkillLevel
from marketplace.reviews.api.serializers import RatingSummaryOutput
from marketplace.reviews.selectors import freelancer_rating_summary

# --- output ---------------------------------------------------------------------------------


class ProfileSkillOutput(serializers.Serializer[ProfileSkill]):
    id = serializers.IntegerField(source="skill.id")
    slug = serializers.CharField(source="skill.slug")
    # `label` shadows Field.label in the type stubs only; DRF moves it to the declared fields.
    label = serializers.SerializerMethodField(help_text="In the request's language.")  # type: ignore[assignment]
    level = serializers.IntegerField(help_text="1 beginner, 2 intermediate, 3 advanced, 4 expert.")
    years = serializers.IntegerField()

    def get_label(self, obj: ProfileSkill) -> str:
        return obj.skill.label()


class ProfileLanguageOutput(serializers.Serializer[Any]):
    code = serializers.CharField(help_text="ISO 639-1.")
    proficiency = serializers.ChoiceField(choices=LanguageProficiency.choices)


class LinkSerializer(serializers.Serializer[Any]):
    url = serializers.CharField(max_length=validation.LINK_URL_MAX_LENGTH, help_text="http(s) URL.")
    # `label` shadows Field.label (a str in the stubs); here it is the link's text.
    label = serializers.CharField(  # type: ignore[assignment]
        max_length=validation.LINK_LABEL_MAX_LENGTH, required=False, allow_blank=True, default=""
    )


class ProfileCardOutput(serializers.Serializer[FreelancerProfile]):
    """One row of the public list."""

    slug = serializers.CharField()
    full_name = serializers.CharField(source="user.full_name")
    avatar = ImageOutput(source="user.avatar", allow_null=True)
    headline = serializers.CharField()
    country = serializers.CharField(source="country.code", help_text="ISO 3166 alpha-2.")
    time_zone = serializers.CharField()
    hourly_rate_minor = serializers.IntegerField(allow_null=True)
    daily_rate_minor = serializers.IntegerField(allow_null=True)
    rate_currency = serializers.CharField()
    hours_per_week = serializers.IntegerField()
    available_from = serializers.DateField(allow_null=True)
    skills = ProfileSkillOutput(source="profile_skills", many=True)
    languages = ProfileLanguageOutput(many=True)
    created_at = serializers.DateTimeField()


class ProfileDetailOutput(ProfileCardOutput):
    """The public profile page, with its reviews' summary and endorsements per skill."""

    # The id is what `POST /reports/` names a profile by (kind `profile`).
    id = serializers.IntegerField(read_only=True, help_text="For reports (`object_id`).")
    bio = serializers.CharField()
    working_hours_start = serializers.TimeField(help_text="In the profile's time zone.")
    working_hours_end = serializers.TimeField(
        help_text="In the profile's time zone; before the start when the window wraps midnight."
    )
    links = LinkSerializer(many=True)
    portfolio = PortfolioItemOutput(source="portfolio_items", many=True)
    rating = serializers.SerializerMethodField(help_text="From firms' published reviews.")
    endorsements = serializers.SerializerMethodField(
        help_text="Per listed skill: validated by `peers` peers, with their summed weight."
    )

    @extend_schema_field(RatingSummaryOutput)
    def get_rating(self, profile: FreelancerProfile) -> dict[str, Any]:
        return dict(RatingSummaryOutput(freelancer_rating_summary(profile_id=profile.pk)).data)

    @extend_schema_field(SkillEndorsementOutput(many=True))
    def get_endorsements(self, profile: FreelancerProfile) -> list[dict[str, Any]]:
        reputation = profile_reputation_map(profile_ids=[profile.pk])[profile.pk]
        rows = []
        for item in profile.profile_skills.all():
            counted = reputation.endorsements.get(item.skill_id)
            rows.append(
                {
                    "skill_id": item.skill_id,
                    "slug": item.skill.slug,
                    "peers": counted.peers if counted else 0,
                    "weight": counted.weight if counted else Decimal("0.00"),
                }
            )
        return list(SkillEndorsementOutput(rows, many=True).data)


class OwnProfileOutput(ProfileDetailOutput):
    """The owner's view: also the state and why moderation hid it."""

    visibility = serializers.CharField(help_text="draft, public or hidden (by moderation).")
    moderation_reason = serializers.CharField()
    updated_at = serializers.DateTimeField()


# --- input ----------------------------------------------------------------------------------


class SkillItemInput(serializers.Serializer[Any]):
    skill = serializers.CharField(
        max_length=120, help_text="Skill id, slug, label (en/de/fr) or alias, e.g. `React.js`."
    )
    level = serializers.ChoiceField(choices=SkillLevel.choices, default=SkillLevel.INTERMEDIATE)
    years = serializers.IntegerField(min_value=0, max_value=validation.YEARS_MAX, default=0)


class LanguageItemInput(serializers.Serializer[Any]):
    code = serializers.CharField(min_length=2, max_length=2, help_text="ISO 639-1, e.g. `de`.")
    proficiency = serializers.ChoiceField(choices=LanguageProficiency.choices)


class ProfileUpdateInput(serializers.Serializer[Any]):
    """Every field optional; `skills` and `languages`, when given, replace the whole list."""

    slug = serializers.CharField(max_length=SLUG_MAX_LENGTH, required=False)
    headline = serializers.CharField(max_length=validation.HEADLINE_MAX_LENGTH, required=False)
    bio = serializers.CharField(
        max_length=validation.BIO_MAX_LENGTH, required=False, allow_blank=True
    )
    country = serializers.CharField(max_length=2, required=False, help_text="ISO 3166 alpha-2.")
    time_zone = serializers.CharField(max_length=64, required=False, help_text="IANA name.")
    working_hours_start = serializers.TimeField(required=False)
    working_hours_end = serializers.TimeField(required=False)
    hourly_rate_minor = serializers.IntegerField(
        min_value=1, max_value=MAX_AMOUNT_MINOR, allow_null=True, required=False
    )
    daily_rate_minor = serializers.IntegerField(
        min_value=1, max_value=MAX_AMOUNT_MINOR, allow_null=True, required=False
    )
    rate_currency = serializers.CharField(max_length=8, required=False, help_text="ISO 4217.")
    hours_per_week = serializers.IntegerField(
        min_value=0, max_value=validation.HOURS_PER_WEEK_MAX, required=False
    )
    available_from = serializers.DateField(allow_null=True, required=False)
    links = serializers.ListField(
        child=LinkSerializer(), required=False, max_length=validation.LINKS_MAX
    )
    skills = serializers.ListField(
        child=SkillItemInput(), required=False, max_length=validation.SKILLS_MAX
    )
    languages = serializers.ListField(
        child=LanguageItemInput(), required=False, max_length=validation.LANGUAGES_MAX
    )


class ProfileCreateInput(ProfileUpdateInput):
    slug = serializers.CharField(
        max_length=SLUG_MAX_LENGTH,
        help_text="Public address: lowercase letters, digits and single hyphens.",
    )
    headline = serializers.CharField(max_length=validation.HEADLINE_MAX_LENGTH)
    country = serializers.CharField(max_length=2, help_text="ISO 3166 alpha-2.")
