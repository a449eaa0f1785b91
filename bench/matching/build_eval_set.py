"""Build the matching evaluation set from O*NET 29.3 (see README.md): 48 gigs, 1,200 profiles.

Relevance labels come from the O*NET-SOC occupation each gig and profile is drawn from — an
independent source the matcher never sees: grade 2 = same occupation (O*NET-SOC code),
grade 1 = same SOC broad occupation (first five digits), 0 otherwise.

Usage: .venv/bin/python bench/matching/build_eval_set.py  (writes eval_set.json next to it)
"""

from __future__ import annotations

import json
import random
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(REPO / "backend"))
sys.path.insert(0, str(HERE))

from onet import rows  # noqa: E402

from marketplace.skills.normalize import normalize_skill_name as norm  # noqa: E402

SEED = 20261122
N_GIGS = 48
N_PROFILES = 1200
VENDORS = ("microsoft", "adobe", "oracle", "apple", "google", "ibm", "sap", "autodesk", "the")
TIME_ZONES = [
    ("Europe/Berlin", 30),
    ("Europe/London", 15),
    ("Europe/Paris", 15),
    ("America/New_York", 12),
    ("America/Los_Angeles", 6),
    ("Asia/Kolkata", 10),
    ("Asia/Manila", 4),
    ("Australia/Sydney", 3),
    ("America/Sao_Paulo", 5),
]
LANGS = [("en", 0.95), ("de", 0.35), ("fr", 0.2), ("es", 0.15)]


def _taxonomy_index() -> dict[str, str]:
    tax = json.loads((REPO / "backend/marketplace/skills/data/skills.json").read_text())
    index: dict[str, str] = {}
    for s in tax["skills"]:
        for key in [s["slug"], *s["labels"].values(), *s.get("aliases", [])]:
            index.setdefault(norm(key), s["slug"])
    return index


def _resolve(example: str, index: dict[str, str]) -> str | None:
    key = norm(example)
    if key in index:
        return index[key]
    for vendor in VENDORS:
        if key.startswith(vendor) and key[len(vendor) :] in index:
            return index[key[len(vendor) :]]
    return None


def build() -> dict[str, object]:
    rng = random.Random(SEED)  # noqa: S311  (evaluation data, not secrets)
    index = _taxonomy_index()
    skills: dict[str, list[str]] = defaultdict(list)  # occupation → slugs, hot ones first
    hot: dict[str, set[str]] = defaultdict(set)
    for code, _title, example, _cc, _ct, hot_flag, *_rest in list(rows("Technology Skills.xlsx"))[
        1:
    ]:
        slug = _resolve(example, index)
        if slug and slug not in skills[code]:
            skills[code].append(slug)
        if slug and hot_flag == "Y":
            hot[code].add(slug)
    for code, listed in skills.items():
        order = {slug: i for i, slug in enumerate(listed)}
        hot_here = hot[code]

        def key(slug: str, o: dict[str, int] = order, h: set[str] = hot_here) -> tuple[bool, int]:
            return (slug not in h, o[slug])

        listed.sort(key=key)
    titles: dict[str, list[str]] = defaultdict(list)
    for code, _t, alt, *_r in list(rows("Alternate Titles.xlsx"))[1:]:
        titles[code].append(alt)
    descriptions = {code: desc for code, _t, desc in list(rows("Occupation Data.xlsx"))[1:]}
    eligible = sorted(c for c, s in skills.items() if len(s) >= 5 and titles.get(c))
    gig_occupations = sorted(rng.sample([c for c in eligible if len(skills[c]) >= 8], N_GIGS))
    all_slugs = sorted({s for ss in skills.values() for s in ss})

    gigs = []
    for i, code in enumerate(gig_occupations):
        top = skills[code][:10]
        required = rng.sample(top, 4)
        nice = rng.sample([s for s in skills[code] if s not in required], 2)
        sentences = descriptions[code].split(". ")
        tz = rng.choice(["Europe/Berlin", "Europe/London", "Europe/Paris", "America/New_York"])
        gigs.append(
            {
                "key": f"g{i}",
                "occupation": code,
                "title": rng.choice(titles[code]),
                "description": ". ".join(sentences[:2]),
                "required": required,
                "nice": nice,
                "engagement_type": "hourly",
                "budget_min": rng.choice([3000, 4000, 5000]),
                "budget_max": rng.choice([7000, 9000, 12000]),
                "currency": "EUR",
                "hours_per_week": rng.choice([None, 10, 20, 40]),
                "languages": ["de"] if tz == "Europe/Berlin" and rng.random() < 0.3 else [],
                "time_zone": tz,
                "overlap_hours": rng.choice([0, 2, 4]),
            }
        )

    profiles = []
    for i in range(N_PROFILES):
        code = rng.choice(gig_occupations) if rng.random() < 0.4 else rng.choice(eligible)
        own = skills[code]
        k = max(3, min(12, round(len(own) * rng.uniform(0.3, 0.7))))
        held = rng.sample(own[: max(k, 10)], min(k, len(own[: max(k, 10)])))
        if rng.random() < 0.6:
            held.append(rng.choice(all_slugs))
        languages = [code_ for code_, p in LANGS if rng.random() < p] or ["en"]
        profiles.append(
            {
                "key": f"p{i}",
                "occupation": code,
                "headline": rng.choice(titles[code]),
                "bio": rng.choice(
                    [
                        "Freelancer for small businesses.",
                        "Independent professional, remote first.",
                        "I help teams ship their projects.",
                    ]
                ),
                "skills": sorted(set(held)),
                "rate": rng.choice([3500, 5000, 6500, 8000, 10000, 14000]),
                "currency": "EUR" if rng.random() < 0.85 else "USD",
                "time_zone": rng.choices([t for t, _w in TIME_ZONES], [w for _t, w in TIME_ZONES])[
                    0
                ],
                "hours_per_week": rng.choice([10, 20, 30, 40]),
                "languages": sorted(set(languages)),
            }
        )
    return {
        "source": "O*NET 29.3 Database (USDOL/ETA), CC BY 4.0",
        "seed": SEED,
        "grading": "2 = same O*NET-SOC code; 1 = same SOC broad occupation (first 6 chars); 0",
        "gigs": gigs,
        "profiles": profiles,
    }


if __name__ == "__main__":
    data = build()
    (HERE / "eval_set.json").write_text(json.dumps(data, indent=0, ensure_ascii=False) + "\n")
    print(f"wrote {len(data['gigs'])} gigs and {len(data['profiles'])} profiles")  # type: ignore[arg-type]
