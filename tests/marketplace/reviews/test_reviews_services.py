"""Review rules: who may review, when, once per side; double-blind publication."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from tests.factories import FirmMembershipFactory, UserFactory
from tests.factories_flow import PublicProfileFactory, member_of
from tests.factories_trust import ago, contract_between, firm_with_owner

from common.errors import Conflict, Forbidden, ValidationFailed
from marketplace.contracts.models import Contract
from marketplace.reviews.models import Review
from marketplace.reviews.selectors import (
    contract_reviews_for,
    firm_rating_summary,
    freelancer_rating_summary,
    review_list_about_firm,
    review_list_about_freelancer,
)
from marketplace.reviews.services import review_create, review_set_hidden, reviews_publish_due
from marketplace.reviews.tasks import reviews_publish_due_task

pytestmark = pytest.mark.django_db


def _ended(**kwargs: Any) -> tuple[Contract, Any, Any]:
    firm, owner = firm_with_owner()
    profile = PublicProfileFactory.create()
    contract = contract_between(firm=firm, freelancer=profile, **kwargs)
    return contract, owner, profile.user


def test_both_reviews_written_publishes_both_at_once() -> None:
    # Given an ended contract and the freelancer's review
    contract, owner, freelancer = _ended()
    first = review_create(contract=contract, by=freelancer, rating=4, text="Clear brief.")
    # Then it is blind: unpublished, the firm sees that it exists but not what it says
    assert first.published_at is None
    seen_by_firm = contract_reviews_for(contract=contract, user=owner)
    assert seen_by_firm.theirs is None
    assert seen_by_firm.counterpart_has_reviewed is True
    assert list(review_list_about_firm(firm_id=contract.firm_id)) == []
    assert firm_rating_summary(firm_id=contract.firm_id).count == 0

    # When the firm writes its review
    second = review_create(contract=contract, by=owner, rating=5, text="Delivered early.")

    # Then both are published at the same moment and each side sees the other's
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.published_at is not None
    assert first.published_at == second.published_at
    assert contract_reviews_for(contract=contract, user=owner).theirs == first
    assert contract_reviews_for(contract=contract, user=freelancer).theirs == second
    assert list(review_list_about_firm(firm_id=contract.firm_id)) == [first]
    assert list(review_list_about_freelancer(profile_id=contract.freelancer_id)) == [second]


def test_lone_review_is_published_by_the_task_once_the_window_closed() -> None:
    # Given a lone review on a contract that ended 13 days and 23 hours ago
    contract, owner, freelancer = _ended(ended=ago(days=13, hours=23))
    review = review_create(contract=contract, by=owner, rating=3)

    # When the task runs before the 14 days are over, nothing is published
    assert reviews_publish_due() == 0
    review.refresh_from_db()
    assert review.published_at is None
    assert contract_reviews_for(contract=contract, user=freelancer).theirs is None
    assert list(review_list_about_freelancer(profile_id=contract.freelancer_id)) == []

    # When 14 days have passed since the end
    Contract.objects.filter(pk=contract.pk).update(ended_at=ago(days=14, seconds=1))
    assert reviews_publish_due_task.apply().get() == 1

    # Then the review is public, and a second run changes nothing (idempotent)
    review.refresh_from_db()
    published_at = review.published_at
    assert published_at is not None
    assert contract_reviews_for(contract=contract, user=freelancer).theirs == review
    assert list(review_list_about_freelancer(profile_id=contract.freelancer_id)) == [review]
    assert reviews_publish_due() == 0
    review.refresh_from_db()
    assert review.published_at == published_at


def test_the_task_leaves_reviews_already_published() -> None:
    # Given both reviews published, on a contract that ended long ago
    contract, owner, freelancer = _ended(ended=ago(days=2))
    review_create(contract=contract, by=owner, rating=3)
    review_create(contract=contract, by=freelancer, rating=2)
    Contract.objects.filter(pk=contract.pk).update(ended_at=ago(days=30))
    before = list(Review.objects.order_by("id").values_list("published_at", flat=True))
    # When the task runs, then it publishes nothing and moves no date
    assert reviews_publish_due() == 0
    assert list(Review.objects.order_by("id").values_list("published_at", flat=True)) == before


def test_each_side_reviews_once() -> None:
    contract, owner, _freelancer = _ended()
    review_create(contract=contract, by=owner, rating=5)
    colleague = member_of(contract.firm)
    # When another member of the same firm tries to review for the firm again
    with pytest.raises(Conflict) as refused:
        review_create(contract=contract, by=colleague, rating=1)
    # Then it is refused and nothing is written; the firm's review stays blind
    assert refused.value.code == "review_exists"
    assert Review.objects.filter(contract=contract).count() == 1
    assert Review.objects.get(contract=contract).published_at is None
    with pytest.raises(Conflict) as again:
        review_create(contract=contract, by=owner, rating=1)
    assert again.value.code == "review_exists"


def test_an_active_contract_cannot_be_reviewed() -> None:
    contract, owner, freelancer = _ended(status="active")
    for user in (owner, freelancer):
        with pytest.raises(Conflict) as refused:
            review_create(contract=contract, by=user, rating=5)
        assert refused.value.code == "contract_not_ended"
    assert not Review.objects.exists()


def test_a_cancelled_contract_with_escrowed_money_can_be_reviewed() -> None:
    contract, _owner, freelancer = _ended(status="cancelled", cancelled_by="firm")
    review = review_create(contract=contract, by=freelancer, rating=2, text="Cancelled late.")
    assert (review.author_side, review.rating) == ("freelancer", 2)


def test_a_contract_where_no_money_was_ever_escrowed_cannot_be_reviewed() -> None:
    contract, _owner, freelancer = _ended(status="cancelled", funded=False)
    with pytest.raises(Conflict) as refused:
        review_create(contract=contract, by=freelancer, rating=1)
    assert refused.value.code == "contract_not_reviewable"
    assert not Review.objects.exists()


def test_someone_outside_the_contract_cannot_review() -> None:
    contract, _owner, _freelancer = _ended()
    outsiders = [UserFactory.create(), UserFactory.create(is_staff=True)]
    outsiders.append(PublicProfileFactory.create().user)
    for user in outsiders:
        with pytest.raises(Forbidden) as refused:
            review_create(contract=contract, by=user, rating=5)
        assert refused.value.code == "permission_denied"
    assert not Review.objects.exists()


def test_a_user_on_both_sides_cannot_review() -> None:
    # Given the freelancer joined the hiring firm
    contract, _owner, freelancer = _ended()
    FirmMembershipFactory.create(firm=contract.firm, user=freelancer, role="member")
    with pytest.raises(Forbidden):
        review_create(contract=contract, by=freelancer, rating=5)
    assert not Review.objects.exists()


def test_reviews_are_refused_once_the_window_closed() -> None:
    contract, owner, _freelancer = _ended(ended=ago(days=14))
    with pytest.raises(Conflict) as refused:
        review_create(contract=contract, by=owner, rating=4)
    assert refused.value.code == "review_window_closed"
    assert not Review.objects.exists()


@pytest.mark.parametrize("rating", [0, 6, -1, True, "5"])
def test_a_rating_outside_1_to_5_is_refused(rating: Any) -> None:
    contract, owner, _freelancer = _ended()
    with pytest.raises(ValidationFailed) as refused:
        review_create(contract=contract, by=owner, rating=rating)
    assert refused.value.code == "validation_error"
    assert list(refused.value.details) == ["rating"]
    assert not Review.objects.exists()


def test_aggregates_count_only_published_visible_reviews() -> None:
    # Given a freelancer reviewed by firms on five contracts
    profile = PublicProfileFactory.create()
    published_ratings = [5, 4, 4, 2]
    for rating in published_ratings:
        firm, owner = firm_with_owner()
        contract = contract_between(firm=firm, freelancer=profile)
        review_create(contract=contract, by=owner, rating=rating)
        review_create(contract=contract, by=profile.user, rating=3)
    # one still blind, and one published but hidden by moderation
    firm, owner = firm_with_owner()
    review_create(contract=contract_between(firm=firm, freelancer=profile), by=owner, rating=1)
    hidden = Review.objects.filter(freelancer=profile, author_side="firm", rating=2).get()
    review_set_hidden(review=hidden, hidden=True, reason="Insults")

    summary = freelancer_rating_summary(profile_id=profile.pk)

    # Then: 5, 4, 4 → 13 / 3 = 4.333… → 4.33
    assert summary.count == 3
    assert summary.average == Decimal("4.33")
    assert summary.distribution == {1: 0, 2: 0, 3: 0, 4: 2, 5: 1}
    assert [r.rating for r in review_list_about_freelancer(profile_id=profile.pk)] == [4, 4, 5]


def test_a_review_about_a_freelancer_announces_the_profile_change(
    django_capture_on_commit_callbacks: Any,
) -> None:
    from marketplace import events

    seen: list[dict[str, Any]] = []

    def receiver(sender: Any, **payload: Any) -> None:
        seen.append({k: v for k, v in payload.items() if k != "signal"})

    contract, owner, freelancer = _ended()
    events.profile_changed.connect(receiver, weak=False)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            review_create(contract=contract, by=freelancer, rating=4)
        assert seen == []  # blind: no aggregate changed
        with django_capture_on_commit_callbacks(execute=True):
            review_create(contract=contract, by=owner, rating=5)
    finally:
        events.profile_changed.disconnect(receiver)
    assert seen == [{"profile_id": contract.freelancer_id, "user_id": freelancer.pk}]


def test_milestone_state_moments_are_kept_from_the_first_arrival() -> None:
    from marketplace.contracts.services import milestone_set_payment_status

    contract, _owner, _freelancer = _ended(status="active", funded=False)
    milestone = contract.milestones.get()
    milestone_set_payment_status(milestone=milestone, status="funded")
    first = contract.milestones.get().funded_at
    assert first is not None
    milestone_set_payment_status(milestone=milestone, status="releasing")
    milestone_set_payment_status(milestone=milestone, status="funded")  # a failed transfer
    milestone.refresh_from_db()
    assert (milestone.funded_at, milestone.released_at) == (first, None)
    milestone_set_payment_status(milestone=milestone, status="released")
    milestone.refresh_from_db()
    assert milestone.released_at is not None
    assert milestone.released_at >= first


def test_beat_runs_the_publication_job() -> None:
    from django.conf import settings

    from config.celery import app

    name = "marketplace.reviews.tasks.reviews_publish_due_task"
    for schedule in (settings.CELERY_BEAT_SCHEDULE, app.conf.beat_schedule):
        assert name in {entry["task"] for entry in schedule.values()}
    assert name in app.tasks
