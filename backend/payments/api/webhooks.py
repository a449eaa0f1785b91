"""Stripe webhook endpoints (platform and Connect). Signed by Stripe, not by a session."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.parsers import BaseParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from payments.webhooks.services import webhook_receive


class RawParser(BaseParser):
    """Keep the exact bytes: the signature is over the raw body."""

    media_type = "*/*"

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        return stream.read() if stream is not None else b""


class _StripeWebhookView(APIView):
    authentication_classes = ()
    permission_classes = (AllowAny,)
    parser_classes = (RawParser,)
    throttle_classes = ()
    endpoint = "platform"
    secret_setting = "STRIPE_WEBHOOK_SECRET"  # noqa: S105 - a setting name, not a secret

    @extend_schema(
        summary="Stripe webhook",
        request={"application/json": {"type": "object"}},
        responses=inline_serializer("WebhookAck", {"received": serializers.CharField()}),
    )
    def post(self, request: Request) -> Response:
        event_id = webhook_receive(
            payload=request.body,
            signature=request.headers.get("Stripe-Signature", ""),
            secret=str(getattr(settings, self.secret_setting)),
            endpoint=self.endpoint,
        )
        return Response({"received": event_id})


class StripeWebhookView(_StripeWebhookView):
    pass


class StripeConnectWebhookView(_StripeWebhookView):
    endpoint = "connect"
    secret_setting = "STRIPE_CONNECT_WEBHOOK_SECRET"  # noqa: S105 - a setting name
