"""Query parameters of the public freelancer list. Bad values answer 400, never 500."""

from __future__ import annotations

from typing import Any

import django_filters as filters
from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from drf_spectacular.utils import extend_schema_field

from common.models import spoken_language_choices
from common.money import CURRENCY_CHOICES, MAX_AMOUNT_MINOR
from marketplace.profiles.models import FreelancerProfile, ProfileLanguage, ProfileSkill
from marketplace.skills.models import Skill

# A search box, not a document: 200 characters is longer than any sensible query.
QUERY_MAX_LENGTH = 200


class IntegerFilter(filters.NumberFilter):
    """Whole numbers only: minor units and hours have no fractions."""

    field_class = forms.IntegerField


class FreelancerFilterForm(forms.Form):
    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("max_hourly_rate_minor") is not None and not data.get("currency"):
            # Rates in different currencies cannot be compared without exchange rates.
            self.add_error("currency", _("Give the currency of max_hourly_rate_minor."))
        return data


class FreelancerFilter(filters.FilterSet):
    skill = extend_schema_field(
        {
            "type": "string",
            "description": "Skill slug; repeat the parameter to match any of several skills.",
        }
    )(
        filters.ModelMultipleChoiceFilter(
            queryset=Skill.objects.filter(is_active=True),
            to_field_name="slug",
            method="filter_skill",
        )
    )
    # Documented as a pattern, not a 250-value enum; unknown codes still answer 400.
    country = extend_schema_field(
        {"type": "string", "pattern": "^[A-Z]{2}$", "description": "ISO 3166 alpha-2, e.g. DE."}
    )(filters.ChoiceFilter(field_name="country", choices=[(c, c) for c, _name in countries]))
    language = extend_schema_field(
        {
            "type": "string",
            "pattern": "^[a-z]{2}$",
            "description": "ISO 639-1 code of a language the freelancer speaks, e.g. de.",
        }
    )(filters.ChoiceFilter(choices=spoken_language_choices(), method="filter_language"))
    max_hourly_rate_minor = IntegerFilter(
        field_name="hourly_rate_minor",
        lookup_expr="lte",
        min_value=0,
        max_value=MAX_AMOUNT_MINOR,
        help_text="Highest hourly rate, in minor units of `currency` (required with it).",
    )
    currency = filters.ChoiceFilter(
        field_name="rate_currency",
        choices=CURRENCY_CHOICES,
        help_text="Currency of the freelancer's rates.",
    )
    available = IntegerFilter(
        field_name="hours_per_week",
        lookup_expr="gte",
        min_value=0,
        max_value=80,
        help_text="At least this many hours a week.",
    )
    q = filters.CharFilter(
        method="filter_text",
        max_length=QUERY_MAX_LENGTH,
        help_text="Words in the headline or bio.",
    )

    class Meta:
        model = FreelancerProfile
        fields: list[str] = []
        form = FreelancerFilterForm

    def filter_skill(
        self, queryset: QuerySet[FreelancerProfile], name: str, value: Any
    ) -> QuerySet[FreelancerProfile]:
        if not value:
            return queryset
        # EXISTS rather than a join: no duplicate rows, so no DISTINCT under the cursor order.
        return queryset.filter(
            Exists(ProfileSkill.objects.filter(profile=OuterRef("pk"), skill__in=value))
        )

    def filter_language(
        self, queryset: QuerySet[FreelancerProfile], name: str, value: str
    ) -> QuerySet[FreelancerProfile]:
        return queryset.filter(
            Exists(ProfileLanguage.objects.filter(profile=OuterRef("pk"), code=value))
        )

    def filter_text(
        self, queryset: QuerySet[FreelancerProfile], name: str, value: str
    ) -> QuerySet[FreelancerProfile]:
        text = value.strip()
        if not text:
            return queryset
        return queryset.filter(Q(headline__icontains=text) | Q(bio__icontains=text))
