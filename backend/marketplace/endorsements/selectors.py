"""Reads of endorsements: which ones count, the endorser's standing, weights per skill, and the
reputation map matching reads.

An endorsement *counts* while it is active (not withdrawn) and its endorser's profile is public
and their account active: a sock puppet hidden or banned by moderation stops vouching.

Weight of one endorsement (docs/trust.md has the reasoning):

    standing = 1
             + rating_part     (average − 3) / 2, clipped to 0…1, × min(reviews, 5) / 5
             + contracts_part  min(completed contracts as freelancer, 10) / 10
             + peers_part      min(distinct counting endorsers, 10) / 10 × 1/2
    weight   = standing × 3/2 when tied to a shared contract, else standing

so a weight lies in 1 … 3.5 (5.25 with a contract), rounded to 2 decimals, half up.
`peers_part` counts endorsers, not their weights, so standing is never recursive.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from django.db.models import Count, DateTimeField, Exists, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from common.errors import NotFound
from marketplace.contracts.models import Contract, ContractStatus
from marketplace.endorsements.models import Endorsement
from marketplace.firms.selectors import firm_ids_of_user
from marketplace.profiles.models import FreelancerProfile, ProfileVisibility
from marketplace.reviews.selectors import RatingSummary, freelancer_rating_map

RATING_FULL_CONFIDENCE_REVIEWS = 5
CONTRACTS_CAP = 10
PEERS_CAP = 10
PEERS_SHARE = Fraction(1, 2)
SHARED_CONTRACT_FACTOR = Fraction(3, 2)
CENT = Decimal("0.01")


def endorsement_counting_q(prefix: str = "") -> Q:
    return Q(
        **{
            f"{prefix}withdrawn_at__isnull": True,
            f"{prefix}endorser__visibility": ProfileVisibility.PUBLIC,
            f"{prefix}endorser__user__is_active": True,
        }
    )


def endorsement_list_counting(*, endorsee_id: int) -> QuerySet[Endorsement]:
    """The endorsements a profile shows, newest first, with endorser and skill loaded."""
    return (
        Endorsement.objects.filter(endorsement_counting_q(), endorsee_id=endorsee_id)
        .select_related("endorser__user", "skill")
        .order_by("-created_at", "-id")
    )


def endorsement_get_active(*, endorsement_id: int) -> Endorsement:
    """An active endorsement by id (anyone may see those that count); `NotFound` otherwise."""
    endorsement = (
        Endorsement.objects.select_related("endorser")
        .filter(pk=endorsement_id, withdrawn_at__isnull=True)
        .first()
    )
    if endorsement is None:
        raise NotFound()
    return endorsement


@dataclass(frozen=True)
class Standing:
    rating: RatingSummary
    completed_contracts: int
    endorsers: int

    @property
    def value(self) -> Fraction:
        return standing_value(
            rating=self.rating,
            completed_contracts=self.completed_contracts,
            endorsers=self.endorsers,
        )


def standing_value(*, rating: RatingSummary, completed_contracts: int, endorsers: int) -> Fraction:
    rating_part = Fraction(0)
    if rating.average is not None:
        stars = Fraction(rating.average) - 3
        quality = min(max(stars / 2, Fraction(0)), Fraction(1))
        confidence = Fraction(min(rating.count, RATING_FULL_CONFIDENCE_REVIEWS))
        rating_part = quality * confidence / RATING_FULL_CONFIDENCE_REVIEWS
    contracts_part = Fraction(min(completed_contracts, CONTRACTS_CAP), CONTRACTS_CAP)
    peers_part = Fraction(min(endorsers, PEERS_CAP), PEERS_CAP) * PEERS_SHARE
    return 1 + rating_part + contracts_part + peers_part


def endorsement_weight(*, standing: Fraction, shared_contract: bool) -> Decimal:
    value = standing * SHARED_CONTRACT_FACTOR if shared_contract else standing
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(CENT, ROUND_HALF_UP)


def standing_map(*, profile_ids: Iterable[int]) -> dict[int, Standing]:
    """Each profile's standing as an endorser, in three queries whatever the number of ids."""
    from marketplace.contracts.models import Contract

    ids = sorted(set(profile_ids))
    if not ids:
        return {}
    ratings = freelancer_rating_map(profile_ids=ids)
    completed = dict(
        Contract.objects.filter(freelancer_id__in=ids, status=ContractStatus.COMPLETED)
        .values("freelancer_id")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("freelancer_id", "n")
    )
    endorsers = dict(
        Endorsement.objects.filter(endorsement_counting_q(), endorsee_id__in=ids)
        .values("endorsee_id")
        .annotate(n=Count("endorser_id", distinct=True))
        .order_by()
        .values_list("endorsee_id", "n")
    )
    return {
        pid: Standing(
            rating=ratings.get(pid, RatingSummary()),
            completed_contracts=completed.get(pid, 0),
            endorsers=endorsers.get(pid, 0),
        )
        for pid in ids
    }


@dataclass(frozen=True)
class SkillEndorsements:
    """`peers` distinct freelancers vouch for the skill; `weight` sums their weights."""

    peers: int
    weight: Decimal


@dataclass(frozen=True)
class ProfileReputation:
    """What matching reads about a freelancer: the public rating and endorsements per skill."""

    rating_average: Decimal | None
    rating_count: int
    endorsements: dict[int, SkillEndorsements] = field(default_factory=dict)


def endorsement_weights(endorsements: Iterable[Any]) -> dict[int, Decimal]:
    """Weight of each endorsement (by id); rows need `endorser_id` and `contract_id`."""
    rows = list(endorsements)
    standings = standing_map(profile_ids=[row.endorser_id for row in rows])
    return {
        row.id: endorsement_weight(
            standing=standings[row.endorser_id].value, shared_contract=row.contract_id is not None
        )
        for row in rows
    }


def profile_reputation_map(*, profile_ids: Iterable[int]) -> dict[int, ProfileReputation]:
    """Reputation of each profile in `profile_ids`, for matching's score and the profile page.

    Every requested id gets an entry (no reviews and no endorsements → `None`, 0, `{}`).
    `endorsements` maps a skill id to its counting endorsements, only for skills the profile
    still lists. Six queries whatever the number of ids.
    """
    from marketplace.profiles.models import ProfileSkill

    ids = sorted(set(profile_ids))
    ratings = freelancer_rating_map(profile_ids=ids)
    listed = set(
        ProfileSkill.objects.filter(profile_id__in=ids).values_list("profile_id", "skill_id")
    )
    rows = [
        row
        for row in Endorsement.objects.filter(endorsement_counting_q(), endorsee_id__in=ids).only(
            "id", "endorser_id", "endorsee_id", "skill_id", "contract_id"
        )
        if (row.endorsee_id, row.skill_id) in listed
    ]
    weights = endorsement_weights(rows)
    per_skill: dict[int, dict[int, tuple[set[int], Decimal]]] = {}
    for row in rows:
        skills = per_skill.setdefault(row.endorsee_id, {})
        endorsers, total = skills.get(row.skill_id, (set(), Decimal(0)))
        endorsers.add(row.endorser_id)
        skills[row.skill_id] = (endorsers, total + weights[row.id])
    result: dict[int, ProfileReputation] = {}
    for pid in ids:
        rating = ratings.get(pid, RatingSummary())
        result[pid] = ProfileReputation(
            rating_average=rating.average,
            rating_count=rating.count,
            endorsements={
                skill_id: SkillEndorsements(peers=len(endorsers), weight=total)
                for skill_id, (endorsers, total) in sorted(per_skill.get(pid, {}).items())
            },
        )
    return result


def profile_endorsed_ids(*, profile_ids: Iterable[int]) -> set[int]:
    """Profiles the given profiles actively endorse (their weights follow the endorsers')."""
    return set(
        Endorsement.objects.filter(
            endorser_id__in=list(profile_ids), withdrawn_at__isnull=True
        ).values_list("endorsee_id", flat=True)
    )


def contracts_shared_with(
    *, endorser: FreelancerProfile, endorsee: FreelancerProfile
) -> QuerySet[Contract]:
    """The endorsee's contracts the endorser shared (docs/trust.md), newest first:

    - the endorser is a member of the contract's hiring firm (they saw the work as the client), or
    - the endorser had a contract of their own with the same firm whose time (creation to end,
      or now while active) overlaps this one's (they worked side by side for that client).
    """
    side_by_side = Contract.objects.filter(
        Q(ended_at__isnull=True) | Q(ended_at__gte=OuterRef("created_at")),
        freelancer=endorser,
        firm_id=OuterRef("firm_id"),
        created_at__lte=Coalesce(
            OuterRef("ended_at"), Value(timezone.now(), output_field=DateTimeField())
        ),
    )
    return (
        Contract.objects.filter(freelancer=endorsee)
        .filter(Q(firm_id__in=firm_ids_of_user(user=endorser.user)) | Exists(side_by_side))
        .order_by("-created_at", "-id")
    )
