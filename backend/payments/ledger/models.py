"""Double-entry ledger: append-only transactions whose entries sum to zero per currency.

Sign convention: an entry's amount is signed; every account's balance is the sum of its
entries. Accounts and what a positive balance means:
    escrow        money held for a milestone (funded, not yet released or refunded)
    client        the negative of what the client has paid in net (refunds bring it to 0)
    freelancer    what was paid out to the freelancer for a milestone
    platform_fee  the platform's fee earned on released milestones
    loss          (negative) released money lost to a chargeback, until clawed back
Posted rows cannot change: `LedgerQuerySet` refuses updates and deletes in Python, and a
PostgreSQL trigger (migration 0001) refuses them in the database.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class LedgerAccount(models.TextChoices):
    ESCROW = "escrow", _("Escrow")
    CLIENT = "client", _("Client")
    FREELANCER = "freelancer", _("Freelancer")
    PLATFORM_FEE = "platform_fee", _("Platform fee")
    # (negative) released money a lost chargeback took from the platform, until clawed back
    LOSS = "loss", _("Chargeback loss")


class LedgerKind(models.TextChoices):
    FUNDING = "funding", _("Funding")
    RELEASE = "release", _("Release")
    REFUND = "refund", _("Refund")
    REVERSAL = "reversal", _("Transfer reversal")
    CHARGEBACK = "chargeback", _("Chargeback")
    CLAWBACK = "clawback", _("Chargeback clawback")


class AppendOnlyError(Exception):
    """Raised when code tries to change a posted ledger or audit row."""


class LedgerQuerySet(models.QuerySet[Any]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("posted rows are append-only")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("posted rows are append-only")


class AppendOnlyModel(models.Model):
    objects = LedgerQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("posted rows are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("posted rows are append-only")


class LedgerTransaction(AppendOnlyModel):
    # Deterministic key of the business event ("op:12", "fund:ms:7"): posting twice is a no-op.
    key = models.CharField(max_length=120, unique=True)
    kind = models.CharField(max_length=12, choices=LedgerKind.choices)
    milestone = models.ForeignKey(
        "marketplace.Milestone", on_delete=models.PROTECT, related_name="+"
    )
    contract = models.ForeignKey("marketplace.Contract", on_delete=models.PROTECT, related_name="+")
    memo = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("created_at", "id")

    def __str__(self) -> str:
        return f"{self.kind} {self.key}"


class LedgerEntry(AppendOnlyModel):
    transaction = models.ForeignKey(
        LedgerTransaction, on_delete=models.PROTECT, related_name="entries"
    )
    account = models.CharField(max_length=12, choices=LedgerAccount.choices)
    amount_minor = models.BigIntegerField()
    currency = models.CharField(max_length=3)
    # Denormalised so balances per milestone, contract, freelancer and firm are plain sums.
    milestone = models.ForeignKey(
        "marketplace.Milestone", on_delete=models.PROTECT, related_name="+"
    )
    contract = models.ForeignKey("marketplace.Contract", on_delete=models.PROTECT, related_name="+")
    freelancer_user = models.ForeignKey(
        "marketplace.User", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ("id",)
        indexes = [
            models.Index(fields=["account", "milestone"]),
            models.Index(fields=["account", "freelancer_user"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(amount_minor=0), name="ledger_entry_amount_nonzero"
            )
        ]

    def __str__(self) -> str:
        return f"{self.account} {self.amount_minor} {self.currency}"
