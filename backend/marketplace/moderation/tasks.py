"""Celery tasks of moderation: thin wrappers over services, idempotent."""

from __future__ import annotations

from celery import shared_task
from celery.contrib.django.task import DjangoTask

from marketplace.moderation.sanctions import suspensions_expire as suspensions_expire_service


@shared_task(base=DjangoTask, acks_late=True)
def suspensions_expire() -> int:
    """Lift the suspensions that have ended (beat, every 5 minutes); a rerun lifts nothing."""
    return suspensions_expire_service()
