"""The one interface every matching backend implements.

A backend stores documents (see `matching.documents`) and *retrieves* candidates: profiles
that hold some of a gig's skills, gigs that ask for some of a profile's skills, and filtered
free-text search with facet counts. Ranking happens in `matching.scoring`, the same for every
backend, so a backend only decides who is considered — and the behavioural suite
(`tests/matching/backend_suite.py`) checks that every backend considers the same ones.
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any

from matching.scoring import required_coverage

Doc = dict[str, Any]

# Search ranks at most this many filtered candidates (the best by full-text rank, else the most
# recently active); facet counts cover the whole filtered set.
SEARCH_CANDIDATE_LIMIT = 1000
# Matching re-scores at most this many candidates, the ones holding the most wanted skills.
MATCH_CANDIDATE_LIMIT = 250


def rating_hundredths(doc: Doc) -> int | None:
    """A profile document's average rating × 100 (what the indexes store), None if unrated."""
    average = doc.get("rating_average")
    if average is None or not doc.get("rating_count"):
        return None
    return round(float(average) * 100)


@dataclass
class SkillQuery:
    """Who may be a candidate for a gig, and in which order the candidate cut is made.

    `weights`: the summed weight of the skills a profile holds orders the candidates (a
    required skill 3, a nice-to-have or related skill 1). `required`, `related` and
    `min_coverage`: the scorer's exclusion rule (`scoring.required_coverage`), applied before
    the cut, so the cut never spends a place on a profile the scorer would drop and the
    pre-filter never drops one it would rank."""

    weights: dict[int, int]
    required: list[int] = field(default_factory=list)
    related: dict[int, set[int]] = field(default_factory=dict)
    min_coverage: float = 0.0
    # Only profiles rated at least this (average × 100, see `rating_hundredths`); None: all.
    min_rating: int | None = None

    def eligible(self, skills: set[int]) -> bool:
        return required_coverage(self.required, skills, self.related) >= self.min_coverage

    def weight(self, skills: set[int]) -> int:
        return sum(self.weights.get(s, 0) for s in skills)

    def must_hold_any(self) -> set[int]:
        """Skills of which an eligible profile holds at least one (the GIN pre-filter)."""
        if self.required and self.min_coverage > 0:
            return set(self.required).union(*(self.related.get(s, set()) for s in self.required))
        return set(self.weights)


@dataclass
class ProfileFilters:
    q: str = ""
    skills: list[int] = field(default_factory=list)  # every one required (AND)
    currency: str = ""
    rate_min: int | None = None
    rate_max: int | None = None
    languages: list[str] = field(default_factory=list)  # every one required
    countries: list[str] = field(default_factory=list)
    min_hours_per_week: int | None = None
    available_by: dt.date | None = None
    min_completed_contracts: int | None = None
    min_rating: int | None = None  # average × 100; unrated profiles never pass


@dataclass
class GigFilters:
    q: str = ""
    skills: list[int] = field(default_factory=list)
    currency: str = ""
    budget_min: int | None = None  # the gig's budget_max must reach it
    budget_max: int | None = None  # the gig's budget_min must not exceed it
    languages: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    engagement_types: list[str] = field(default_factory=list)
    location_types: list[str] = field(default_factory=list)


@dataclass
class SearchResult:
    docs: list[Doc]
    total: int
    facets: dict[str, list[dict[str, Any]]]


class MatchingBackend(ABC):
    name: str = "base"

    @abstractmethod
    def index_profiles(self, *, docs: list[Doc]) -> None: ...

    @abstractmethod
    def delete_profiles(self, *, ids: list[int]) -> None: ...

    @abstractmethod
    def index_gigs(self, *, docs: list[Doc]) -> None: ...

    @abstractmethod
    def delete_gigs(self, *, ids: list[int]) -> None: ...

    @abstractmethod
    def indexed_ids(self, *, kind: str) -> set[int]:
        """Ids in the index; `kind` is "profile" or "gig"."""

    @abstractmethod
    def reset(self) -> None:
        """Empty the index (a rebuild follows)."""

    @abstractmethod
    def profile_candidates(
        self, *, query: SkillQuery, exclude_user_ids: set[int], limit: int
    ) -> list[Doc]:
        """Eligible profiles holding any weighted skill: the highest summed weight first, ties
        by id (see `SkillQuery`)."""

    @abstractmethod
    def gig_candidates(
        self, *, weights: dict[int, int], exclude_firm_ids: set[int], limit: int
    ) -> list[Doc]:
        """Open gigs asking for any skill in `weights`, the highest summed weight first."""

    @abstractmethod
    def search_profiles(self, *, filters: ProfileFilters, limit: int) -> SearchResult: ...

    @abstractmethod
    def search_gigs(self, *, filters: GigFilters, limit: int) -> SearchResult: ...

    def status(self) -> str:
        """What `/readyz` reports: "ok", or raise when the backend cannot be reached."""
        return "ok"

    def begin_rebuild(self) -> None:
        """Prepare a rebuild (ES: create a fresh versioned index); default: empty the index."""
        self.reset()

    def finish_rebuild(self) -> None:  # noqa: B027  (optional hook)
        """Publish a rebuild (ES: swap the alias atomically); default: nothing to do."""
