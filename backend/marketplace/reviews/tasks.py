"""Celery tasks of reviews: thin and idempotent."""

from __future__ import annotations

from celery import shared_task
from celery.contrib.django.task import DjangoTask

from marketplace.reviews.services import PUBLISH_BATCH, reviews_publish_due


@shared_task(base=DjangoTask, acks_late=True, time_limit=120, soft_time_limit=100)
def reviews_publish_due_task() -> int:
    """Beat job (every 15 minutes): publish lone reviews whose window closed.

    A run publishes at most one batch; when it was full, it enqueues itself again so a backlog
    (after an outage) drains without waiting for the next beat.
    """
    published = reviews_publish_due()
    if published >= PUBLISH_BATCH:
        reviews_publish_due_task.delay()
    return published
