"""Celery tasks keeping the index true: thin, idempotent, taking lists of ids (batched).

A failed write (Elasticsearch down) retries with back-off; every run re-reads the rows, so a
retry or a duplicate delivery leaves the same index.
"""

from __future__ import annotations

from typing import Any

from celery import shared_task
from celery.contrib.django.task import DjangoTask

from matching import services

# Every indexing task retries the same way: back-off from 10 s up to 5 min, five tries.
_INDEX_TASK_OPTIONS: dict[str, Any] = {
    "base": DjangoTask,
    "autoretry_for": (Exception,),
    "retry_backoff": 10,
    "retry_backoff_max": 300,
    "max_retries": 5,
    "acks_late": True,
}


@shared_task(**_INDEX_TASK_OPTIONS)
def index_profiles(profile_ids: list[int]) -> int:
    return services.index_profiles_sync(profile_ids=profile_ids)


@shared_task(**_INDEX_TASK_OPTIONS)
def index_gigs(gig_ids: list[int]) -> int:
    return services.index_gigs_sync(gig_ids=gig_ids)


@shared_task(**_INDEX_TASK_OPTIONS)
def index_skills(skill_ids: list[int]) -> None:
    services.index_for_skills(skill_ids=skill_ids)


@shared_task(**_INDEX_TASK_OPTIONS)
def index_contract(contract_id: int) -> None:
    services.index_for_contract(contract_id=contract_id)
