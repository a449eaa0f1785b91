"""Celery tasks of accounts: thin wrappers over services, idempotent, taking ids."""

from __future__ import annotations

from celery import shared_task
from celery.contrib.django.task import DjangoTask

from marketplace.accounts.services import email_deliver


@shared_task(
    base=DjangoTask,
    autoretry_for=(OSError,),
    retry_backoff=30,
    retry_backoff_max=600,
    max_retries=5,
    acks_late=True,
)
def email_send(outbound_id: int) -> bool:
    """Send a queued email; a redelivery after a crash finds it sent and does nothing."""
    return email_deliver(outbound_id=outbound_id)
