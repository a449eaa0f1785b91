"""Elasticsearch backend on `elasticsearch.dsl` (client 9): explicit mappings with English,
German and French analyzers, versioned indices behind aliases, bulk writes and a zero-downtime
rebuild (fresh index, bulk load, one atomic alias swap).

Skills are canonical taxonomy ids (`integer` terms), normalised in Python at index and at query
time, so synonyms need no engine feature. The full scoring document is kept in `doc` (stored,
not indexed) for the shared scorer in `matching.scoring`.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from typing import Any, cast

from django.conf import settings
from elasticsearch import Elasticsearch, NotFoundError, helpers
from elasticsearch.dsl import (
    Date,
    Document,
    Integer,
    Keyword,
    Long,
    Q,
    Search,
    Text,
    analyzer,
)
from elasticsearch.dsl.query import Query

from matching.backends.base import (
    Doc,
    GigFilters,
    MatchingBackend,
    ProfileFilters,
    SearchResult,
    SkillQuery,
    rating_hundredths,
)

FACET_SIZE = 20
TEXT_FIELDS = ["text", "text.en", "text.de", "text.fr"]


def _text() -> Text:
    return Text(
        analyzer=analyzer("standard"),
        fields={
            "en": Text(analyzer="english"),
            "de": Text(analyzer="german"),
            "fr": Text(analyzer="french"),
        },
    )


class ProfileDocument(Document):
    id = Integer()
    user_id = Long()
    skills = Integer(multi=True)
    country = Keyword()
    currency = Keyword()
    rate = Long()
    hours_per_week = Integer()
    available_from = Date()
    languages = Keyword(multi=True)
    completed_contracts = Integer()
    # Average rating × 100 (integer: exact range filters); absent without reviews.
    rating = Integer()
    rating_count = Integer()
    last_active = Date()
    text = _text()
    # The scoring document, as JSON text: stored for the scorer, never searched.
    doc = Keyword(index=False, doc_values=False)


class GigDocument(Document):
    id = Integer()
    firm_id = Long()
    skills = Integer(multi=True)
    required = Integer(multi=True)
    country = Keyword()
    currency = Keyword()
    budget_min = Long()
    budget_max = Long()
    engagement_type = Keyword()
    location_type = Keyword()
    languages = Keyword(multi=True)
    published_at = Date()
    text = _text()
    doc = Keyword(index=False, doc_values=False)


DOCUMENTS: dict[str, type[Document]] = {"profile": ProfileDocument, "gig": GigDocument}


def _profile_source(d: Doc) -> dict[str, Any]:
    return {
        "id": d["id"],
        "user_id": d["user_id"],
        "skills": [int(s) for s in d["skills"]],
        "country": d["country"],
        "currency": d["currency"],
        "rate": d["rate"],
        "hours_per_week": d["hours_per_week"],
        "available_from": d["available_from"],
        "languages": d["languages"],
        "completed_contracts": d["completed_contracts"],
        "rating": rating_hundredths(d),
        "rating_count": d.get("rating_count", 0),
        "last_active": d["last_active"],
        "text": d["text"],
        "doc": json.dumps(d),
    }


def _gig_source(d: Doc) -> dict[str, Any]:
    return {
        "id": d["id"],
        "firm_id": d["firm_id"],
        "skills": d["required"] + d["nice"],
        "required": d["required"],
        "country": d["country"],
        "currency": d["currency"],
        "budget_min": d["budget_min"],
        "budget_max": d["budget_max"],
        "engagement_type": d["engagement_type"],
        "location_type": d["location_type"],
        "languages": d["languages"],
        "published_at": d["published_at"],
        "text": d["text"],
        "doc": json.dumps(d),
    }


def _text_query(q: str) -> Query:
    return Q(
        "bool",
        should=[Q("match", **{field: {"query": q, "operator": "and"}}) for field in TEXT_FIELDS],
        minimum_should_match=1,
    )


# Matching candidates retrieved per place, before the coverage rule is applied.
OVERFETCH = 4


def _weights_query(weights: dict[int, int]) -> Query:
    return Q(
        "bool",
        should=[
            Q("constant_score", filter=Q("term", skills=skill_id), boost=w)
            for skill_id, w in weights.items()
        ],
        minimum_should_match=1,
    )


class ElasticsearchBackend(MatchingBackend):
    name = "elasticsearch"

    def __init__(self, client: Elasticsearch | None = None) -> None:
        options: dict[str, Any] = dict(getattr(settings, "MATCHING_ES_CLIENT_OPTIONS", {}))
        self.client = client or Elasticsearch(
            settings.ELASTICSEARCH_URL,
            request_timeout=float(getattr(settings, "SEARCH_TIMEOUT", 2.0)),
            max_retries=0,
            **options,
        )
        self.prefix = str(getattr(settings, "SEARCH_INDEX_PREFIX", "nanoguild"))
        self.refresh = bool(getattr(settings, "MATCHING_ES_REFRESH_ON_WRITE", False))
        # During a rebuild, writes go to the new versioned indices, not to the live aliases.
        self._targets: dict[str, str] = {}

    # --- indices and aliases -------------------------------------------------------------
    def alias(self, kind: str) -> str:
        return f"{self.prefix}-{kind}s"

    def _create_index(self, kind: str) -> str:
        name = f"{self.alias(kind)}-v{time.time_ns()}"
        index = DOCUMENTS[kind]._index.clone(name=name)
        index.settings(number_of_shards=1, number_of_replicas=0)
        index.create(using=self.client)
        return name

    def _ensure(self, kind: str) -> str:
        if kind in self._targets:
            return self._targets[kind]
        alias = self.alias(kind)
        if not self.client.indices.exists_alias(name=alias):
            name = self._create_index(kind)
            self.client.indices.update_aliases(actions=[{"add": {"index": name, "alias": alias}}])
        return alias

    def _live_indices(self, kind: str) -> list[str]:
        try:
            return list(self.client.indices.get_alias(name=self.alias(kind)).keys())
        except NotFoundError:
            return []

    def begin_rebuild(self) -> None:
        self._targets = {kind: self._create_index(kind) for kind in DOCUMENTS}

    def finish_rebuild(self) -> None:
        """Point each alias at its new index in one atomic call, then drop the old indices."""
        actions: list[dict[str, Any]] = []
        old: list[str] = []
        for kind, name in self._targets.items():
            previous = self._live_indices(kind)
            old.extend(previous)
            actions.extend({"remove": {"index": i, "alias": self.alias(kind)}} for i in previous)
            actions.append({"add": {"index": name, "alias": self.alias(kind)}})
        self.client.indices.update_aliases(actions=actions)
        self._targets = {}
        for name in old:
            self.client.indices.delete(index=name, ignore_unavailable=True)

    def reset(self) -> None:
        for kind in DOCUMENTS:
            for name in self._live_indices(kind):
                self.client.indices.delete(index=name, ignore_unavailable=True)

    def status(self) -> str:
        self.client.info()
        return "ok"

    # --- writing -------------------------------------------------------------------------
    def _bulk(self, kind: str, actions: Iterable[dict[str, Any]]) -> None:
        index = self._ensure(kind)
        rows = [{"_index": index, **a} for a in actions]
        if not rows:
            return
        helpers.bulk(self.client, rows, raise_on_error=False, refresh=self.refresh)

    def index_profiles(self, *, docs: list[Doc]) -> None:
        self._bulk("profile", ({"_id": d["id"], "_source": _profile_source(d)} for d in docs))

    def delete_profiles(self, *, ids: list[int]) -> None:
        self._bulk("profile", ({"_op_type": "delete", "_id": i} for i in ids))

    def index_gigs(self, *, docs: list[Doc]) -> None:
        self._bulk("gig", ({"_id": d["id"], "_source": _gig_source(d)} for d in docs))

    def delete_gigs(self, *, ids: list[int]) -> None:
        self._bulk("gig", ({"_op_type": "delete", "_id": i} for i in ids))

    def indexed_ids(self, *, kind: str) -> set[int]:
        index = self._ensure(kind)
        ids: set[int] = set()
        after: list[Any] | None = None
        while True:
            body: dict[str, Any] = {"size": 1000, "_source": ["id"], "sort": [{"id": "asc"}]}
            if after is not None:
                body["search_after"] = after
            hits = self.client.search(index=index, body=body)["hits"]["hits"]
            if not hits:
                return ids
            ids.update(int(h["_source"]["id"]) for h in hits)
            after = hits[-1]["sort"]

    # --- reading -------------------------------------------------------------------------
    def _search(self, kind: str) -> Search:
        return Search(using=self.client, index=self._ensure(kind))

    @staticmethod
    def _docs(response: Any) -> list[Doc]:
        return [json.loads(hit.doc) for hit in response]

    def profile_candidates(
        self, *, query: SkillQuery, exclude_user_ids: set[int], limit: int
    ) -> list[Doc]:
        if not query.weights:
            return []
        # The coverage rule (half credit for related skills) is not a plain boolean query, so
        # the best `OVERFETCH × limit` by weight are retrieved and the rule applied here; the
        # database backend applies it before its cut (documented difference at scale).
        s = self._search("profile").query(_weights_query(query.weights))
        if exclude_user_ids:
            s = s.exclude("terms", user_id=sorted(exclude_user_ids))
        if query.min_rating is not None:
            s = s.filter("range", rating={"gte": query.min_rating})
        s = s.sort("_score", {"id": {"order": "asc"}}).source(["doc"])[: limit * OVERFETCH]
        docs = self._docs(s.execute())
        return [d for d in docs if query.eligible({int(k) for k in d["skills"]})][:limit]

    def gig_candidates(
        self, *, weights: dict[int, int], exclude_firm_ids: set[int], limit: int
    ) -> list[Doc]:
        if not weights:
            return []
        s = self._search("gig").query(_weights_query(weights))
        if exclude_firm_ids:
            s = s.exclude("terms", firm_id=sorted(exclude_firm_ids))
        s = s.sort("_score", {"id": {"order": "asc"}}).source(["doc"])[:limit]
        return self._docs(s.execute())

    def _finish(
        self, s: Search, q: str, newest: str, facets: dict[str, str], limit: int
    ) -> SearchResult:
        if q.strip():
            s = s.query(_text_query(q)).sort(
                "_score", {newest: {"order": "desc"}}, {"id": {"order": "asc"}}
            )
        else:
            s = s.sort({newest: {"order": "desc"}}, {"id": {"order": "asc"}})
        for name, fld in facets.items():
            s.aggs.bucket(name, "terms", field=fld, size=FACET_SIZE)
        s = s.extra(track_total_hits=True).source(["doc"])[:limit]
        response = cast(Any, s.execute())
        out: dict[str, list[dict[str, Any]]] = {
            name: [
                {"value": b.key, "count": b.doc_count} for b in response.aggregations[name].buckets
            ]
            for name in facets
        }
        for buckets in out.values():
            buckets.sort(key=lambda b: (-int(b["count"]), str(b["value"])))
        return SearchResult(docs=self._docs(response), total=response.hits.total.value, facets=out)

    def search_profiles(self, *, filters: ProfileFilters, limit: int) -> SearchResult:
        s = self._search("profile")
        for skill_id in filters.skills:
            s = s.filter("term", skills=skill_id)
        if filters.currency:
            s = s.filter("term", currency=filters.currency)
        rate: dict[str, int] = {}
        if filters.rate_min is not None:
            rate["gte"] = filters.rate_min
        if filters.rate_max is not None:
            rate["lte"] = filters.rate_max
        if rate:
            s = s.filter("range", rate=rate)
        for code in filters.languages:
            s = s.filter("term", languages=code)
        if filters.countries:
            s = s.filter("terms", country=filters.countries)
        if filters.min_hours_per_week is not None:
            s = s.filter("range", hours_per_week={"gte": filters.min_hours_per_week})
        if filters.available_by is not None:
            s = s.filter(
                Q("bool", must_not=[Q("exists", field="available_from")])
                | Q("range", available_from={"lte": filters.available_by.isoformat()})
            )
        if filters.min_completed_contracts is not None:
            s = s.filter("range", completed_contracts={"gte": filters.min_completed_contracts})
        if filters.min_rating is not None:
            s = s.filter("range", rating={"gte": filters.min_rating})
        facets = {
            "skills": "skills",
            "country": "country",
            "currency": "currency",
            "languages": "languages",
        }
        return self._finish(s, filters.q, "last_active", facets, limit)

    def search_gigs(self, *, filters: GigFilters, limit: int) -> SearchResult:
        s = self._search("gig")
        for skill_id in filters.skills:
            s = s.filter("term", skills=skill_id)
        if filters.currency:
            s = s.filter("term", currency=filters.currency)
        if filters.budget_min is not None:
            s = s.filter("range", budget_max={"gte": filters.budget_min})
        if filters.budget_max is not None:
            s = s.filter("range", budget_min={"lte": filters.budget_max})
        for code in filters.languages:
            s = s.filter("term", languages=code)
        if filters.countries:
            s = s.filter("terms", country=filters.countries)
        if filters.engagement_types:
            s = s.filter("terms", engagement_type=filters.engagement_types)
        if filters.location_types:
            s = s.filter("terms", location_type=filters.location_types)
        facets = {
            "skills": "skills",
            "engagement_type": "engagement_type",
            "currency": "currency",
            "country": "country",
            "languages": "languages",
        }
        return self._finish(s, filters.q, "published_at", facets, limit)
