"""Shapes of reviews, rating summaries and firm reputation; the rules live in reviews.services,
reviews.selectors and firms.reputation. Profiles, firms and gigs embed the summaries."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from marketplace.contracts.models import ContractSide
from marketplace.firms.reputation import FirmReputation
from marketplace.reviews import services
from marketplace.reviews.models import Review
from marketplace.reviews.selectors import RatingSummary


class RatingSummaryOutput(serializers.Serializer[RatingSummary]):
    """From published reviews only."""

    average = serializers.DecimalField(
        max_digits=3,
        decimal_places=2,
        coerce_to_string=False,
        allow_null=True,
        help_text="1.00–5.00, rounded half up; null without reviews.",
    )
    count = serializers.IntegerField()
    distribution = serializers.SerializerMethodField(
        help_text='Reviews per star: {"1": n … "5": n}.'
    )

    @extend_schema_field(serializers.DictField(child=serializers.IntegerField()))
    def get_distribution(self, summary: RatingSummary) -> dict[str, int]:
        return {str(stars): n for stars, n in sorted(summary.distribution.items())}


class ReviewerOutput(serializers.Serializer[Review]):
    """The firm (when `author_side` is firm) or the freelancer who wrote the review."""

    name = serializers.SerializerMethodField()
    slug = serializers.SerializerMethodField(help_text="The firm's or the freelancer's slug.")

    def get_name(self, review: Review) -> str:
        if review.author_side == ContractSide.FIRM:
            return review.firm.name
        return review.freelancer.user.full_name

    def get_slug(self, review: Review) -> str:
        if review.author_side == ContractSide.FIRM:
            return review.firm.slug
        return review.freelancer.slug


class ReviewOutput(serializers.Serializer[Review]):
    id = serializers.IntegerField()
    author_side = serializers.ChoiceField(
        choices=ContractSide.choices,
        help_text="firm: the firm reviews the freelancer; freelancer: the freelancer the firm.",
    )
    reviewer = ReviewerOutput(source="*")
    rating = serializers.IntegerField(min_value=1, max_value=5)
    text = serializers.CharField()
    published_at = serializers.DateTimeField(
        allow_null=True, help_text="Null while the review is still blind."
    )
    private_feedback = serializers.SerializerMethodField(
        help_text="Only for its author and staff; null for everyone else."
    )

    def get_private_feedback(self, review: Review) -> str | None:
        user = self.context.get("user")
        if user is not None and (user.is_staff or review.author_id == user.pk):
            return review.private_feedback
        return None


class ContractReviewsOutput(serializers.Serializer[Any]):
    my_side = serializers.ChoiceField(choices=ContractSide.choices, allow_null=True)
    mine = ReviewOutput(allow_null=True, help_text="Your review (for staff: the firm's).")
    theirs = ReviewOutput(
        allow_null=True,
        help_text="The other side's review, once published (staff: the freelancer's, always).",
    )
    counterpart_has_reviewed = serializers.BooleanField(
        help_text="Whether the other side has written (never what, until published)."
    )
    window_closes_at = serializers.DateTimeField(
        allow_null=True, help_text="Last moment to review; the blind period ends then too."
    )


class ReviewCreateInput(serializers.Serializer[Any]):
    rating = serializers.IntegerField(min_value=1, max_value=5)
    text = serializers.CharField(
        max_length=services.TEXT_MAX_LENGTH, required=False, allow_blank=True, default=""
    )
    private_feedback = serializers.CharField(
        max_length=services.TEXT_MAX_LENGTH,
        required=False,
        allow_blank=True,
        default="",
        help_text="For the platform only; the other side never sees it.",
    )


# --- firm reputation ---------------------------------------------------------------------------


class OnTimeShareOutput(serializers.Serializer[Any]):
    measured = serializers.IntegerField(
        help_text="Milestones whose deadline has passed or was met."
    )
    on_time = serializers.IntegerField()
    percent = serializers.IntegerField(
        allow_null=True, help_text="Whole percent; null when too few milestones to tell."
    )


class FirmReputationOutput(serializers.Serializer[FirmReputation]):
    """What freelancers see of a firm before proposing (docs/trust.md defines each figure)."""

    is_new = serializers.BooleanField(help_text="Too few ended contracts to judge the firm.")
    note = serializers.SerializerMethodField(help_text="Shown when the firm is new.")
    rating = RatingSummaryOutput(help_text="From freelancers' published reviews.")
    contracts_ended = serializers.IntegerField()
    contracts_completed = serializers.IntegerField()
    contracts_cancelled = serializers.IntegerField()
    contracts_cancelled_by_firm = serializers.IntegerField()
    contracts_disputed = serializers.IntegerField(
        help_text="Contracts with at least one milestone that went into dispute."
    )
    milestones_funded_on_time = OnTimeShareOutput()
    milestones_released_on_time = OnTimeShareOutput()

    def get_note(self, reputation: FirmReputation) -> str:
        return _("New firm, not enough history yet.") if reputation.is_new else ""
