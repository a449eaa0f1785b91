"""Payments in Django admin: read-only money rows, a disputes queue whose actions call
`dispute_resolve`, and the audit log."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from common.errors import DomainError
from marketplace.accounts.roles import StaffRole, user_has_staff_role
from payments.escrow.chargebacks import chargeback_evidence_submit
from payments.escrow.models import (
    Chargeback,
    DisputedPayment,
    EscrowState,
    MilestonePayment,
    PaymentAudit,
    PayoutAccount,
    ProviderOperation,
)
from payments.escrow.services import dispute_resolve
from payments.ledger.models import LedgerEntry, LedgerTransaction
from payments.money import granularity
from payments.webhooks.models import WebhookEvent


class ReadOnlyAdmin(admin.ModelAdmin[Any]):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(MilestonePayment)
class MilestonePaymentAdmin(ReadOnlyAdmin):
    list_display = ("milestone", "state", "amount_minor", "currency", "fee_minor", "refunded_minor")
    list_filter = ("state", "provider", "currency")
    search_fields = ("payment_intent_id", "charge_id")


class ResolveActionForm(ActionForm):
    reason = forms.CharField(
        required=False,
        max_length=500,
        label=_("Reason (required to resolve; kept in the audit log)"),
    )
    refund_minor = forms.IntegerField(
        required=False,
        min_value=1,
        label=_("Split: refund to the client (minor units; empty = half)"),
    )


def _split_refund(payment: MilestonePayment, request: HttpRequest) -> int:
    typed = str(request.POST.get("refund_minor") or "").strip()
    if typed.isdigit():
        return int(typed)
    half = (payment.amount_minor - payment.refunded_minor) // 2
    return half - half % granularity(payment.currency)


def _resolve(outcome: str, request: HttpRequest, queryset: QuerySet[Any]) -> None:
    reason = str(request.POST.get("reason") or "")
    for payment in queryset:
        try:
            refund = _split_refund(payment, request) if outcome == "split" else 0
            dispute_resolve(
                payment=payment,
                by=request.user,  # type: ignore[arg-type]
                outcome=outcome,
                reason=reason,
                refund_minor=refund,
            )
        except DomainError as exc:
            messages.error(request, f"milestone {payment.milestone_id}: {exc.code}: {exc.message}")
        else:
            messages.success(request, f"milestone {payment.milestone_id}: {outcome} started")


# Only finance staff see (and may run) the money actions; the services check again.
@admin.action(description=_("Resolve: release to the freelancer"), permissions=["finance"])
def resolve_release(modeladmin: Any, request: HttpRequest, queryset: QuerySet[Any]) -> None:
    _resolve("release", request, queryset)


@admin.action(description=_("Resolve: refund the client"), permissions=["finance"])
def resolve_refund(modeladmin: Any, request: HttpRequest, queryset: QuerySet[Any]) -> None:
    _resolve("refund", request, queryset)


@admin.action(
    description=_("Resolve: split (refund the amount typed, release the rest)"),
    permissions=["finance"],
)
def resolve_split(modeladmin: Any, request: HttpRequest, queryset: QuerySet[Any]) -> None:
    _resolve("split", request, queryset)


@admin.action(
    description=_("Chargeback: submit the evidence to the bank (final)"), permissions=["finance"]
)
def chargeback_submit(modeladmin: Any, request: HttpRequest, queryset: QuerySet[Any]) -> None:
    reason = str(request.POST.get("reason") or "")
    for payment in queryset:
        try:
            chargeback_evidence_submit(
                payment=payment,
                by=request.user,  # type: ignore[arg-type]
                reason=reason,
            )
        except DomainError as exc:
            messages.error(request, f"milestone {payment.milestone_id}: {exc.code}: {exc.message}")
        else:
            messages.success(request, f"milestone {payment.milestone_id}: evidence submitted")


@admin.register(DisputedPayment)
class DisputeQueueAdmin(ReadOnlyAdmin):
    list_display = ("milestone", "amount_minor", "currency", "resume_state", "updated_at")
    actions = (resolve_release, resolve_refund, resolve_split, chargeback_submit)
    action_form = ResolveActionForm

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return super().get_queryset(request).filter(state=EscrowState.DISPUTED)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Every staff member may look at the queue; acting on it needs the finance role.
        return bool(request.user.is_staff)

    def has_finance_permission(self, request: HttpRequest) -> bool:
        return user_has_staff_role(user=request.user, role=StaffRole.FINANCE)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [f.name for f in MilestonePayment._meta.fields]


@admin.register(ProviderOperation)
class ProviderOperationAdmin(ReadOnlyAdmin):
    list_display = ("key", "kind", "amount_minor", "status", "provider_id", "error")
    list_filter = ("kind", "status")


@admin.register(LedgerTransaction)
class LedgerTransactionAdmin(ReadOnlyAdmin):
    list_display = ("key", "kind", "milestone", "created_at")
    list_filter = ("kind",)


@admin.register(LedgerEntry)
class LedgerEntryAdmin(ReadOnlyAdmin):
    list_display = ("transaction", "account", "amount_minor", "currency", "milestone")
    list_filter = ("account", "currency")


@admin.register(Chargeback)
class ChargebackAdmin(ReadOnlyAdmin):
    list_display = ("dispute_id", "payment", "amount_minor", "status", "submitted_at")
    list_filter = ("status",)


@admin.register(PayoutAccount)
class PayoutAccountAdmin(ReadOnlyAdmin):
    list_display = ("user", "account_id", "transfers_active", "payouts_enabled")


@admin.register(PaymentAudit)
class PaymentAuditAdmin(ReadOnlyAdmin):
    list_display = ("payment", "action", "from_state", "to_state", "actor", "created_at")
    list_filter = ("action",)


@admin.register(WebhookEvent)
class WebhookEventAdmin(ReadOnlyAdmin):
    list_display = ("id", "type", "endpoint", "attempts", "processed_at", "error")
    list_filter = ("type", "endpoint")
