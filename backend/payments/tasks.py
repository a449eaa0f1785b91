"""Celery tasks of the payments app: thin, take ids, idempotent (see the services they call)."""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from celery.contrib.django.task import DjangoTask
from django.utils import timezone

from payments.escrow.models import OperationStatus, ProviderOperation
from payments.webhooks.models import WebhookEvent

# Stored events that could not be applied are retried each minute for a day (1,440 runs is
# well past Stripe's own redelivery of the same event for 3 days, which also lands here).
MAX_EVENT_ATTEMPTS = 1440
# Operations left `pending` or `unknown` this long are picked up again (a worker died, the
# provider timed out): 2 minutes is past the 120 s hard task limit, so none is still running.
STALE_OPERATION = dt.timedelta(minutes=2)


@shared_task(base=DjangoTask, acks_late=True, time_limit=60, soft_time_limit=50)
def operation_execute(op_id: int) -> None:
    """Make one provider call of an intent row (no effect if it already happened)."""
    from payments.escrow.operations import operation_execute as execute

    execute(op_id=op_id)


@shared_task(base=DjangoTask, acks_late=True, time_limit=60, soft_time_limit=50)
def webhook_event_process(event_id: str) -> None:
    """Apply one stored webhook event (no effect if it was applied already)."""
    from payments.webhooks.services import webhook_event_process as process

    process(event_id=event_id)


@shared_task(base=DjangoTask, acks_late=True, time_limit=110, soft_time_limit=100)
def webhook_events_retry() -> int:
    """Re-run events still waiting for their row."""
    ids = list(
        WebhookEvent.objects.filter(
            processed_at__isnull=True, attempts__lt=MAX_EVENT_ATTEMPTS
        ).values_list("id", flat=True)[:200]
    )
    for event_id in ids:
        webhook_event_process.delay(event_id)
    return len(ids)


@shared_task(base=DjangoTask, acks_late=True, time_limit=110, soft_time_limit=100)
def operations_retry() -> int:
    """Re-run provider operations that are open and stale (reconciling `unknown` ones first)."""
    ids = list(
        ProviderOperation.objects.filter(
            status__in=(OperationStatus.PENDING, OperationStatus.UNKNOWN),
            updated_at__lte=timezone.now() - STALE_OPERATION,
        ).values_list("id", flat=True)[:200]
    )
    for op_id in ids:
        operation_execute.delay(op_id)
    return len(ids)


@shared_task(base=DjangoTask, acks_late=True, time_limit=110, soft_time_limit=100)
def auto_release_due() -> list[int]:
    from payments.escrow.timers import payments_auto_release

    return payments_auto_release(now=timezone.now())


@shared_task(base=DjangoTask, acks_late=True, time_limit=110, soft_time_limit=100)
def hold_window_guard() -> list[int]:
    from payments.escrow.timers import payments_hold_guard

    return payments_hold_guard(now=timezone.now())
