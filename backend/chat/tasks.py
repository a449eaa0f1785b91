"""Celery tasks of the chat: thin wrappers over services, idempotent, taking ids."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from celery import shared_task
from celery.contrib.django.task import DjangoTask
from django.db import OperationalError
from django.utils import timezone


@shared_task(
    base=DjangoTask,
    autoretry_for=(OperationalError,),
    retry_backoff=5,
    max_retries=5,
    acks_late=True,
)
def notify_event(event: str, payload: dict[str, Any]) -> None:
    """Turn one domain event into notifications; a redelivery finds them made (event keys)."""
    from chat.event_notifications import HANDLERS

    HANDLERS[event](**payload)


@shared_task(
    base=DjangoTask,
    autoretry_for=(OperationalError,),
    retry_backoff=5,
    max_retries=3,
    acks_late=True,
)
def notification_digest_send_due(now: str | None = None) -> int:
    """Email every user whose notifications stayed unread past their delay (beat: every minute).

    `now` (ISO 8601) lets tests and replays pick the clock; each notification is emailed once.
    """
    from chat.digest import notification_digest_send_due as run

    moment = datetime.fromisoformat(now) if now else timezone.now()
    return run(now=moment)


@shared_task(
    base=DjangoTask,
    autoretry_for=(OperationalError,),
    retry_backoff=5,
    max_retries=5,
    acks_late=True,
)
def conversation_member_sync_task(firm_id: int, user_id: int) -> None:
    """Match the user's part in the firm's conversations to their membership (idempotent)."""
    from chat.membership import conversation_member_sync

    conversation_member_sync(firm_id=firm_id, user_id=user_id)


@shared_task(
    base=DjangoTask,
    autoretry_for=(OperationalError,),
    retry_backoff=5,
    max_retries=3,
    acks_late=True,
)
def attachment_uploads_purge(now: str | None = None) -> int:
    """Delete attachment uploads no message links, older than a day (beat: hourly; idempotent)."""
    from chat.attachments import attachment_uploads_purge as run

    moment = datetime.fromisoformat(now) if now else timezone.now()
    return run(now=moment)
