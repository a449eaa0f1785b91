"""Celery tasks of the image pipeline: thin, taking ids, idempotent."""

from __future__ import annotations

from celery import shared_task
from celery.contrib.django.task import DjangoTask

from marketplace.media.thumbnails import image_thumbnails_ensure


@shared_task(
    base=DjangoTask,
    autoretry_for=(OSError,),
    retry_backoff=10,
    retry_backoff_max=300,
    max_retries=5,
    acks_late=True,
    # Three thumbnails of a ≤2048 px image take well under a second; 60 s means stuck.
    time_limit=60,
    soft_time_limit=50,
)
def image_thumbnails_make(image_id: int) -> list[str]:
    """Make the image's missing thumbnails; a second run finds none missing and does nothing."""
    return image_thumbnails_ensure(image_id=image_id)
