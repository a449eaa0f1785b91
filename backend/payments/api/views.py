"""Payments endpoints: a milestone's escrow (quote, fund, submit, release, refund, dispute,
cancel, history, receipts) and the freelancer's payout account."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from marketplace.api_base import signed_in_user
from marketplace.contracts.models import Milestone
from payments.api.idempotency import HEADER, idempotent
from payments.api.serializers import (
    AuditOutput,
    LinkOutput,
    PaymentOutput,
    PayoutAccountOutput,
    ReceiptOutput,
)
from payments.escrow import services
from payments.escrow.chargebacks import EVIDENCE_FIELDS, FIELD_LIMIT, chargeback_evidence_add
from payments.escrow.payouts import payout_account_onboarding_link
from payments.escrow.state import is_client
from payments.providers import get_provider
from payments.selectors import (
    milestone_get_for_payments,
    payment_auto_release_at,
    payment_history,
    payment_of,
    payment_quote,
    payment_receipts,
    payout_account_of,
)

IDEMPOTENCY = OpenApiParameter(
    HEADER,
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="Same key and body replay the first response; another body → 409.",
)


def render_payment(request: Request, milestone: Milestone) -> Response:
    payment = payment_of(milestone=milestone)
    quote = payment_quote(milestone=milestone)
    provider = get_provider()
    show_secret = (
        payment is not None
        and payment.state == "funding"
        and bool(payment.client_secret)
        and is_client(milestone=milestone, user=signed_in_user(request))
    )
    data = {
        "milestone_id": milestone.pk,
        "state": payment.state if payment else milestone.status,
        "provider": payment.provider if payment else provider.name,
        "test_mode": provider.test_mode,
        "amount_minor": payment.amount_minor if payment else milestone.amount_minor,
        "currency": milestone.currency,
        "fee_minor": payment.fee_minor if payment and payment.funded_at else quote.fee_minor,
        "fee_bps": quote.fee_bps,
        "payout_minor": payment.payout_minor
        if payment and payment.funded_at
        else quote.payout_minor,
        "refunded_minor": payment.refunded_minor if payment else 0,
        "client_secret": payment.client_secret if show_secret and payment else None,
        "publishable_key": (settings.STRIPE_PUBLISHABLE_KEY or None)
        if provider.name == "stripe"
        else None,
        "funded_at": payment.funded_at if payment else None,
        "submitted_at": payment.submitted_at if payment else None,
        "released_at": payment.released_at if payment else None,
        "auto_release_at": payment_auto_release_at(payment=payment),
    }
    return Response(PaymentOutput(data).data)


class PaymentDetailView(APIView):
    permission_classes = (IsAuthenticated,)

    @extend_schema(summary="A milestone's escrow, with the fee quote", responses=PaymentOutput)
    def get(self, request: Request, milestone_id: int) -> Response:
        return render_payment(
            request, milestone_get_for_payments(milestone_id=milestone_id, user=request.user)
        )


class _PaymentActionView(APIView):
    """POST that moves a milestone's escrow; the lookup 404s first for strangers."""

    permission_classes = (IsAuthenticated,)
    throttle_scope = "writes"
    idempotent = False

    def act(self, request: Request, milestone: Milestone) -> Any:
        raise NotImplementedError

    def post(self, request: Request, milestone_id: int) -> Response:
        milestone = milestone_get_for_payments(milestone_id=milestone_id, user=request.user)

        def act() -> None:
            self.act(request, milestone)

        def render() -> Response:
            return render_payment(request, milestone)

        if not self.idempotent:
            act()
            return render()
        scope = f"{type(self).__name__}:{milestone_id}"
        return idempotent(request, scope=scope, act=act, render=render)


class FundView(_PaymentActionView):
    idempotent = True

    @extend_schema(
        summary="Fund a milestone (hiring firm)",
        description="Returns `client_secret` for Stripe.js while funding; offline, the payment "
        "succeeds at once (test mode).",
        request=None,
        parameters=[IDEMPOTENCY],
        responses=PaymentOutput,
    )
    def post(self, request: Request, milestone_id: int) -> Response:
        return super().post(request, milestone_id)

    def act(self, request: Request, milestone: Milestone) -> Any:
        return services.milestone_fund(milestone=milestone, by=signed_in_user(request))


class SubmitView(_PaymentActionView):
    @extend_schema(summary="Submit the work (freelancer)", request=None, responses=PaymentOutput)
    def post(self, request: Request, milestone_id: int) -> Response:
        return super().post(request, milestone_id)

    def act(self, request: Request, milestone: Milestone) -> Any:
        return services.milestone_submit(milestone=milestone, by=signed_in_user(request))


class ReleaseView(_PaymentActionView):
    idempotent = True

    @extend_schema(
        summary="Release the escrow to the freelancer (hiring firm)",
        request=None,
        parameters=[IDEMPOTENCY],
        responses=PaymentOutput,
    )
    def post(self, request: Request, milestone_id: int) -> Response:
        return super().post(request, milestone_id)

    def act(self, request: Request, milestone: Milestone) -> Any:
        return services.milestone_release(milestone=milestone, by=signed_in_user(request))


class RefundView(_PaymentActionView):
    idempotent = True

    class RefundInput(serializers.Serializer[dict[str, Any]]):
        amount_minor = serializers.IntegerField(
            required=False, min_value=1, help_text="Default: all that is still refundable."
        )

    @extend_schema(
        summary="Refund the client (all or part)",
        request=RefundInput,
        parameters=[IDEMPOTENCY],
        responses=PaymentOutput,
    )
    def post(self, request: Request, milestone_id: int) -> Response:
        return super().post(request, milestone_id)

    def act(self, request: Request, milestone: Milestone) -> Any:
        data = self.RefundInput(data=request.data)
        data.is_valid(raise_exception=True)
        return services.milestone_refund(
            milestone=milestone,
            by=signed_in_user(request),
            amount_minor=data.validated_data.get("amount_minor"),
        )


class DisputeView(_PaymentActionView):
    class DisputeInput(serializers.Serializer[dict[str, Any]]):
        reason = serializers.CharField(max_length=2000)

    @extend_schema(
        summary="Open a dispute (either party)", request=DisputeInput, responses=PaymentOutput
    )
    def post(self, request: Request, milestone_id: int) -> Response:
        return super().post(request, milestone_id)

    def act(self, request: Request, milestone: Milestone) -> Any:
        data = self.DisputeInput(data=request.data)
        data.is_valid(raise_exception=True)
        return services.milestone_dispute_open(
            milestone=milestone, by=signed_in_user(request), reason=data.validated_data["reason"]
        )


class CancelView(_PaymentActionView):
    @extend_schema(summary="Cancel an unpaid milestone", request=None, responses=PaymentOutput)
    def post(self, request: Request, milestone_id: int) -> Response:
        return super().post(request, milestone_id)

    def act(self, request: Request, milestone: Milestone) -> Any:
        return services.milestone_cancel(milestone=milestone, by=signed_in_user(request))


class ChargebackEvidenceView(_PaymentActionView):
    class EvidenceInput(serializers.Serializer[dict[str, Any]]):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            for name in EVIDENCE_FIELDS:
                self.fields[name] = serializers.CharField(
                    required=False, allow_blank=True, max_length=FIELD_LIMIT
                )

    @extend_schema(
        summary="Give evidence against a card chargeback (either party)",
        description="Text fields of Stripe's dispute evidence: "
        + ", ".join(f"`{name}`" for name in EVIDENCE_FIELDS)
        + ". Staged on the dispute; finance staff submit it to the bank.",
        request=EvidenceInput,
        responses=PaymentOutput,
    )
    def post(self, request: Request, milestone_id: int) -> Response:
        return super().post(request, milestone_id)

    def act(self, request: Request, milestone: Milestone) -> Any:
        data = self.EvidenceInput(data=request.data)
        data.is_valid(raise_exception=True)
        return chargeback_evidence_add(
            milestone=milestone, by=signed_in_user(request), evidence=dict(data.validated_data)
        )


class HistoryView(APIView):
    permission_classes = (IsAuthenticated,)

    @extend_schema(summary="A milestone's payment history", responses=AuditOutput(many=True))
    def get(self, request: Request, milestone_id: int) -> Response:
        milestone = milestone_get_for_payments(milestone_id=milestone_id, user=request.user)
        return Response(AuditOutput(payment_history(milestone=milestone), many=True).data)


class ReceiptsView(APIView):
    permission_classes = (IsAuthenticated,)

    @extend_schema(
        summary="A milestone's receipts (ledger transactions)", responses=ReceiptOutput(many=True)
    )
    def get(self, request: Request, milestone_id: int) -> Response:
        milestone = milestone_get_for_payments(milestone_id=milestone_id, user=request.user)
        test_mode = get_provider().test_mode
        rows = [
            {
                "id": txn.pk,
                "kind": txn.kind,
                "memo": txn.memo,
                "created_at": txn.created_at,
                "entries": list(txn.entries.all()),
                "test_mode": test_mode,
            }
            for txn in payment_receipts(milestone=milestone)
        ]
        return Response(ReceiptOutput(rows, many=True).data)


class PayoutAccountView(APIView):
    permission_classes = (IsAuthenticated,)

    @extend_schema(summary="Your payout account status (freelancer)", responses=PayoutAccountOutput)
    def get(self, request: Request) -> Response:
        account = payout_account_of(user=request.user)
        provider = get_provider()
        data = {
            "provider": provider.name,
            "test_mode": provider.test_mode,
            "onboarded": account is not None,
            "ready": bool(account and account.ready),
        }
        return Response(PayoutAccountOutput(data).data)


class OnboardingLinkView(APIView):
    permission_classes = (IsAuthenticated,)
    throttle_scope = "writes"

    @extend_schema(
        summary="A payout onboarding link (freelancer)", request=None, responses=LinkOutput
    )
    def post(self, request: Request) -> Response:
        url = payout_account_onboarding_link(user=signed_in_user(request))
        return Response(LinkOutput({"url": url, "test_mode": get_provider().test_mode}).data)
