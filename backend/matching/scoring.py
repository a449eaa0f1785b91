"""The match score: one documented formula shared by every backend (see docs/matching.md).

Backends only *retrieve* candidates (skill lookups, filters, full-text); this module ranks
them, so the database and Elasticsearch backends rank the same way and every hit carries the
same structured reasons. Each component is in [0, 1]; the score is their weighted sum × 100.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

# Fit (skills and text) carries 0.75 and the logistics the labels of the evaluation set cannot
# judge carry 0.25 (a product choice, not tuned); the split inside each part was chosen on the
# even-numbered gigs of the evaluation set (docs/matching.md). Only the ratios matter.
WEIGHTS: dict[str, float] = {
    "required": 0.34,
    "nice": 0.04,
    "text": 0.37,
    "rate": 0.06,
    "overlap": 0.06,
    "availability": 0.05,
    "language": 0.045,
    "reputation": 0.02,
    "activity": 0.015,
}
WEIGHT_TOTAL = sum(WEIGHTS.values())
# A required skill the profile lacks but holds a related skill for counts this much.
RELATED_CREDIT = 0.5
# Completed contracts at which reputation reaches one half (n / (n + K)).
REPUTATION_HALF = 3
# Bayesian mean rating: every freelancer starts with this many pseudo-reviews of this many
# stars, so one 5-star review moves the mean a little and twenty move it most of the way.
RATING_PRIOR_STARS = 3.5
RATING_PRIOR_REVIEWS = 5
# Summed endorsement weight on one skill at which that skill's credit reaches one half
# (w / (w + K)); one endorsement weighs 1 … 5.25 (docs/trust.md).
ENDORSEMENT_HALF = 3.0
# The blend inside reputation: contracts, rating, endorsements on the gig's skills.
REPUTATION_SHARES = {"contracts": 0.4, "rating": 0.4, "endorsements": 0.2}
# Days after which recent activity has decayed to one half.
ACTIVITY_HALF_LIFE_DAYS = 30
# A rate this share above the budget's maximum scores zero on rate fit.
RATE_TOLERANCE = 0.5
WEEKS_PER_MONTH = 4.33

_WORD = re.compile(r"[\w#+]+", re.UNICODE)
# Common en/de/fr words that say nothing about a gig or a freelancer.
_STOP = frozenset(
    [
        "the",
        "and",
        "for",
        "with",
        "you",
        "your",
        "our",
        "are",
        "will",
        "who",
        "can",
        "from",
        "this",
        "that",
        "into",
        "have",
        "has",
        "not",
        "der",
        "die",
        "das",
        "und",
        "mit",
        "für",
        "ein",
        "eine",
        "wir",
        "sie",
        "ist",
        "von",
        "auf",
        "den",
        "dem",
        "des",
        "zu",
        "im",
        "les",
        "une",
        "pour",
        "avec",
        "vous",
        "nous",
        "est",
        "dans",
        "sur",
        "par",
        "aux",
        "qui",
        "que",
    ]
)


def terms(text: str) -> frozenset[str]:
    """Lower-cased words of three or more characters, without common en/de/fr stop words."""
    return (
        frozenset(w for w in (m.group(0).casefold() for m in _WORD.finditer(text)) if len(w) > 2)
        - _STOP
    )


def text_relevance(query_terms: frozenset[str], doc_text: str, *, cap: int = 12) -> float:
    """Share of the query's terms found in the document (at most `cap` terms need match).

    The simple relevance of gig search and of the evaluation's text-only baseline; matching
    uses `bm25` against the statistics of the candidate pool instead."""
    if not query_terms:
        return 0.0
    return min(1.0, len(query_terms.intersection(terms(doc_text))) / min(len(query_terms), cap))


def tokens(text: str) -> Counter[str]:
    """Term frequencies of `text` (same words as `terms`, with repeats)."""
    words = (m.group(0).casefold() for m in _WORD.finditer(text))
    return Counter(w for w in words if len(w) > 2 and w not in _STOP)


def doc_tokens(doc: dict[str, Any]) -> Counter[str]:
    """A document's term frequencies: counted at indexing ("tf"), else from its text."""
    tf = doc.get("tf")
    return Counter(tf) if tf is not None else tokens(doc.get("text", ""))


# BM25's usual constants: term-frequency saturation and length normalisation.
BM25_K1, BM25_B = 1.2, 0.75


@dataclass
class Pool:
    """Statistics of the documents ranked together (the candidate pool of one request).

    Text relevance is BM25 with document frequencies from the pool, and a required skill that
    most candidates hold tells them apart less than a rare one, so skill coverage is weighted
    by the skill's rarity in the pool. Statistics from the pool need no corpus-wide table, are
    the same whichever backend retrieved the pool, and are never stale."""

    size: int = 0
    avg_len: float = 1.0
    term_df: Counter[str] = field(default_factory=Counter)
    skill_df: Counter[int] = field(default_factory=Counter)

    @classmethod
    def of(cls, docs: list[dict[str, Any]], tfs: list[Counter[str]]) -> Pool:
        term_df: Counter[str] = Counter()
        skill_df: Counter[int] = Counter()
        for doc, tf in zip(docs, tfs, strict=True):
            term_df.update(tf.keys())
            skill_df.update(int(s) for s in doc.get("skills", ()))
        length = sum(sum(tf.values()) for tf in tfs) / len(tfs) if tfs else 1.0
        return cls(len(docs), max(length, 1.0), term_df, skill_df)

    def idf(self, term: str) -> float:
        df = self.term_df.get(term, 0)
        return math.log(1 + (self.size - df + 0.5) / (df + 0.5))

    def skill_weight(self, skill_id: int) -> float:
        return math.log(1 + self.size / (1 + self.skill_df.get(skill_id, 0)))

    def bm25(self, query_terms: frozenset[str], tf: Counter[str]) -> float:
        length = sum(tf.values())
        norm = BM25_K1 * (1 - BM25_B + BM25_B * length / self.avg_len)
        return sum(
            self.idf(t) * tf[t] * (BM25_K1 + 1) / (tf[t] + norm) for t in query_terms if t in tf
        )


@dataclass(frozen=True)
class Reason:
    code: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class Scored:
    score: float
    components: dict[str, float]
    reasons: list[Reason]
    missing_required: list[int]


@lru_cache(maxsize=4096)
def _utc_window(tz: str, start: int, end: int, day: dt.date) -> tuple[int, int]:
    """The working window in UTC minutes on `day`; end > start (a window past midnight wraps)."""
    zone = ZoneInfo(tz)
    local = dt.datetime.combine(day, dt.time(start // 60, start % 60), tzinfo=zone)
    offset = local.utcoffset() or dt.timedelta(0)
    utc_start = start - int(offset.total_seconds() // 60)
    length = (end - start) % 1440 or (1440 if end == start else 0)
    return utc_start, utc_start + length


def overlap_hours(a: tuple[str, int, int], b: tuple[str, int, int], day: dt.date) -> float:
    """Hours two daily working windows (time zone, start, end in local minutes) share."""
    a0, a1 = _utc_window(a[0], a[1], a[2], day)
    b0, b1 = _utc_window(b[0], b[1], b[2], day)
    total = sum(max(0, min(a1, b1 + shift) - max(a0, b0 + shift)) for shift in (-1440, 0, 1440))
    return min(total, a1 - a0, b1 - b0) / 60


def implied_hourly_budget(gig: dict[str, Any]) -> tuple[int, int] | None:
    """The gig's budget as an hourly range, when the gig says enough to derive one."""
    low, high = gig["budget_min"], gig["budget_max"]
    hours = gig.get("hours_per_week")
    if gig["engagement_type"] == "hourly":
        return low, high
    if not hours:
        return None
    if gig["engagement_type"] == "retainer":
        monthly_hours = hours * WEEKS_PER_MONTH
        return int(low / monthly_hours), int(high / monthly_hours)
    weeks = gig.get("duration_weeks")
    if not weeks:
        return None
    return int(low / (hours * weeks)), int(high / (hours * weeks))


def _rate(gig: dict[str, Any], profile: dict[str, Any]) -> tuple[float, Reason | None]:
    rate = profile.get("rate")
    if rate is None:
        return 0.5, None
    if profile["currency"] != gig["currency"]:
        # No exchange rates: a rate in another currency is neither rewarded nor punished.
        return 0.5, Reason("rate_other_currency", {"currency": profile["currency"]})
    budget = implied_hourly_budget(gig)
    if budget is None:
        return 0.5, None
    if rate <= budget[1]:
        return 1.0, Reason("rate_within_budget")
    over = (rate - budget[1]) / max(budget[1], 1)
    return max(0.0, 1 - over / RATE_TOLERANCE), Reason(
        "rate_above_budget", {"percent": round(over * 100)}
    )


def _availability(
    gig: dict[str, Any], profile: dict[str, Any], today: dt.date
) -> tuple[float, list[Reason]]:
    reasons: list[Reason] = []
    hours = 1.0
    need = gig.get("hours_per_week")
    if need:
        hours = min(1.0, profile["hours_per_week"] / need)
        reasons.append(
            Reason(
                "hours_enough" if hours >= 1 else "hours_short",
                {"hours": profile["hours_per_week"]},
            )
        )
    start = dt.date.fromisoformat(gig["start_date"]) if gig.get("start_date") else today
    available = profile.get("available_from")
    when = 1.0
    if available:
        late_days = (dt.date.fromisoformat(available) - max(start, today)).days
        if late_days > 0:
            when = max(0.0, 1 - late_days / 60)
            reasons.append(Reason("available_later", {"date": available}))
    return (hours + when) / 2, reasons


def _credit(skill_id: int, have: set[int], related: dict[int, set[int]]) -> float:
    if skill_id in have:
        return 1.0
    return RELATED_CREDIT if related.get(skill_id, set()) & have else 0.0


def _coverage(skills: list[int], have: set[int], related: dict[int, set[int]], pool: Pool) -> float:
    """Credit for `skills`, each weighted by its rarity in the pool (uniform without a pool)."""
    weights = [pool.skill_weight(s) if pool.size else 1.0 for s in skills]
    held = sum(w * _credit(s, have, related) for s, w in zip(skills, weights, strict=True))
    return held / sum(weights)


def required_coverage(required: list[int], have: set[int], related: dict[int, set[int]]) -> float:
    """The exclusion rule's coverage: (exact + 0.5 × related) / #required, unweighted, so the
    rule reads as the explanation does ("2 of 4 required skills")."""
    if not required:
        return 1.0
    return sum(_credit(s, have, related) for s in required) / len(required)


def bayesian_rating(profile: dict[str, Any]) -> float:
    """The Bayesian mean rating in stars: (K × m + n × average) / (K + n), prior m = 3.5 stars
    from K = 5 pseudo-reviews; without a published review it is the prior, 3.5."""
    n = int(profile.get("rating_count") or 0)
    average = profile.get("rating_average")
    if not n or average is None:
        return RATING_PRIOR_STARS
    return (RATING_PRIOR_REVIEWS * RATING_PRIOR_STARS + n * float(average)) / (
        RATING_PRIOR_REVIEWS + n
    )


def endorsement_credit(profile: dict[str, Any], skills: list[int]) -> float:
    """Mean over `skills` of w / (w + 3), w the summed endorsement weight on the skill; 0
    without skills. Bounded below 1 however many endorsements pile onto one skill."""
    if not skills:
        return 0.0
    endorsed = profile.get("endorsements") or {}
    total = 0.0
    for skill_id in skills:
        weight = float(endorsed.get(str(skill_id), {}).get("weight", 0.0))
        total += weight / (weight + ENDORSEMENT_HALF)
    return total / len(skills)


def reputation(profile: dict[str, Any], skills: list[int] | None = None) -> float:
    """Reputation in [0, 1]: 0.4 × contracts + 0.4 × rating + 0.2 × endorsements.

    contracts: completed contracts n ↦ n / (n + 3). rating: the Bayesian mean rating
    (`bayesian_rating`, prior 3.5 stars from 5 pseudo-reviews) mapped from 1…5 stars to 0…1,
    so a freelancer without reviews gets 0.625. endorsements: `endorsement_credit` on `skills`
    (the gig's required skills, else its nice-to-haves; none in a search without skills)."""
    n = int(profile.get("completed_contracts", 0))
    contracts = n / (n + REPUTATION_HALF)
    rating = (bayesian_rating(profile) - 1) / 4
    endorsements = endorsement_credit(profile, list(skills or []))
    return (
        REPUTATION_SHARES["contracts"] * contracts
        + REPUTATION_SHARES["rating"] * rating
        + REPUTATION_SHARES["endorsements"] * endorsements
    )


def _reputation_reasons(profile: dict[str, Any], skills: list[int]) -> list[Reason]:
    reasons: list[Reason] = []
    n = profile.get("completed_contracts", 0)
    if n:
        reasons.append(Reason("completed_contracts", {"count": n}))
    if profile.get("rating_count") and profile.get("rating_average") is not None:
        reasons.append(
            Reason(
                "rated",
                {"average": profile["rating_average"], "count": profile["rating_count"]},
            )
        )
    endorsed = profile.get("endorsements") or {}
    for skill_id in skills:
        peers = int(endorsed.get(str(skill_id), {}).get("peers", 0))
        if peers:
            reasons.append(Reason("endorsed_skill", {"skills": [skill_id], "peers": peers}))
    return reasons


def score_pair(
    *,
    gig: dict[str, Any],
    profile: dict[str, Any],
    related: dict[int, set[int]],
    now: dt.datetime,
    text: float = 0.0,
    pool: Pool | None = None,
    min_coverage: float = 0.5,
) -> Scored | None:
    """Score `profile` against `gig`; None when required-skill coverage is below the threshold.

    `text` is the text relevance in [0, 1] the caller computed over the pool (`rank_pool`);
    `pool` gives the skills' rarity weights (none: every skill weighs the same)."""
    have = {int(k) for k in profile["skills"]}
    pool = pool or Pool()
    reasons: list[Reason] = []
    c: dict[str, float] = {}

    required = gig["required"]
    partial = [s for s in required if s not in have and related.get(s, set()) & have]
    missing = [s for s in required if s not in have and s not in partial]
    if required:
        if required_coverage(required, have, related) < min_coverage:
            return None
        c["required"] = _coverage(required, have, related, pool)
        matched = len(required) - len(partial) - len(missing)
        reasons.append(
            Reason(
                "required_skills",
                {"matched": matched, "total": len(required), "missing": [*partial, *missing]},
            )
        )
        if partial:
            reasons.append(Reason("related_skills", {"skills": partial}))
    else:
        c["required"] = 1.0

    nice = gig["nice"]
    if nice:
        c["nice"] = _coverage(nice, have, related, pool)
        if c["nice"]:
            reasons.append(
                Reason("nice_skills", {"matched": sum(s in have for s in nice), "total": len(nice)})
            )
    else:  # no nice-to-haves: the weight goes to the required skills, not to a free point
        c["nice"] = c["required"]

    c["text"] = text

    c["rate"], rate_reason = _rate(gig, profile)
    if rate_reason:
        reasons.append(rate_reason)

    day = now.date()
    if gig.get("tz") and profile.get("tz"):
        hours = overlap_hours(
            (gig["tz"], gig["work_start"], gig["work_end"]),
            (profile["tz"], profile["work_start"], profile["work_end"]),
            day,
        )
        wanted = gig.get("overlap_hours") or 4
        c["overlap"] = min(1.0, hours / wanted)
        reasons.append(Reason("overlap", {"hours": round(hours, 1)}))
    else:
        c["overlap"] = 1.0

    c["availability"], avail_reasons = _availability(gig, profile, day)
    reasons.extend(avail_reasons)

    wanted_langs = set(gig["languages"])
    if wanted_langs:
        spoken = wanted_langs & set(profile["languages"])
        c["language"] = len(spoken) / len(wanted_langs)
        reasons.extend(Reason("speaks", {"language": code}) for code in sorted(spoken))
        reasons.extend(
            Reason("lacks_language", {"language": code}) for code in sorted(wanted_langs - spoken)
        )
    else:
        c["language"] = 1.0

    vouched = list(required or nice)
    c["reputation"] = reputation(profile, vouched)
    reasons.extend(_reputation_reasons(profile, vouched))

    last = dt.datetime.fromisoformat(profile["last_active"])
    days = max(0.0, (now - last).total_seconds() / 86400)
    c["activity"] = math.pow(0.5, days / ACTIVITY_HALF_LIFE_DAYS)

    score = 100 * sum(WEIGHTS[name] * value for name, value in c.items()) / WEIGHT_TOTAL
    return Scored(score=round(score, 3), components=c, reasons=reasons, missing_required=missing)


def rank_pool(
    *,
    gig: dict[str, Any],
    docs: list[dict[str, Any]],
    related: dict[int, set[int]],
    now: dt.datetime,
    min_coverage: float,
    query_terms: frozenset[str] | None = None,
) -> list[tuple[dict[str, Any], Scored]]:
    """Score every profile document of the pool against `gig`, best first (ties: lower id).

    Text relevance is the BM25 of the gig's words (title, description, skill labels; or
    `query_terms`) in each profile's text, over the pool's statistics, divided by the best in
    the pool so it lies in [0, 1]. The pool is the documents the exclusion rule keeps."""
    qterms = terms(gig["text"]) if query_terms is None else query_terms
    docs = [
        d
        for d in docs
        if required_coverage(gig["required"], {int(s) for s in d["skills"]}, related)
        >= min_coverage
    ]
    tfs = [doc_tokens(d) for d in docs]
    pool = Pool.of(docs, tfs)
    raw = [pool.bm25(qterms, tf) for tf in tfs]
    best = max(raw, default=0.0) or 1.0
    scored = []
    for doc, relevance in zip(docs, raw, strict=True):
        result = score_pair(
            gig=gig,
            profile=doc,
            related=related,
            now=now,
            text=relevance / best,
            pool=pool,
            min_coverage=min_coverage,
        )
        if result is not None:
            scored.append((doc, result))
    scored.sort(key=lambda pair: (-pair[1].score, pair[0]["id"]))
    return scored
