from __future__ import annotations

from django.db import models
from django.db.models import Q

from common.models import TimestampedModel


class Endorsement(TimestampedModel):
    """A freelancer vouches for another's skill, optionally for work on one contract.

    Rows are never deleted: a withdrawal sets `withdrawn_at`, and the one-per-skill rule binds
    only active rows, so the endorser may endorse again later (the rules apply again then).
    """

    endorser = models.ForeignKey(
        "marketplace.FreelancerProfile", on_delete=models.CASCADE, related_name="endorsements_given"
    )
    endorsee = models.ForeignKey(
        "marketplace.FreelancerProfile",
        on_delete=models.CASCADE,
        related_name="endorsements_received",
    )
    skill = models.ForeignKey("marketplace.Skill", on_delete=models.PROTECT, related_name="+")
    # A contract of the endorsee the endorser witnessed (see docs/trust.md, "shared contract").
    contract = models.ForeignKey(
        "marketplace.Contract", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at",)
        constraints = [
            models.UniqueConstraint(
                fields=["endorser", "endorsee", "skill"],
                condition=Q(withdrawn_at__isnull=True),
                name="endorsement_one_active_per_skill",
            ),
            models.CheckConstraint(
                condition=~Q(endorser=models.F("endorsee")), name="endorsement_not_self"
            ),
        ]
        indexes = [
            models.Index(fields=["endorsee", "skill"], name="endorsement_endorsee_skill"),
        ]

    def __str__(self) -> str:
        return f"{self.endorser_id}→{self.endorsee_id}:{self.skill_id}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None
