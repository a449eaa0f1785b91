"""Escrow rows: one payment per milestone, provider operations (intent rows), payout accounts,
the audit log and stored API idempotency keys."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from payments.ledger.models import AppendOnlyModel


class EscrowState(models.TextChoices):
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


class MilestonePayment(models.Model):
    milestone = models.OneToOneField(
        "marketplace.Milestone", on_delete=models.PROTECT, related_name="payment"
    )
    state = models.CharField(
        max_length=20, choices=EscrowState.choices, default=EscrowState.AWAITING_FUNDING
    )
    # Where a busy or frozen state returns to (releasing/refunding/disputed → funded/submitted…).
    resume_state = models.CharField(max_length=20, choices=EscrowState.choices, blank=True)
    provider = models.CharField(max_length=10)
    amount_minor = models.BigIntegerField()
    currency = models.CharField(max_length=3)
    fee_minor = models.BigIntegerField(default=0)
    payout_minor = models.BigIntegerField(default=0)
    refunded_minor = models.BigIntegerField(default=0)
    payment_intent_id = models.CharField(max_length=120, blank=True, db_index=True)
    client_secret = models.CharField(max_length=200, blank=True)
    charge_id = models.CharField(max_length=120, blank=True, db_index=True)
    funded_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    released_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    hold_warned_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("-id",)
        constraints = [
            models.CheckConstraint(
                condition=models.Q(refunded_minor__gte=0)
                & models.Q(refunded_minor__lte=models.F("amount_minor")),
                name="payment_refund_within_amount",
            )
        ]

    def __str__(self) -> str:
        return f"milestone {self.milestone_id}: {self.state}"

    @property
    def transfer_group(self) -> str:
        return f"ms_{self.milestone_id}"


class DisputedPayment(MilestonePayment):
    """The disputes queue in admin: milestones frozen until an admin resolves them."""

    class Meta:
        proxy = True
        verbose_name = _("disputed milestone")


class OperationKind(models.TextChoices):
    PAYMENT_INTENT = "payment_intent", _("Payment intent")
    TRANSFER = "transfer", _("Transfer")
    REFUND = "refund", _("Refund")
    REVERSAL = "reversal", _("Transfer reversal")
    # A transfer reversal after a lost chargeback (booked against the loss, not the escrow).
    CLAWBACK = "clawback", _("Chargeback clawback")
    EVIDENCE = "dispute_evidence", _("Chargeback evidence")


class OperationStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed")
    UNKNOWN = "unknown", _("Unknown (reconcile before retrying)")


class ProviderOperation(models.Model):
    """A provider call we intend to make, written before the call (intent row).

    The idempotency key sent to the provider is `<key>:<attempt>`: a retry after an ambiguous
    failure reuses it; `attempt` moves on only after reconciliation proved nothing happened.
    """

    payment = models.ForeignKey(MilestonePayment, on_delete=models.PROTECT, related_name="ops")
    kind = models.CharField(max_length=16, choices=OperationKind.choices)
    key = models.CharField(max_length=120, unique=True)
    attempt = models.PositiveSmallIntegerField(default=1)
    amount_minor = models.BigIntegerField()
    # Part of a refund taken back from the freelancer / from the platform fee (after release).
    fee_part_minor = models.BigIntegerField(default=0)
    status = models.CharField(
        max_length=10, choices=OperationStatus.choices, default=OperationStatus.PENDING
    )
    provider_id = models.CharField(max_length=120, blank=True)
    # The operation that must succeed first (a reversal before its refund).
    after = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT)
    error = models.CharField(max_length=200, blank=True)
    # What the call sends beyond the amount, fixed when the row is written (dispute evidence),
    # so a retry under the same idempotency key sends the same parameters.
    payload = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("id",)

    def __str__(self) -> str:
        return f"{self.kind} {self.key} {self.status}"

    @property
    def idempotency_key(self) -> str:
        return f"{self.key}:{self.attempt}"


class Chargeback(models.Model):
    """A card dispute on a milestone's charge (Stripe `du_…`/`dp_…`), as last fetched, and the
    evidence the parties gave for it (Stripe's text evidence fields)."""

    payment = models.ForeignKey(
        MilestonePayment, on_delete=models.PROTECT, related_name="chargebacks"
    )
    dispute_id = models.CharField(max_length=120, unique=True)
    amount_minor = models.BigIntegerField()
    status = models.CharField(max_length=32)
    evidence = models.JSONField(default=dict, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("-id",)

    def __str__(self) -> str:
        return f"{self.dispute_id} {self.status}"


class PayoutAccount(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="payout_account"
    )
    provider = models.CharField(max_length=10)
    account_id = models.CharField(max_length=120, unique=True)
    # ISO country of the connected account (from the provider); decides `on_behalf_of`.
    country = models.CharField(max_length=2, blank=True)
    card_payments_active = models.BooleanField(default=False)
    transfers_active = models.BooleanField(default=False)
    payouts_enabled = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.account_id

    @property
    def ready(self) -> bool:
        return self.transfers_active and self.payouts_enabled


class PaymentAudit(AppendOnlyModel):
    """Who did what to a milestone's money, and why: append-only like the ledger (a Python
    guard here, a PostgreSQL trigger in migration 0003)."""

    payment = models.ForeignKey(MilestonePayment, on_delete=models.PROTECT, related_name="audit")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(max_length=40)
    from_state = models.CharField(max_length=20, blank=True)
    to_state = models.CharField(max_length=20, blank=True)
    details = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("id",)

    def __str__(self) -> str:
        return f"{self.action} {self.from_state}→{self.to_state}"


class IdempotencyRecord(models.Model):
    """The first response to an `Idempotency-Key` on our fund/release/refund endpoints."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    request_hash = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField(null=True)
    body = models.JSONField(null=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="payments_idempotency_unique")
        ]

    def __str__(self) -> str:
        return self.key
