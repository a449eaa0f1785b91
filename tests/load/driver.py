"""The mixed load: public reads, signed-in reads and writes, each write with a unique marker.

An asyncio client (httpx) rather than wrk: every write is paired with its own response, and at
the deadline no new request starts while those in flight are awaited (wrk abandons them), so
afterwards the rows in PostgreSQL can be matched to the 2xx answers one by one.

`workers` requests are in flight at most; `rate` paces their starts (requests per second over
all workers; 0 = as fast as the server answers).
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import random
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

import httpx

from tests.load.seed import Cast, Session

# Relative weights of the request kinds (reads ≈ 75 %, writes ≈ 25 %).
MIX: dict[str, int] = {
    "gig_list": 12,
    "gig_detail": 12,
    "gig_search": 10,
    "freelancer_profile": 8,
    "freelancer_list": 5,
    "contracts": 6,
    "proposals": 6,
    "notifications": 6,
    "conversations": 5,
    "proposal_submit": 8,
    "message_send": 12,
    "gig_post": 4,
    "profile_edit": 6,
}
WRITES = ("proposal_submit", "message_send", "gig_post", "profile_edit")
SUCCESS = {"proposal_submit": 201, "message_send": 201, "gig_post": 201}  # others: 200
# httpx logs every request at INFO; thousands of lines would bury the summary.
logging.getLogger("httpx").setLevel(logging.WARNING)
SEARCH_WORDS = ["shop", "django", "react", "design", "data", "mobile", "api", "website", "load"]


@dataclass
class Outcome:
    kind: str
    status: int  # 0: no answer (socket error, timeout)
    ms: float
    marker: str | None = None
    detail: str = ""
    at: float = 0.0  # when it started, seconds since the load began


@dataclass
class Results:
    outcomes: list[Outcome] = field(default_factory=list)
    started: float = 0.0
    ended: float = 0.0
    # freelancer user id → the marker of their last acknowledged profile edit
    last_headline: dict[int, str] = field(default_factory=dict)

    def acked(self, kind: str) -> list[str]:
        return [o.marker for o in self.outcomes if o.kind == kind and o.marker and _ok(o)]

    def unanswered(self, kind: str) -> list[str]:
        return [o.marker for o in self.outcomes if o.kind == kind and o.marker and o.status == 0]

    def failures(self) -> list[Outcome]:
        return [o for o in self.outcomes if not _ok(o)]


def _ok(outcome: Outcome) -> bool:
    return outcome.status == SUCCESS.get(outcome.kind, 200)


class Load:
    def __init__(self, cast: Cast, *, base_url: str, public_gig_ids: list[int]) -> None:
        self.cast = cast
        self.base = base_url
        self.gig_ids = public_gig_ids
        self.slugs = [f.slug for f in cast.freelancers]
        self.results = Results()
        self.seq = itertools.count()
        self.rng = random.Random(cast.run)
        self.kinds = list(MIX)
        self.weights = list(MIX.values())
        # Each freelancer proposes once per gig, in an order of its own.
        self.to_propose: dict[int, list[int]] = {}
        for freelancer in cast.freelancers:
            gigs = list(cast.gig_ids)
            self.rng.shuffle(gigs)
            self.to_propose[freelancer.session.user_id] = gigs
        # A user's profile edits never overlap, so the last acknowledged one must be what stays.
        self.profile_locks: dict[int, asyncio.Lock] = defaultdict(asyncio.Lock)

    def marker(self, letter: str) -> str:
        return f"load-{self.cast.run}-{letter}{next(self.seq)}"

    async def run(self, *, seconds: float, workers: int, rate: float) -> Results:
        limits = httpx.Limits(max_connections=workers, max_keepalive_connections=workers)
        timeout = httpx.Timeout(30.0)
        async with httpx.AsyncClient(base_url=self.base, limits=limits, timeout=timeout) as client:
            self.results.started = time.monotonic()
            deadline = self.results.started + seconds
            pacer = _Pacer(rate, self.results.started, deadline)
            await asyncio.gather(*(self._worker(client, pacer) for _ in range(workers)))
            self.results.ended = time.monotonic()
        return self.results

    async def _worker(self, client: httpx.AsyncClient, pacer: _Pacer) -> None:
        while (start := pacer.next_start()) is not None:
            delay = start - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            kind = self.rng.choices(self.kinds, self.weights)[0]
            await getattr(self, f"_{kind}")(client)

    async def _call(
        self,
        client: httpx.AsyncClient,
        kind: str,
        method: str,
        url: str,
        *,
        session: Session | None = None,
        marker: str | None = None,
        json: dict[str, Any] | None = None,
        params: dict[str, Any] | None = None,
    ) -> Outcome:
        headers = {"Accept": "application/json"}
        if session is not None:
            headers["Cookie"] = session.cookie
            if method != "GET":
                headers["X-CSRFToken"] = session.csrf
        began = time.perf_counter()
        try:
            response = await client.request(method, url, headers=headers, json=json, params=params)
            status, detail = response.status_code, ""
            if status != SUCCESS.get(kind, 200):
                detail = response.text[:300]
        except httpx.HTTPError as exc:
            status, detail = 0, f"{type(exc).__name__}: {exc}"
        ms = (time.perf_counter() - began) * 1000
        at = time.monotonic() - ms / 1000 - self.results.started
        outcome = Outcome(kind, status, ms, marker, detail, at)
        self.results.outcomes.append(outcome)
        return outcome

    # --- public reads -----------------------------------------------------------------------

    async def _gig_list(self, client: httpx.AsyncClient) -> None:
        await self._call(client, "gig_list", "GET", "/api/v1/gigs/")

    async def _gig_detail(self, client: httpx.AsyncClient) -> None:
        gig = self.rng.choice(self.gig_ids)
        await self._call(client, "gig_detail", "GET", f"/api/v1/gigs/{gig}/")

    async def _gig_search(self, client: httpx.AsyncClient) -> None:
        params = {"q": self.rng.choice(SEARCH_WORDS)}
        await self._call(client, "gig_search", "GET", "/api/v1/search/gigs/", params=params)

    async def _freelancer_profile(self, client: httpx.AsyncClient) -> None:
        slug = self.rng.choice(self.slugs)
        await self._call(client, "freelancer_profile", "GET", f"/api/v1/freelancers/{slug}/")

    async def _freelancer_list(self, client: httpx.AsyncClient) -> None:
        await self._call(client, "freelancer_list", "GET", "/api/v1/freelancers/")

    # --- signed-in reads --------------------------------------------------------------------

    def _anyone(self) -> Session:
        pool = [f.session for f in self.cast.freelancers] + [o.session for o in self.cast.owners]
        pool += self.cast.extra_readers
        return self.rng.choice(pool)

    async def _contracts(self, client: httpx.AsyncClient) -> None:
        # Half from demo firm members whose list has rows, when there are any.
        readers = self.cast.extra_readers
        who = self.rng.choice(readers) if readers and self.rng.random() < 0.5 else self._anyone()
        await self._call(client, "contracts", "GET", "/api/v1/contracts/", session=who)

    async def _proposals(self, client: httpx.AsyncClient) -> None:
        await self._call(client, "proposals", "GET", "/api/v1/proposals/", session=self._anyone())

    async def _notifications(self, client: httpx.AsyncClient) -> None:
        who = self.rng.choice(self.cast.owners).session  # owners get proposal notifications
        await self._call(client, "notifications", "GET", "/api/v1/notifications/", session=who)

    async def _conversations(self, client: httpx.AsyncClient) -> None:
        url = "/api/v1/conversations/"
        await self._call(client, "conversations", "GET", url, session=self._anyone())

    # --- writes -----------------------------------------------------------------------------

    async def _proposal_submit(self, client: httpx.AsyncClient) -> None:
        candidates = [f for f in self.cast.freelancers if self.to_propose[f.session.user_id]]
        if not candidates:  # every freelancer proposed on every gig: send a message instead
            await self._message_send(client)
            return
        freelancer = self.rng.choice(candidates)
        gig = self.to_propose[freelancer.session.user_id].pop()
        marker = self.marker("p")
        body = {
            "cover_letter": f"{marker} I have shipped three shops like this one.",
            "price_minor": 300_000,
            "currency": "EUR",
            "estimated_duration_days": 20,
        }
        url = f"/api/v1/gigs/{gig}/proposals/"
        await self._call(
            client, "proposal_submit", "POST", url, session=freelancer.session, marker=marker,
            json=body,
        )  # fmt: skip

    async def _message_send(self, client: httpx.AsyncClient) -> None:
        if self.rng.random() < 0.5:
            freelancer = self.rng.choice(self.cast.freelancers)
            session, conversations = freelancer.session, freelancer.conversation_ids
        else:
            owner = self.rng.choice([o for o in self.cast.owners if o.conversation_ids])
            session, conversations = owner.session, owner.conversation_ids
        marker = self.marker("m")
        url = f"/api/v1/conversations/{self.rng.choice(conversations)}/messages/"
        body = {"client_message_id": marker, "text": f"{marker} When could we talk?"}
        await self._call(
            client, "message_send", "POST", url, session=session, marker=marker, json=body
        )

    async def _gig_post(self, client: httpx.AsyncClient) -> None:
        owner = self.rng.choice(self.cast.owners)
        marker = self.marker("g")
        body = {
            "title": f"{marker} Rebuild our website",
            "description": "A small shop on Django; payments and a blog.",
            "engagement_type": "fixed",
            "budget_min_minor": 200_000,
            "budget_max_minor": 400_000,
            "currency": "EUR",
            "firm": owner.firm_slug,
        }
        await self._call(
            client, "gig_post", "POST", "/api/v1/gigs/", session=owner.session, marker=marker,
            json=body,
        )  # fmt: skip

    async def _profile_edit(self, client: httpx.AsyncClient) -> None:
        freelancer = self.rng.choice(self.cast.freelancers)
        user_id = freelancer.session.user_id
        async with self.profile_locks[user_id]:
            marker = self.marker("e")
            body = {"headline": f"{marker} Django developer"}
            outcome = await self._call(
                client, "profile_edit", "PATCH", "/api/v1/me/freelancer-profile/",
                session=freelancer.session, marker=marker, json=body,
            )  # fmt: skip
            if _ok(outcome):
                self.results.last_headline[user_id] = marker


class _Pacer:
    """Start times `1/rate` apart; after a stall it resumes from now (no burst to catch up)."""

    def __init__(self, rate: float, start: float, deadline: float) -> None:
        self.step = 1 / rate if rate > 0 else 0.0
        self.at = start
        self.deadline = deadline

    def next_start(self) -> float | None:
        now = time.monotonic()
        if now >= self.deadline:
            return None
        self.at = max(self.at + self.step, now - 1.0)
        return self.at if self.at < self.deadline else None


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def by_kind(results: Results) -> dict[str, Counter[int]]:
    table: dict[str, Counter[int]] = defaultdict(Counter)
    for outcome in results.outcomes:
        table[outcome.kind][outcome.status] += 1
    return table
