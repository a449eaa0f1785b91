"""The match score: one documented formula shared by every backend (see docs/matching.md).

Backends only *retrieve* candidates (skill lookups, filters, full-text); this module ranks
them, so the database and Elasticsearch backends rank the same way and every hit carries the
same structured reasons. Each component is in [0, 1]; the score is their weighted sum × 100.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

# Chosen on the even-numbered gigs of the evaluation set (docs/matching.md); the score is
# normalised by their sum, so only their ratios matter.
WEIGHTS: dict[str, float] = {
    "required": 0.30,
    "nice": 0.10,
    "text": 0.25,
    "rate": 0.10,
    "overlap": 0.10,
    "availability": 0.08,
    "language": 0.07,
    "reputation": 0.03,
    "activity": 0.02,
}
WEIGHT_TOTAL = sum(WEIGHTS.values())
# A required skill the profile lacks but holds a related skill for counts this much.
RELATED_CREDIT = 0.5
# Completed contracts at which reputation reaches one half (n / (n + K)).
REPUTATION_HALF = 3
# Days after which recent activity has decayed to one half.
ACTIVITY_HALF_LIFE_DAYS = 30
# A rate this share above the budget's maximum scores zero on rate fit.
RATE_TOLERANCE = 0.5
WEEKS_PER_MONTH = 4.33

_WORD = re.compile(r"[\w#+]+", re.UNICODE)
_STOP = frozenset(
    {
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
    }
)


def terms(text: str) -> frozenset[str]:
    """Lower-cased words of three or more characters, without common en/de/fr stop words."""
    return (
        frozenset(w for w in (m.group(0).casefold() for m in _WORD.finditer(text)) if len(w) > 2)
        - _STOP
    )


def text_relevance(
    query_terms: frozenset[str], doc_text: str, *, cap: int = 12, doc_terms: Any = None
) -> float:
    """Share of the query's terms found in the document (at most `cap` terms need match).

    `doc_terms` are the document's precomputed terms (documents carry them as "terms")."""
    if not query_terms:
        return 0.0
    found = len(query_terms.intersection(doc_terms if doc_terms is not None else terms(doc_text)))
    return min(1.0, found / min(len(query_terms), cap))


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


def score_pair(
    *,
    gig: dict[str, Any],
    profile: dict[str, Any],
    related: dict[int, set[int]],
    query_terms: frozenset[str] | None = None,
    now: dt.datetime,
    min_coverage: float = 0.5,
) -> Scored | None:
    """Score `profile` against `gig`; None when required-skill coverage is below the threshold."""
    have = {int(k) for k in profile["skills"]}
    reasons: list[Reason] = []
    c: dict[str, float] = {}

    required = gig["required"]
    exact = [s for s in required if s in have]
    partial = [s for s in required if s not in have and related.get(s, set()) & have]
    missing = [s for s in required if s not in have and s not in partial]
    if required:
        c["required"] = (len(exact) + RELATED_CREDIT * len(partial)) / len(required)
        if c["required"] < min_coverage:
            return None
        reasons.append(
            Reason(
                "required_skills",
                {"matched": len(exact), "total": len(required), "missing": [*partial, *missing]},
            )
        )
        if partial:
            reasons.append(Reason("related_skills", {"skills": partial}))
    else:
        c["required"] = 1.0

    nice = gig["nice"]
    if nice:
        hit = sum(
            1.0 if s in have else RELATED_CREDIT if related.get(s, set()) & have else 0.0
            for s in nice
        )
        c["nice"] = hit / len(nice)
        if hit:
            reasons.append(
                Reason("nice_skills", {"matched": sum(s in have for s in nice), "total": len(nice)})
            )
    else:  # no nice-to-haves: the weight goes to the required skills, not to a free point
        c["nice"] = c["required"]

    if query_terms is not None:
        qterms = query_terms
    else:
        qterms = frozenset(gig["terms"]) if "terms" in gig else terms(gig["text"])
    c["text"] = text_relevance(qterms, profile["text"], doc_terms=profile.get("terms"))

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

    n = profile.get("completed_contracts", 0)
    # Hook: ratings and endorsements join here once they exist (a mean rating in [0, 1]).
    c["reputation"] = n / (n + REPUTATION_HALF)
    if n:
        reasons.append(Reason("completed_contracts", {"count": n}))

    last = dt.datetime.fromisoformat(profile["last_active"])
    days = max(0.0, (now - last).total_seconds() / 86400)
    c["activity"] = math.pow(0.5, days / ACTIVITY_HALF_LIFE_DAYS)

    score = 100 * sum(WEIGHTS[name] * value for name, value in c.items()) / WEIGHT_TOTAL
    return Scored(score=round(score, 3), components=c, reasons=reasons, missing_required=missing)
