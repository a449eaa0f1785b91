"""Turn ranked hits into API pages: cards, reasons, explanation text, facets with labels."""

from __future__ import annotations

from typing import Any

from django.utils import translation

from marketplace.skills.models import Skill
from matching import backends
from matching.explain import reason_skill_ids, render
from matching.selectors import Hit, Ranked


def _skills(ids: set[int], lang: str) -> dict[int, dict[str, Any]]:
    return {
        s.id: {"id": s.id, "slug": s.slug, "label": s.label(lang)}
        for s in Skill.objects.filter(id__in=ids)
    }


def _lang() -> str:
    return (translation.get_language() or "en")[:2]


def _envelope(
    ranked: Ranked, page: int, page_size: int, results: list[dict[str, Any]]
) -> dict[str, Any]:
    return {
        "count": ranked.total,
        "page": page,
        "page_size": page_size,
        "has_next": page * page_size < len(ranked.hits),
        "degraded": ranked.backend != backends.configured_name(),
        "results": results,
    }


def _page(ranked: Ranked, page: int, page_size: int) -> list[Hit]:
    return ranked.hits[(page - 1) * page_size : page * page_size]


def _facets(ranked: Ranked, labels: dict[int, dict[str, Any]]) -> dict[str, Any]:
    facets: dict[str, Any] = {}
    for name, buckets in ranked.facets.items():
        rows = []
        for bucket in buckets:
            row = {"value": str(bucket["value"]), "count": bucket["count"]}
            if name == "skills" and int(bucket["value"]) in labels:
                row["value"] = labels[int(bucket["value"])]["slug"]
                row["label"] = labels[int(bucket["value"])]["label"]
            rows.append(row)
        facets[name] = rows
    return facets


def freelancer_page(
    ranked: Ranked, *, page: int, page_size: int, facets: bool = False
) -> dict[str, Any]:
    lang = _lang()
    hits = _page(ranked, page, page_size)
    ids = {int(s) for h in hits for s in h.doc["skills"]} | {
        s for h in hits for s in reason_skill_ids(h.reasons)
    }
    if facets:
        ids |= {int(b["value"]) for b in ranked.facets.get("skills", [])}
    skills = _skills(ids, lang)
    labels = {i: s["label"] for i, s in skills.items()}
    results = []
    for hit in hits:
        d = hit.doc
        ordered = sorted(d["skills"].items(), key=lambda kv: (-kv[1], int(kv[0])))
        results.append(
            {
                "freelancer": {
                    "slug": d["slug"],
                    "headline": d["headline"],
                    "country": d["country"],
                    "hourly_rate_minor": d["rate"],
                    "currency": d["currency"],
                    "hours_per_week": d["hours_per_week"],
                    "languages": d["languages"],
                    "skills": [skills[int(k)] for k, _lvl in ordered if int(k) in skills],
                },
                "score": hit.score,
                "reasons": [{"code": r.code, "params": r.params} for r in hit.reasons],
                "explanation": render(hit.reasons, labels=labels, language=lang),
            }
        )
    body = _envelope(ranked, page, page_size, results)
    if facets:
        body["facets"] = _facets(ranked, skills)
    return body


def gig_page(ranked: Ranked, *, page: int, page_size: int, facets: bool = False) -> dict[str, Any]:
    lang = _lang()
    hits = _page(ranked, page, page_size)
    ids = {s for h in hits for s in h.doc["required"] + h.doc["nice"]}
    if facets:
        ids |= {int(b["value"]) for b in ranked.facets.get("skills", [])}
    skills = _skills(ids, lang)
    labels = {i: s["label"] for i, s in skills.items()}
    results = []
    for hit in hits:
        d = hit.doc
        results.append(
            {
                "gig": {
                    "id": d["id"],
                    "title": d["title"],
                    "engagement_type": d["engagement_type"],
                    "budget_min_minor": d["budget_min"],
                    "budget_max_minor": d["budget_max"],
                    "currency": d["currency"],
                    "country": d["country"],
                    "languages": d["languages"],
                    "published_at": d["published_at"],
                    "skills": [skills[s] for s in d["required"] + d["nice"] if s in skills],
                },
                "score": hit.score,
                "reasons": [{"code": r.code, "params": r.params} for r in hit.reasons],
                "explanation": render(hit.reasons, labels=labels, language=lang),
            }
        )
    body = _envelope(ranked, page, page_size, results)
    if facets:
        body["facets"] = _facets(ranked, skills)
    return body
