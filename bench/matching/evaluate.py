"""`make eval`: NDCG@10 and Recall@20 of the matcher and two baselines on the O*NET set.

Runs on a throw-away database (DATABASE_URL, SQLite by default from the make target): migrate,
load the taxonomy and `eval_set.json`, build the index, then rank every gig's freelancers with
- matcher:  `match_freelancers_for_gig` (the database backend; ES where SEARCH_BACKEND says so),
- text:     full-text relevance only (the scorer's text component over every profile),
- skills:   the number of the gig's required skills a profile holds.
Labels are the O*NET occupation grades in the set (see README.md), never the matcher's features.
"""

from __future__ import annotations

import json
import math
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent / "backend"))
sys.path.insert(0, str(HERE))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from load import load_gigs, load_profiles  # noqa: E402

from matching.documents import gig_document  # noqa: E402
from matching.models import IndexedProfile  # noqa: E402
from matching.scoring import terms, text_relevance  # noqa: E402
from matching.selectors import match_freelancers_for_gig  # noqa: E402
from matching.services import search_rebuild  # noqa: E402

K_NDCG, K_RECALL = 10, 20


def grade(gig_occ: str, prof_occ: str) -> int:
    if gig_occ == prof_occ:
        return 2
    return 1 if gig_occ[:6] == prof_occ[:6] else 0


def ndcg(ranked: list[int], grades: dict[int, int], k: int) -> float:
    dcg = sum((2 ** grades.get(p, 0) - 1) / math.log2(i + 2) for i, p in enumerate(ranked[:k]))
    ideal = sorted(grades.values(), reverse=True)[:k]
    idcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def recall(ranked: list[int], grades: dict[int, int], k: int) -> float:
    relevant = {p for p, g in grades.items() if g > 0}
    return len(relevant & set(ranked[:k])) / len(relevant) if relevant else 0.0


def main() -> None:
    data = json.loads((HERE / "eval_set.json").read_text())
    call_command("migrate", verbosity=0)
    call_command("skills_load", verbosity=0)
    profile_ids = load_profiles(data["profiles"], prefix="eval-")
    occ_of = {
        pid: row["occupation"] for pid, row in zip(profile_ids, data["profiles"], strict=True)
    }
    gigs = load_gigs(data["gigs"], prefix="eval-")
    search_rebuild()
    docs = dict(IndexedProfile.objects.values_list("pk", "doc"))

    scores: dict[str, list[tuple[float, float]]] = {"matcher": [], "text": [], "skills": []}
    for gig, row in zip(gigs, data["gigs"], strict=True):
        grades = {pid: g for pid, occ in occ_of.items() if (g := grade(row["occupation"], occ))}
        gdoc = gig_document(gig=gig)
        ranked = {
            "matcher": [
                h.doc["id"] for h in match_freelancers_for_gig(gig=gig, limit=K_RECALL).hits
            ],
        }
        qterms = terms(gdoc["text"])
        ranked["text"] = sorted(docs, key=lambda p: (-text_relevance(qterms, docs[p]["text"]), p))
        required = set(gdoc["required"])
        ranked["skills"] = sorted(
            docs, key=lambda p: (-len(required & {int(s) for s in docs[p]["skills"]}), p)
        )
        for name, ids in ranked.items():
            scores[name].append((ndcg(ids, grades, K_NDCG), recall(ids, grades, K_RECALL)))

    print(
        f"{'system':<8} {'NDCG@10':>8} {'Recall@20':>10}   ({len(gigs)} gigs, {len(docs)} profiles)"
    )
    means = {}
    for name, values in scores.items():
        n = sum(v[0] for v in values) / len(values)
        r = sum(v[1] for v in values) / len(values)
        means[name] = n
        print(f"{name:<8} {n:>8.3f} {r:>10.3f}")
    m, t, k = means["matcher"], means["text"], means["skills"]
    print(f"eval ndcg10 matcher={m:.3f} text={t:.3f} skills={k:.3f}")


if __name__ == "__main__":
    main()
