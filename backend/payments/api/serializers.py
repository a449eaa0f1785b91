"""Output shapes of the payments API (inputs are nested in their views)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers


class PaymentOutput(serializers.Serializer[Any]):
    milestone_id = serializers.IntegerField()
    state = serializers.CharField()
    provider = serializers.CharField()
    test_mode = serializers.BooleanField()
    amount_minor = serializers.IntegerField()
    currency = serializers.CharField()
    fee_minor = serializers.IntegerField(help_text="Platform fee, shown before funding.")
    fee_bps = serializers.IntegerField()
    payout_minor = serializers.IntegerField(help_text="What the freelancer receives.")
    refunded_minor = serializers.IntegerField()
    client_secret = serializers.CharField(
        allow_null=True, help_text="For Stripe.js to confirm the payment (client, while funding)."
    )
    publishable_key = serializers.CharField(
        allow_null=True,
        help_text="Stripe.js's publishable key when the provider is Stripe; null offline (the "
        "payment then succeeds at once, in test mode).",
    )
    funded_at = serializers.DateTimeField(allow_null=True)
    submitted_at = serializers.DateTimeField(allow_null=True)
    released_at = serializers.DateTimeField(allow_null=True)
    auto_release_at = serializers.DateTimeField(allow_null=True)


class AuditOutput(serializers.Serializer[Any]):
    action = serializers.CharField()
    from_state = serializers.CharField()
    to_state = serializers.CharField()
    created_at = serializers.DateTimeField()


class EntryOutput(serializers.Serializer[Any]):
    account = serializers.CharField()
    amount_minor = serializers.IntegerField()
    currency = serializers.CharField()


class ReceiptOutput(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    reference = serializers.CharField(source="memo")
    created_at = serializers.DateTimeField()
    entries = EntryOutput(many=True)
    test_mode = serializers.BooleanField()


class PayoutAccountOutput(serializers.Serializer[Any]):
    provider = serializers.CharField()
    test_mode = serializers.BooleanField()
    onboarded = serializers.BooleanField(help_text="A payout account exists.")
    ready = serializers.BooleanField(help_text="Transfers and payouts are enabled.")


class LinkOutput(serializers.Serializer[Any]):
    url = serializers.CharField()
    test_mode = serializers.BooleanField()
