"""Query parameters of `GET /gigs/`."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from common.models import spoken_language_choices
from common.money import CURRENCY_CHOICES, MAX_AMOUNT_MINOR
from marketplace.gigs.models import EngagementType, Gig, GigLanguage, GigStatus, LocationType
from marketplace.gigs.selectors import gig_has_skill_q

# Ten skills cover any real search; more would only lengthen the IN list.
MAX_SKILL_FILTERS = 10


class SlugListField(forms.Field):
    """A repeated query parameter (`?skill=a&skill=b`) of slugs."""

    widget = forms.SelectMultiple

    def to_python(self, value: Any) -> list[str]:
        values = [str(v).strip().lower() for v in (value or []) if str(v).strip()]
        if len(values) > MAX_SKILL_FILTERS:
            raise ValidationError(
                _("At most %(n)d values."), params={"n": MAX_SKILL_FILTERS}, code="max_length"
            )
        for slug in values:
            if len(slug) > 80:
                raise ValidationError(_("Not a slug."), code="invalid")
            validate_slug(slug)
        return values


@extend_schema_field({"type": "array", "items": {"type": "string"}})
class SlugListFilter(django_filters.Filter):
    field_class = SlugListField


class AmountFilter(django_filters.NumberFilter):
    """Whole minor units in 0 … MAX_AMOUNT_MINOR, so no value can overflow a bigint column."""

    field_class = forms.IntegerField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", MAX_AMOUNT_MINOR)
        super().__init__(*args, **kwargs)


class GigFilter(django_filters.FilterSet):
    scope = django_filters.ChoiceFilter(
        choices=[("mine", "mine")],
        method="filter_noop",
        help_text="`mine`: every gig of your firms, in any status (sign in first).",
    )
    status = django_filters.ChoiceFilter(
        choices=GigStatus.choices, help_text="Useful with `scope=mine`; public gigs are open."
    )
    skill = SlugListFilter(
        method="filter_skill", help_text="Skill slug; repeat for any of several skills."
    )
    engagement_type = django_filters.ChoiceFilter(choices=EngagementType.choices)
    currency = django_filters.ChoiceFilter(choices=CURRENCY_CHOICES)
    budget_min_minor = AmountFilter(
        method="filter_budget_min", help_text="Gigs whose budget reaches at least this amount."
    )
    budget_max_minor = AmountFilter(
        method="filter_budget_max", help_text="Gigs whose budget starts at most at this amount."
    )
    language = django_filters.ChoiceFilter(
        choices=spoken_language_choices, method="filter_language"
    )
    location_type = django_filters.ChoiceFilter(choices=LocationType.choices)
    country = django_filters.CharFilter(
        method="filter_country",
        max_length=2,
        help_text="ISO 3166-1 alpha-2; the firm's country or the gig's location.",
    )
    q = django_filters.CharFilter(
        method="filter_text", max_length=200, help_text="Words in the title or description."
    )
    firm = django_filters.CharFilter(
        field_name="firm__slug", max_length=80, help_text="Slug of the posting firm."
    )

    class Meta:
        model = Gig
        fields: list[str] = []

    @extend_schema_field(OpenApiTypes.STR)
    def filter_noop(self, gigs: QuerySet[Gig], name: str, value: str) -> QuerySet[Gig]:
        return gigs  # the view picks the base queryset from `scope`

    def filter_skill(self, gigs: QuerySet[Gig], name: str, value: list[str]) -> QuerySet[Gig]:
        return gigs.filter(gig_has_skill_q(slugs=value)) if value else gigs

    def filter_budget_min(self, gigs: QuerySet[Gig], name: str, value: int) -> QuerySet[Gig]:
        return gigs.filter(budget_max_minor__gte=value)

    def filter_budget_max(self, gigs: QuerySet[Gig], name: str, value: int) -> QuerySet[Gig]:
        return gigs.filter(budget_min_minor__lte=value)

    def filter_language(self, gigs: QuerySet[Gig], name: str, value: str) -> QuerySet[Gig]:
        return gigs.filter(Exists(GigLanguage.objects.filter(gig_id=OuterRef("pk"), code=value)))

    def filter_country(self, gigs: QuerySet[Gig], name: str, value: str) -> QuerySet[Gig]:
        code = value.upper()
        return gigs.filter(Q(firm__country=code) | Q(location_country=code))

    def filter_text(self, gigs: QuerySet[Gig], name: str, value: str) -> QuerySet[Gig]:
        text = value.strip()
        if not text:
            return gigs
        return gigs.filter(Q(title__icontains=text) | Q(description__icontains=text))
