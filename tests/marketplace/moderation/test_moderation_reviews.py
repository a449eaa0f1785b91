"""Reviews are reportable: a moderator hides one from the queue; it leaves the public list and
the freelancer's rating, and the audit log records who did it and why."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from tests.conftest import client_for
from tests.factories import UserFactory
from tests.factories_flow import PublicProfileFactory
from tests.factories_trust import contract_between, firm_with_owner

from common.errors import Conflict, Forbidden
from marketplace.moderation.models import ModerationAction, Report
from marketplace.moderation.reports import report_hide_target
from marketplace.moderation.services import review_hide, review_restore
from marketplace.reviews.models import Review

pytestmark = pytest.mark.django_db


def _published_review(*, published: bool = True) -> Review:
    firm, owner = firm_with_owner()
    contract = contract_between(firm=firm, freelancer=PublicProfileFactory.create())
    return Review.objects.create(
        contract=contract,
        author_side="firm",
        author=owner,
        firm=firm,
        freelancer=contract.freelancer,
        rating=1,
        text="Rude and late.",
        published_at=timezone.now() if published else None,
    )


def test_a_published_review_is_reported_then_hidden_from_the_queue(moderator: object) -> None:
    review = _published_review()
    freelancer = review.freelancer
    # The freelancer reports the review written about them
    response = client_for(freelancer.user).post(
        "/api/v1/reports/",
        {"kind": "review", "object_id": review.pk, "reason": "harassment", "text": "Insults"},
    )
    assert response.status_code == 201
    report = Report.objects.get()
    assert report.target_owner == review.author

    report_hide_target(report=report, by=moderator, reason="Personal attack")  # type: ignore[arg-type]

    review.refresh_from_db()
    assert review.hidden_at is not None
    public = client_for(UserFactory.create()).get(f"/api/v1/freelancers/{freelancer.slug}/reviews/")
    assert public.json()["results"] == []
    profile = client_for(UserFactory.create()).get(f"/api/v1/freelancers/{freelancer.slug}/")
    assert profile.json()["rating"]["count"] == 0
    entry = ModerationAction.objects.get(
        content_type=ContentType.objects.get_for_model(Review), object_id=review.pk
    )
    assert (entry.action, entry.reason, entry.actor) == ("hide", "Personal attack", moderator)


def test_an_unpublished_review_cannot_be_reported() -> None:
    review = _published_review(published=False)
    response = client_for(review.freelancer.user).post(
        "/api/v1/reports/", {"kind": "review", "object_id": review.pk, "reason": "harassment"}
    )
    assert (response.status_code, response.json()["code"]) == (404, "not_found")
    assert Report.objects.count() == 0


def test_hiding_twice_restoring_and_non_moderators_are_refused(moderator: object) -> None:
    review = _published_review()
    staff = UserFactory.create(is_staff=True)
    with pytest.raises(Forbidden):
        review_hide(review=review, by=staff, reason="No")
    assert Review.objects.get(pk=review.pk).hidden_at is None

    review_hide(review=review, by=moderator, reason="Spam")  # type: ignore[arg-type]
    with pytest.raises(Conflict) as again:
        review_hide(review=review, by=moderator, reason="Spam")  # type: ignore[arg-type]
    assert again.value.code == "invalid_state"

    review_restore(review=review, by=moderator)  # type: ignore[arg-type]
    assert Review.objects.get(pk=review.pk).hidden_at is None
    assert list(
        ModerationAction.objects.filter(object_id=review.pk)
        .order_by("id")
        .values_list("action", flat=True)
    ) == ["hide", "publish"]
