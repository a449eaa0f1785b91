"""Stripe webhooks: verify, store once by event id, apply later in a task.

Applying re-fetches the object from Stripe (order of delivery is not guaranteed, so the
event's snapshot may be stale) and moves the state machine only where it allows. An event
about a row we do not have yet stays unprocessed and is retried by the beat job — never
acknowledged and dropped.
"""

from __future__ import annotations

import json
import logging
from typing import Any

import stripe
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.errors import ValidationFailed
from payments.escrow.chargebacks import chargeback_apply
from payments.escrow.models import (
    EscrowState,
    MilestonePayment,
    OperationKind,
    OperationStatus,
    ProviderOperation,
)
from payments.escrow.operations import operation_post
from payments.escrow.payouts import payout_account_apply
from payments.escrow.services import payment_mark_funded
from payments.escrow.state import audit, payment_lock, transition
from payments.providers import get_provider
from payments.providers.base import AccountInfo
from payments.webhooks.models import WebhookEvent

logger = logging.getLogger(__name__)
S = EscrowState
# Stripe's default: a signature older than 5 minutes is refused (replay protection).
TOLERANCE_SECONDS = 300


class NotReady(Exception):
    """The event refers to a row that does not exist yet: retry later."""


def webhook_receive(*, payload: bytes, signature: str, secret: str, endpoint: str) -> str:
    """Verify and store an event; returns its id. Bad or stale signatures change nothing."""
    if not secret:
        # No endpoint secret configured (offline mode): nothing can be verified, so nothing
        # is accepted — an empty HMAC key would let anyone sign.
        raise ValidationFailed("webhook_invalid", _("Webhooks are not configured."))
    try:
        stripe.WebhookSignature.verify_header(
            payload.decode("utf-8"), signature, secret, TOLERANCE_SECONDS
        )
        event = json.loads(payload.decode("utf-8"))
    except (stripe.SignatureVerificationError, UnicodeDecodeError, ValueError) as exc:
        raise ValidationFailed("webhook_invalid", _("Invalid webhook signature.")) from exc
    if not isinstance(event, dict) or not isinstance(event.get("id"), str):
        raise ValidationFailed("webhook_invalid", _("Not an event."))
    WebhookEvent.objects.bulk_create(
        [
            WebhookEvent(
                id=event["id"],
                type=str(event.get("type", "")),
                endpoint=endpoint,
                account=str(event.get("account") or ""),
                payload=event,
            )
        ],
        ignore_conflicts=True,
    )
    from payments.tasks import webhook_event_process

    webhook_event_process.delay_on_commit(event["id"])
    return str(event["id"])


def webhook_event_process(*, event_id: str) -> None:
    """Apply one stored event at most once; leave it for a retry if it is not ready."""
    with transaction.atomic():
        event = WebhookEvent.objects.select_for_update().filter(pk=event_id).first()
        if event is None or event.processed_at is not None:
            return
        event.attempts += 1
        try:
            with transaction.atomic():
                _apply(event)
        except NotReady as exc:
            event.error = f"not_ready: {exc}"[:300]
            event.save(update_fields=["attempts", "error"])
            return
        except Exception as exc:
            # Provider unreachable, or a bug: keep the event for the retry job, never drop it.
            logger.exception("payments_webhook_failed", extra={"event": event.pk})
            event.error = f"{type(exc).__name__}: {exc}"[:300]
            event.save(update_fields=["attempts", "error"])
            return
        event.processed_at = timezone.now()
        event.error = ""
        event.save(update_fields=["attempts", "error", "processed_at"])


def _object(event: WebhookEvent) -> dict[str, Any]:
    data = event.payload.get("data") or {}
    obj = data.get("object") or {}
    return obj if isinstance(obj, dict) else {}


def _apply(event: WebhookEvent) -> None:
    obj = _object(event)
    kind = event.type
    if kind == "account.updated":
        info: AccountInfo = get_provider().account_retrieve(account_id=str(obj.get("id")))
        if payout_account_apply(info=info) is None:
            raise NotReady(f"account {info.id}")
    elif kind == "payment_intent.succeeded":
        pi = get_provider().payment_intent_retrieve(payment_intent_id=str(obj.get("id")))
        payment = MilestonePayment.objects.filter(payment_intent_id=pi.id).first()
        if payment is None:
            raise NotReady(f"payment_intent {pi.id}")
        if pi.status == "succeeded":
            payment_mark_funded(
                payment_id=payment.pk, payment_intent_id=pi.id, charge_id=pi.latest_charge
            )
    elif kind == "charge.refunded":
        _external_refunds(str(obj.get("id") or ""))
    elif kind in ("charge.dispute.created", "charge.dispute.updated", "charge.dispute.closed"):
        _dispute(obj)
    else:
        logger.info("payments_webhook_ignored", extra={"type": kind})


def _dispute(obj: dict[str, Any]) -> None:
    """A chargeback freezes the milestone; when it closes, won resumes, lost books it and
    claws back what was paid out. The dispute is fetched again: its events may arrive in any
    order, and the current object says where it stands."""
    dispute = get_provider().dispute_retrieve(dispute_id=str(obj.get("id") or ""))
    found = MilestonePayment.objects.filter(charge_id=dispute.charge).first()
    if found is None:
        raise NotReady(f"charge {dispute.charge}")
    chargeback_apply(payment=payment_lock(milestone=found.milestone), dispute=dispute)


def _external_refunds(charge: str) -> None:
    """Book refunds made outside the app (the Stripe Dashboard), partial ones included.

    Ours carry our operation id in their metadata and are booked by the operation itself.
    A foreign refund is booked while the money is still held; otherwise (released, or more
    than is held) it is left in the audit log for an admin.
    """
    found = MilestonePayment.objects.filter(charge_id=charge).first()
    if found is None:
        raise NotReady(f"charge {charge}")
    refunds = get_provider().refunds_list(payment_intent_id=found.payment_intent_id)
    payment = payment_lock(milestone=found.milestone)
    ours = {str(pk) for pk in payment.ops.values_list("pk", flat=True)}
    known = set(payment.ops.values_list("provider_id", flat=True))
    for refund in refunds:
        if refund.id in known or refund.metadata.get("operation") in ours:
            continue
        remaining = payment.amount_minor - payment.refunded_minor
        if payment.state not in (S.FUNDED, S.SUBMITTED, S.DISPUTED) or refund.amount > remaining:
            audit(payment, actor=None, action="external_refund_unbooked", refund=refund.id)
            continue
        op = ProviderOperation.objects.create(
            payment=payment,
            kind=OperationKind.REFUND,
            key=f"external:{refund.id}",
            amount_minor=refund.amount,
            status=OperationStatus.SUCCEEDED,
            provider_id=refund.id,
        )
        operation_post(payment, op)
        audit(payment, actor=None, action="external_refund", refund=refund.id)
        if payment.refunded_minor == payment.amount_minor:
            transition(payment, S.REFUNDED, actor=None, action="refunded_outside")
