"""`kill -9` of a Celery worker in the middle of a task: after redelivery the effect happened
exactly once (acks_late + task_reject_on_worker_lost + idempotent tasks).

Each test holds an EXCLUSIVE lock on the table the task writes, so the task stops inside its
transaction; the test waits until PostgreSQL shows it waiting, kills the process running it,
then lets go of the lock. The broker redelivers the unacknowledged message and the task runs
again from the start.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from chat.models import Notification
from marketplace.profiles.models import ProfileSkill
from matching.models import IndexedProfile, IndexedProfileSkill
from matching.tasks import index_profiles
from payments.escrow import services as escrow
from payments.escrow.models import (
    MilestonePayment,
    OperationKind,
    OperationStatus,
    ProviderOperation,
)
from payments.ledger.models import LedgerTransaction
from tests.factories import FirmMembershipFactory
from tests.factories_flow import open_gig, public_profile, skill
from tests.faults.worker import Worker, backends_waiting_on_a_lock, table_locked, wait_for
from tests.payments.conftest import make_cast
from tests.payments.helpers import balances, state

pytestmark = pytest.mark.django_db(transaction=True)
StartWorker = Callable[[], Worker]


def _kill_when_blocked(worker: Worker, *, whole: bool = False) -> None:
    wait_for(backends_waiting_on_a_lock, timeout=60, what="the task to block on the lock")
    if whole:
        worker.kill()
    else:
        worker.kill_child()


@pytest.mark.parametrize("whole", [False, True], ids=["pool-process", "whole-worker"])
def test_indexing_task_killed_mid_write_indexes_the_profile_once(
    start_worker: StartWorker, whole: bool
) -> None:
    # Given a public profile with skills, and a worker
    profile = public_profile()
    for slug in ("python", "django"):
        ProfileSkill.objects.create(profile=profile, skill=skill(slug), level=3, years=4)
    worker = start_worker()

    # When its indexing task is killed while writing the index
    with table_locked(IndexedProfile._meta.db_table):
        index_profiles.delay([profile.pk])
        _kill_when_blocked(worker, whole=whole)
    if whole:  # nobody is left to reject the message: a new worker gets it from RabbitMQ
        start_worker()

    # Then the redelivered task indexed it once, with each skill once
    wait_for(
        lambda: IndexedProfile.objects.filter(profile_id=profile.pk).exists(),
        what="the profile to be indexed",
    )
    assert IndexedProfile.objects.filter(profile_id=profile.pk).count() == 1
    assert IndexedProfileSkill.objects.filter(entry__profile_id=profile.pk).count() == 2


def test_notification_task_killed_mid_write_notifies_each_member_once(
    start_worker: StartWorker,
) -> None:
    # Given a firm of two members with an open gig, and a worker
    owner = FirmMembershipFactory.create(role="owner")
    colleague = FirmMembershipFactory.create(firm=owner.firm, role="member")
    gig = open_gig(firm=owner.firm)
    freelancer = public_profile().user
    worker = start_worker()

    # When a proposal arrives and the task notifying the firm is killed while writing
    from marketplace.proposals.services import proposal_submit

    with table_locked(Notification._meta.db_table):
        proposal = proposal_submit(
            gig=gig,
            by=freelancer,
            cover_letter="Let me build it.",
            price_minor=300_000,
            currency="EUR",
            estimated_duration_days=30,
        )
        _kill_when_blocked(worker)

    # Then after redelivery each member has exactly one notification of it
    key = f"proposal:{proposal.pk}:submitted"
    wait_for(lambda: Notification.objects.filter(event_key=key).count() == 2, what="notices")
    assert sorted(Notification.objects.filter(event_key=key).values_list("user_id", flat=True)) == (
        sorted([owner.user_id, colleague.user_id])
    )


def test_release_task_killed_mid_posting_pays_the_freelancer_once(
    start_worker: StartWorker,
) -> None:
    # Given a funded, submitted 1,000.00 EUR milestone (offline provider; eager tasks so far)
    from config.celery import app

    cast = make_cast()
    app.conf.task_always_eager = True
    try:
        escrow.milestone_fund(milestone=cast.milestone, by=cast.client)
        escrow.milestone_submit(milestone=cast.milestone, by=cast.freelancer)
    finally:
        app.conf.task_always_eager = False
    assert state(cast.milestone) == "submitted"
    worker = start_worker()

    # When the client releases and the transfer task is killed while booking the ledger
    with table_locked(LedgerTransaction._meta.db_table):
        escrow.milestone_release(milestone=cast.milestone, by=cast.client)
        _kill_when_blocked(worker)

    # Then after redelivery the milestone is released with one transfer and one booking
    wait_for(
        lambda: MilestonePayment.objects.filter(
            milestone=cast.milestone, state="released"
        ).exists(),
        what="the release",
    )
    assert state(cast.milestone) == "released"
    transfers = ProviderOperation.objects.filter(
        payment__milestone=cast.milestone, kind=OperationKind.TRANSFER
    )
    assert [op.status for op in transfers] == [OperationStatus.SUCCEEDED]
    assert balances(cast.milestone) == {
        "client": -100_000,
        "freelancer": 90_000,
        "platform_fee": 10_000,
    }


def test_a_rolled_back_transaction_enqueues_nothing(start_worker: StartWorker) -> None:
    # Given two public profiles and a worker
    from django.db import transaction

    rolled_back, committed = public_profile(), public_profile()
    start_worker()

    # When one's indexing is enqueued in a transaction that rolls back, the other's after it
    def failing_request() -> None:
        with transaction.atomic():
            index_profiles.delay_on_commit([rolled_back.pk])
            raise RuntimeError("the request failed after enqueueing")

    with pytest.raises(RuntimeError):
        failing_request()
    index_profiles.delay([committed.pk])

    # Then the worker, one task at a time in queue order, indexed only the second
    wait_for(
        lambda: IndexedProfile.objects.filter(profile_id=committed.pk).exists(),
        what="the committed profile's index",
    )
    assert not IndexedProfile.objects.filter(profile_id=rolled_back.pk).exists()
