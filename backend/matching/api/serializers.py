"""Inputs (query-string filters) and outputs of the matching API."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django_countries import countries
from rest_framework import serializers

from common.models import spoken_language_choices
from common.money import CURRENCY_EXPONENTS
from common.timezones import timezone_names
from marketplace.gigs.models import EngagementType, LocationType
from marketplace.skills.selectors import skill_resolve_many


class CommaList(serializers.CharField):
    """A comma-separated list in one query parameter: `skills=python,React.js`."""

    # CharField's stub promises a str; this field deliberately turns it into a list.
    def to_internal_value(self, data: Any) -> list[str]:  # type: ignore[override]
        text = super().to_internal_value(data)
        return [part.strip() for part in text.split(",") if part.strip()]


def _check_choices(values: list[str], allowed: set[str], message: str) -> list[str]:
    # `message` is a whole translated sentence with `%(v)s`: a pasted-in noun can't be translated.
    unknown = [v for v in values if v not in allowed]
    if unknown:
        raise serializers.ValidationError(message % {"v": ", ".join(unknown)})
    return values


class PageInput(serializers.Serializer[Any]):
    page = serializers.IntegerField(required=False, min_value=1, max_value=50, default=1)
    page_size = serializers.IntegerField(required=False, min_value=1, max_value=100, default=20)


class MinRatingInput(serializers.Serializer[Any]):
    min_rating = serializers.DecimalField(
        required=False,
        max_digits=3,
        decimal_places=2,
        min_value=Decimal(1),
        max_value=Decimal(5),
        help_text="Only freelancers whose average rating (published reviews) is at least this, "
        "1–5, up to 2 decimals; freelancers without a rating are left out.",
    )

    def validate_min_rating(self, value: Decimal) -> int:
        """As the indexes store ratings: average × 100 (exact with 2 decimals)."""
        return int(value * 100)


class GigMatchesInput(PageInput, MinRatingInput):
    pass


class SearchCommonInput(PageInput):
    q = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")
    skills = CommaList(required=False, max_length=500)
    currency = serializers.CharField(required=False, max_length=3)
    languages = CommaList(required=False, max_length=200)
    country = CommaList(required=False, max_length=200)

    def validate_skills(self, value: list[str]) -> list[int]:
        if len(value) > 10:
            raise serializers.ValidationError(_("At most 10 skills."))
        return [s.id for s in skill_resolve_many(refs=value, field="skills")]

    def validate_currency(self, value: str) -> str:
        value = value.upper()
        if value not in CURRENCY_EXPONENTS:
            raise serializers.ValidationError(_("Unknown currency."))
        return value

    def validate_languages(self, value: list[str]) -> list[str]:
        return _check_choices(
            [v.lower() for v in value],
            {c for c, _n in spoken_language_choices()},
            _("Unknown language: %(v)s"),
        )

    def validate_country(self, value: list[str]) -> list[str]:
        return _check_choices(
            [v.upper() for v in value],
            {str(c) for c in countries.countries},
            _("Unknown country: %(v)s"),
        )


class FreelancerSearchInput(SearchCommonInput, MinRatingInput):
    rate_min = serializers.IntegerField(required=False, min_value=0)
    rate_max = serializers.IntegerField(required=False, min_value=0)
    min_hours_per_week = serializers.IntegerField(required=False, min_value=1, max_value=80)
    available_by = serializers.DateField(required=False)
    min_completed_contracts = serializers.IntegerField(required=False, min_value=0)
    overlap_tz = serializers.CharField(required=False, max_length=64)
    overlap_start = serializers.TimeField(required=False, default=dt.time(9, 0))
    overlap_end = serializers.TimeField(required=False, default=dt.time(17, 0))
    min_overlap_hours = serializers.IntegerField(required=False, min_value=1, max_value=12)

    def validate_overlap_tz(self, value: str) -> str:
        if value not in timezone_names():
            raise serializers.ValidationError(_("Unknown time zone."))
        return value

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        has_rate = attrs.get("rate_min") is not None or attrs.get("rate_max") is not None
        if has_rate and not attrs.get("currency"):
            raise serializers.ValidationError({"currency": [_("A rate range needs a currency.")]})
        if (
            attrs.get("rate_min") is not None
            and attrs.get("rate_max") is not None
            and attrs["rate_min"] > attrs["rate_max"]
        ):
            raise serializers.ValidationError({"rate_max": [_("Must not be below rate_min.")]})
        if attrs.get("min_overlap_hours") and not attrs.get("overlap_tz"):
            raise serializers.ValidationError({"overlap_tz": [_("An overlap needs a time zone.")]})
        return attrs


class GigSearchInput(SearchCommonInput):
    budget_min = serializers.IntegerField(required=False, min_value=0)
    budget_max = serializers.IntegerField(required=False, min_value=0)
    engagement_type = CommaList(required=False, max_length=100)
    location_type = CommaList(required=False, max_length=100)

    def validate_engagement_type(self, value: list[str]) -> list[str]:
        return _check_choices(
            value, set(EngagementType.values), _("Unknown engagement type: %(v)s")
        )

    def validate_location_type(self, value: list[str]) -> list[str]:
        return _check_choices(value, set(LocationType.values), _("Unknown location type: %(v)s"))

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        has_budget = attrs.get("budget_min") is not None or attrs.get("budget_max") is not None
        if has_budget and not attrs.get("currency"):
            raise serializers.ValidationError({"currency": [_("A budget range needs a currency.")]})
        return attrs


class SuggestInput(serializers.Serializer[Any]):
    q = serializers.CharField(max_length=120)
    limit = serializers.IntegerField(required=False, min_value=1, max_value=20, default=10)


# --- outputs ------------------------------------------------------------------------------


class SkillRef(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    slug = serializers.CharField()
    # `label` shadows Field.label (a str attribute in the stubs); it is the field's name here.
    label = serializers.CharField()  # type: ignore[assignment]


class ReasonOutput(serializers.Serializer[Any]):
    code = serializers.CharField()
    params = serializers.DictField()


class FreelancerCard(serializers.Serializer[Any]):
    slug = serializers.CharField()
    headline = serializers.CharField()
    country = serializers.CharField()
    hourly_rate_minor = serializers.IntegerField(allow_null=True)
    currency = serializers.CharField()
    hours_per_week = serializers.IntegerField()
    languages = serializers.ListField(child=serializers.CharField())
    skills = SkillRef(many=True)


class GigCard(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    title = serializers.CharField()
    engagement_type = serializers.CharField()
    budget_min_minor = serializers.IntegerField()
    budget_max_minor = serializers.IntegerField()
    currency = serializers.CharField()
    country = serializers.CharField()
    languages = serializers.ListField(child=serializers.CharField())
    published_at = serializers.DateTimeField(allow_null=True)
    skills = SkillRef(many=True)


class FreelancerHit(serializers.Serializer[Any]):
    freelancer = FreelancerCard()
    score = serializers.FloatField(help_text="0–100; compare within one result list only.")
    reasons = ReasonOutput(many=True)
    explanation = serializers.CharField()


class GigHit(serializers.Serializer[Any]):
    gig = GigCard()
    score = serializers.FloatField(help_text="0–100; compare within one result list only.")
    reasons = ReasonOutput(many=True)
    explanation = serializers.CharField()


class FacetBucket(serializers.Serializer[Any]):
    value = serializers.CharField()
    count = serializers.IntegerField()
    # `label` shadows Field.label in the stubs, as in SkillRef.
    label = serializers.CharField(required=False)  # type: ignore[assignment]


class _Page(serializers.Serializer[Any]):
    count = serializers.IntegerField()
    page = serializers.IntegerField()
    page_size = serializers.IntegerField()
    has_next = serializers.BooleanField()
    degraded = serializers.BooleanField(
        help_text="True when search answered from the database fallback (Elasticsearch down)."
    )


class FreelancerMatchPage(_Page):
    results = FreelancerHit(many=True)


class GigMatchPage(_Page):
    results = GigHit(many=True)


class FreelancerSearchPage(FreelancerMatchPage):
    facets = serializers.DictField(child=FacetBucket(many=True))


class GigSearchPage(GigMatchPage):
    facets = serializers.DictField(child=FacetBucket(many=True))
