from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from common.models import TimestampedModel
from marketplace.contracts.models import ContractSide


class Review(TimestampedModel):
    """One party's review of the other after a contract ended (see docs/trust.md).

    `author_side` says who wrote it: `firm` (a member acting for the hiring firm) reviews the
    freelancer, `freelancer` reviews the firm. `firm` and `freelancer` copy the contract's
    parties so aggregates are one indexed filter. The review stays blind (only its author and
    staff see it) until `published_at` is set.
    """

    contract = models.ForeignKey(
        "marketplace.Contract", on_delete=models.PROTECT, related_name="reviews"
    )
    author_side = models.CharField(max_length=10, choices=ContractSide.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    firm = models.ForeignKey("marketplace.Firm", on_delete=models.PROTECT, related_name="+")
    freelancer = models.ForeignKey(
        "marketplace.FreelancerProfile", on_delete=models.PROTECT, related_name="+"
    )
    rating = models.PositiveSmallIntegerField()
    text = models.TextField(blank=True, max_length=2000)
    # Only for the platform: staff read it, the reviewed party never does.
    private_feedback = models.TextField(blank=True, max_length=2000)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # Set by moderation: a hidden review leaves the API and the aggregates.
    hidden_at = models.DateTimeField(null=True, blank=True)
    moderation_reason = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ("-created_at",)
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "author_side"], name="review_one_per_side_per_contract"
            ),
            models.CheckConstraint(
                condition=Q(rating__gte=1) & Q(rating__lte=5), name="review_rating_1_to_5"
            ),
        ]
        indexes = [
            models.Index(fields=["freelancer", "author_side"], name="review_about_freelancer"),
            models.Index(fields=["firm", "author_side"], name="review_about_firm"),
        ]

    def __str__(self) -> str:
        return f"{self.contract_id}:{self.author_side}:{self.rating}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None
