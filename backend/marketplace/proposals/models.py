from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.models import TimestampedModel
from common.money import CURRENCY_CHOICES


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    PROPOSED = "proposed", _("Answered with a proposal")
    DECLINED = "declined", _("Declined")
    REVOKED = "revoked", _("Revoked")


class Invitation(TimestampedModel):
    """A firm asks a freelancer to propose on a gig."""

    gig = models.ForeignKey("marketplace.Gig", on_delete=models.CASCADE, related_name="invitations")
    freelancer = models.ForeignKey(
        "marketplace.FreelancerProfile", on_delete=models.CASCADE, related_name="invitations"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    message = models.TextField(blank=True, max_length=2000)
    status = models.CharField(
        max_length=10, choices=InvitationStatus.choices, default=InvitationStatus.PENDING
    )
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at",)
        constraints = [
            models.UniqueConstraint(fields=["gig", "freelancer"], name="invitation_unique"),
        ]

    def __str__(self) -> str:
        return f"invite {self.freelancer_id} → gig {self.gig_id}"


class ProposalStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


ACTIVE_PROPOSAL_STATUSES = (
    ProposalStatus.SUBMITTED,
    ProposalStatus.SHORTLISTED,
    ProposalStatus.ACCEPTED,
)


class Proposal(TimestampedModel):
    """A freelancer's offer on a gig: price (total, per hour or per month) and a cover letter."""

    gig = models.ForeignKey("marketplace.Gig", on_delete=models.CASCADE, related_name="proposals")
    freelancer = models.ForeignKey(
        "marketplace.FreelancerProfile", on_delete=models.CASCADE, related_name="proposals"
    )
    cover_letter = models.TextField(max_length=5000)
    price_minor = models.PositiveBigIntegerField()
    currency = models.CharField(max_length=3, choices=CURRENCY_CHOICES)
    estimated_duration_days = models.PositiveSmallIntegerField()
    status = models.CharField(
        max_length=12, choices=ProposalStatus.choices, default=ProposalStatus.SUBMITTED
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at",)
        constraints = [
            # One active proposal per freelancer per gig; a withdrawn or declined one may be
            # followed by a new one.
            models.UniqueConstraint(
                fields=["gig", "freelancer"],
                condition=Q(status__in=["submitted", "shortlisted", "accepted"]),
                name="proposal_one_active_per_freelancer",
            ),
            models.CheckConstraint(condition=Q(price_minor__gt=0), name="proposal_price_positive"),
        ]

    def __str__(self) -> str:
        return f"proposal {self.freelancer_id} → gig {self.gig_id}"
