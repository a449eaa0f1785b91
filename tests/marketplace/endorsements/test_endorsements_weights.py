"""Endorsement weights from the endorser's standing, per-skill totals, the reputation map
matching reads, and the profile_changed events that keep the index fresh."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from tests.factories import FirmMembershipFactory, SkillFactory
from tests.factories_trust import contract_between, firm_with_owner, veteran

from marketplace import events
from marketplace.endorsements.selectors import (
    ProfileReputation,
    SkillEndorsements,
    endorsement_weights,
    profile_reputation_map,
    standing_map,
)
from marketplace.endorsements.services import endorsement_create, endorsement_withdraw
from marketplace.models import FreelancerProfile, Skill
from marketplace.reviews.models import Review

pytestmark = pytest.mark.django_db


def _firm_review(profile: FreelancerProfile, rating: int, *, published: bool = True) -> None:
    """A completed contract of `profile` with the firm's review of them."""
    firm, owner = firm_with_owner()
    contract = contract_between(firm=firm, freelancer=profile)
    Review.objects.create(
        contract=contract,
        author_side="firm",
        author=owner,
        firm=firm,
        freelancer=profile,
        rating=rating,
        published_at=contract.ended_at if published else None,
    )


@pytest.fixture
def skills(db: Any) -> dict[str, Skill]:
    return {slug: SkillFactory.create(slug=slug) for slug in ("django", "react", "go")}


def test_weights_follow_the_documented_formula(skills: dict[str, Skill]) -> None:
    # Given an endorser E with two completed contracts rated 5 (published) and one more rated
    # 1 still blind, endorsed by one peer
    e = veteran(skills=[skills["go"]])
    _firm_review(e, 5)
    _firm_review(e, 5)
    _firm_review(e, 1, published=False)
    peer = veteran()
    endorsement_create(by=peer.user, endorsee=e, skill=skills["go"])
    # and a newcomer N with no history
    n = veteran()
    t = veteran(skills=[skills["django"], skills["react"]])
    _firm_review(t, 3)

    # When both endorse T for django, and N also for react
    by_e = endorsement_create(by=e.user, endorsee=t, skill=skills["django"])
    by_n = endorsement_create(by=n.user, endorsee=t, skill=skills["django"])
    by_n_react = endorsement_create(by=n.user, endorsee=t, skill=skills["react"])

    # Then E's standing: 1 + (5−3)/2 × 2/5 + 3/10 (three completed contracts) + 1/10 × 1/2
    #   = 1 + 0.4 + 0.3 + 0.05 = 1.75; N's is the floor, 1
    standing = standing_map(profile_ids=[e.pk, n.pk])
    assert (standing[e.pk].completed_contracts, standing[e.pk].endorsers) == (3, 1)
    assert standing[e.pk].rating.count == 2
    weights = endorsement_weights([by_e, by_n, by_n_react])
    assert weights == {
        by_e.pk: Decimal("1.75"),
        by_n.pk: Decimal("1.00"),
        by_n_react.pk: Decimal("1.00"),
    }
    # And T's reputation sums them per skill; its own rating is its one published review
    assert profile_reputation_map(profile_ids=[t.pk, n.pk]) == {
        t.pk: ProfileReputation(
            rating_average=Decimal("3.00"),
            rating_count=1,
            endorsements={
                skills["django"].pk: SkillEndorsements(peers=2, weight=Decimal("2.75")),
                skills["react"].pk: SkillEndorsements(peers=1, weight=Decimal("1.00")),
            },
        ),
        n.pk: ProfileReputation(rating_average=None, rating_count=0, endorsements={}),
    }


def test_a_shared_contract_weighs_half_as_much_again(skills: dict[str, Skill]) -> None:
    # Given E, rated 4 and 5, a member of the firm that hired T
    e = veteran()
    _firm_review(e, 4)
    _firm_review(e, 5)
    t = veteran(skills=[skills["django"]])
    firm, _owner = firm_with_owner()
    FirmMembershipFactory.create(firm=firm, user=e.user, role="member")
    contract = contract_between(firm=firm, freelancer=t)

    endorsement = endorsement_create(
        by=e.user, endorsee=t, skill=skills["django"], contract_id=contract.pk
    )

    # Then: rating part (4.5−3)/2 × 2/5 = 0.3, contracts 2/10 = 0.2 → standing 1.5; × 3/2 = 2.25
    assert endorsement_weights([endorsement]) == {endorsement.pk: Decimal("2.25")}


def test_weights_are_capped(skills: dict[str, Skill]) -> None:
    # Given E with 12 completed contracts all rated 5 and 12 peers endorsing them
    e = veteran(skills=[skills["go"]])
    for _ in range(12):
        _firm_review(e, 5)
    for _ in range(12):
        endorsement_create(by=veteran().user, endorsee=e, skill=skills["go"])
    t = veteran(skills=[skills["django"]])
    endorsement = endorsement_create(by=e.user, endorsee=t, skill=skills["django"])
    # Then the standing is at its ceiling: 1 + 1 + 1 + 0.5
    assert endorsement_weights([endorsement]) == {endorsement.pk: Decimal("3.50")}


def test_endorsements_of_hidden_or_withdrawn_endorsers_stop_counting(
    skills: dict[str, Skill],
) -> None:
    t = veteran(skills=[skills["django"]])
    a, b, c = veteran(), veteran(), veteran()
    for endorser in (a, b, c):
        endorsement_create(by=endorser.user, endorsee=t, skill=skills["django"])
    FreelancerProfile.objects.filter(pk=a.pk).update(visibility="hidden")
    b.user.is_active = False
    b.user.save(update_fields=["is_active"])
    reputation = profile_reputation_map(profile_ids=[t.pk])[t.pk]
    assert reputation.endorsements == {
        skills["django"].pk: SkillEndorsements(peers=1, weight=Decimal("1.00"))
    }
    # And an endorsement of a skill T no longer lists is not shown either
    t.profile_skills.all().delete()
    assert profile_reputation_map(profile_ids=[t.pk])[t.pk].endorsements == {}


def test_endorsing_announces_the_endorsee_and_whom_they_endorse(
    skills: dict[str, Skill], django_capture_on_commit_callbacks: Any
) -> None:
    # Given T endorses U (T's standing sets the weight of that endorsement)
    t = veteran(skills=[skills["django"]])
    u = veteran(skills=[skills["django"]])
    endorsement_create(by=t.user, endorsee=u, skill=skills["django"])
    a = veteran()
    seen: list[int] = []

    def receiver(sender: Any, profile_id: int, **_: Any) -> None:
        seen.append(profile_id)

    events.profile_changed.connect(receiver, weak=False)
    try:
        # When A endorses T, then T and U are announced
        with django_capture_on_commit_callbacks(execute=True):
            endorsement = endorsement_create(by=a.user, endorsee=t, skill=skills["django"])
        assert sorted(seen) == sorted([t.pk, u.pk])
        # When A withdraws, the same two again
        seen.clear()
        with django_capture_on_commit_callbacks(execute=True):
            endorsement_withdraw(endorsement=endorsement, by=a.user)
        assert sorted(seen) == sorted([t.pk, u.pk])
    finally:
        events.profile_changed.disconnect(receiver)
