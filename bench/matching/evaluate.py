"""`make eval`: NDCG@10 and Recall@20 of the matcher and baselines on the O*NET set.

Runs on a throw-away database (DATABASE_URL, SQLite by default from the make target): migrate,
load the taxonomy and `eval_set.json`, build the index, then rank every gig's freelancers with
- matcher:    `match_freelancers_for_gig` on the database backend,
- matcher-es: the same on the Elasticsearch backend, against a throw-away osmem-server (the
              fake the test suite uses) unless EVAL_ELASTICSEARCH=0,
- text:       the issue's text-only baseline: share of the gig's words (title, description,
              skill labels) found in each profile's text (headline, bio, skill labels),
- text-bm25:  a stronger text-only baseline: BM25 over the same texts with statistics of all
              1,200 profiles (what a search engine would rank by),
- skills:     the number of the gig's required skills a profile holds.
Every baseline ranks all profiles; ties break on the profile id. Labels are the O*NET
occupation grades in the set (see docs/matching.md), never the matcher's features. Figures are
printed for the tuning half (even-numbered gigs, on which the weights were chosen), the
held-out half (odd-numbered gigs) and all gigs.
"""

from __future__ import annotations

import json
import math
import os
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent / "backend"))
sys.path.insert(0, str(HERE.parent.parent))  # tests.matching.es_transport (osmem)
sys.path.insert(0, str(HERE))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from load import load_gigs, load_profiles  # noqa: E402
from matching.documents import gig_document  # noqa: E402
from matching.models import IndexedProfile  # noqa: E402
from matching.scoring import Pool, terms, text_relevance, tokens  # noqa: E402
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


Split = dict[str, list[tuple[float, float]]]


def _rank_all(gigs: list[Any], rows: list[dict[str, Any]], occ_of: dict[int, str]) -> Split:
    docs = dict(IndexedProfile.objects.values_list("pk", "doc"))
    ids = sorted(docs)
    tfs = [tokens(docs[p]["text"]) for p in ids]
    corpus = Pool.of([docs[p] for p in ids], tfs)
    scores: Split = {name: [] for name in ("matcher", "text", "text-bm25", "skills")}
    for gig, row in zip(gigs, rows, strict=True):
        grades = {pid: g for pid, occ in occ_of.items() if (g := grade(row["occupation"], occ))}
        gdoc = gig_document(gig=gig)
        hits = match_freelancers_for_gig(gig=gig, limit=K_RECALL).hits
        qterms = terms(gdoc["text"])
        share = {p: text_relevance(qterms, docs[p]["text"]) for p in ids}
        bm25 = {p: corpus.bm25(qterms, tf) for p, tf in zip(ids, tfs, strict=True)}
        required = set(gdoc["required"])
        held = {p: len(required & {int(s) for s in docs[p]["skills"]}) for p in ids}
        ranked = {
            "matcher": [h.doc["id"] for h in hits],
            "text": sorted(ids, key=lambda p: (-share[p], p)),
            "text-bm25": sorted(ids, key=lambda p: (-bm25[p], p)),
            "skills": sorted(ids, key=lambda p: (-held[p], p)),
        }
        for name, order in ranked.items():
            scores[name].append((ndcg(order, grades, K_NDCG), recall(order, grades, K_RECALL)))
    return scores


def _on_elasticsearch(
    gigs: list[Any], rows: list[dict[str, Any]], occ_of: dict[int, str]
) -> list[tuple[float, float]] | None:
    """The matcher's figures on the Elasticsearch backend (osmem-server), or None if unavailable."""
    if os.environ.get("EVAL_ELASTICSEARCH", "1") == "0":
        return None
    try:
        from osmem_server import OsmemServer
    except ImportError:
        return None
    from django.conf import settings
    from tests.matching.es_transport import PlainJsonNode

    from matching import backends

    with OsmemServer.start(seed=[], freeze=False) as server, server.clone() as clone:
        settings.SEARCH_BACKEND = "elasticsearch"
        settings.ELASTICSEARCH_URL = clone.url
        settings.SEARCH_INDEX_PREFIX = "eval"
        settings.SEARCH_TIMEOUT = 60.0  # bulk loads into the in-memory fake are slow
        settings.MATCHING_ES_CLIENT_OPTIONS = {"node_class": PlainJsonNode}
        settings.MATCHING_ES_REFRESH_ON_WRITE = True
        backends.reset_for_tests()
        search_rebuild()
        out = []
        for gig, row in zip(gigs, rows, strict=True):
            grades = {p: g for p, o in occ_of.items() if (g := grade(row["occupation"], o))}
            result = match_freelancers_for_gig(gig=gig, limit=K_RECALL)
            if result.backend != "elasticsearch":
                raise SystemExit("eval: Elasticsearch reads fell back to the database")
            order = [h.doc["id"] for h in result.hits]
            out.append((ndcg(order, grades, K_NDCG), recall(order, grades, K_RECALL)))
        backends.reset_for_tests()
        return out


def _mean(values: list[tuple[float, float]], part: int) -> tuple[float, float]:
    chosen = [v for i, v in enumerate(values) if part < 0 or i % 2 == part]
    return (
        sum(v[0] for v in chosen) / len(chosen),
        sum(v[1] for v in chosen) / len(chosen),
    )


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
    scores = _rank_all(gigs, data["gigs"], occ_of)
    es = _on_elasticsearch(gigs, data["gigs"], occ_of)
    if es is not None:
        scores = {"matcher": scores["matcher"], "matcher-es": es} | {
            k: v for k, v in scores.items() if k != "matcher"
        }

    print(f"{len(gigs)} gigs ({len(gigs) // 2} tuning = even, {len(gigs) // 2} held-out = odd),")
    print(f"{len(occ_of)} profiles; NDCG@10 / Recall@20")
    print(f"{'system':<11} {'tuning':>13} {'held-out':>13} {'all':>13}")
    for name, values in scores.items():
        cells = [_mean(values, part) for part in (0, 1, -1)]
        print(f"{name:<11} " + " ".join(f"{n:>6.3f}/{r:.3f}" for n, r in cells))
    m, t, k = (_mean(scores[name], -1)[0] for name in ("matcher", "text", "skills"))
    print(f"eval ndcg10 matcher={m:.3f} text={t:.3f} skills={k:.3f}")


if __name__ == "__main__":
    main()
