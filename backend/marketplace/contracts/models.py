from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.models import TimestampedModel
from common.money import CURRENCY_CHOICES


class ContractStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


class ContractSide(models.TextChoices):
    """The two parties of a contract: the hiring firm (any of its members) and the freelancer."""

    FIRM = "firm", _("Firm")
    FREELANCER = "freelancer", _("Freelancer")


class Contract(TimestampedModel):
    """Created when a firm accepts a proposal; `terms` freezes what was agreed."""

    proposal = models.OneToOneField(
        "marketplace.Proposal", on_delete=models.PROTECT, related_name="contract"
    )
    gig = models.ForeignKey("marketplace.Gig", on_delete=models.PROTECT, related_name="contracts")
    firm = models.ForeignKey("marketplace.Firm", on_delete=models.PROTECT, related_name="contracts")
    freelancer = models.ForeignKey(
        "marketplace.FreelancerProfile", on_delete=models.PROTECT, related_name="contracts"
    )
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(max_length=140)
    terms = models.JSONField()
    currency = models.CharField(max_length=3, choices=CURRENCY_CHOICES)
    status = models.CharField(
        max_length=10, choices=ContractStatus.choices, default=ContractStatus.ACTIVE
    )
    ended_at = models.DateTimeField(null=True, blank=True)
    # Which party cancelled (blank unless cancelled): firm reputation counts the firm's own.
    cancelled_by = models.CharField(max_length=10, choices=ContractSide.choices, blank=True)

    class Meta:
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return self.title


class MilestoneStatus(models.TextChoices):
    # The payments app owns the transitions after creation (funding, release, refunds).
    AWAITING_FUNDING = "awaiting_funding", _("Awaiting funding")
    FUNDING = "funding", _("Funding in progress")
    FUNDED = "funded", _("Funded")
    SUBMITTED = "submitted", _("Submitted")
    RELEASING = "releasing", _("Releasing")
    RELEASED = "released", _("Released")
    REFUNDING = "refunding", _("Refunding")
    REFUNDED = "refunded", _("Refunded")
    DISPUTED = "disputed", _("Disputed")
    CHARGED_BACK = "charged_back", _("Charged back")
    CANCELLED = "cancelled", _("Cancelled")


class Milestone(TimestampedModel):
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="milestones")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=140)
    description = models.TextField(blank=True, max_length=2000)
    amount_minor = models.PositiveBigIntegerField()
    currency = models.CharField(max_length=3, choices=CURRENCY_CHOICES)
    due_date = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=20, default=MilestoneStatus.AWAITING_FUNDING, choices=MilestoneStatus.choices
    )
    # When the escrow state first reached funded / submitted / released / disputed, recorded by
    # `milestone_set_payment_status`; firm reputation measures timeliness from them.
    funded_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    released_at = models.DateTimeField(null=True, blank=True)
    disputed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("contract_id", "position")
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "position"], name="milestone_position_unique"
            ),
            models.CheckConstraint(
                condition=Q(amount_minor__gt=0), name="milestone_amount_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.title
