"""Production mode on one machine: the real processes, the real engines, one marketplace deal.

`make prod-smoke` runs this: a database of its own (created, then dropped) on the local
PostgreSQL, a Redis database of its own (flushed before and after), then gunicorn (HTTP),
uvicorn (websockets), a Celery worker and Celery beat with DJANGO_ENV=production. Over HTTP and
websockets two people sign up, verify their email, and go from a posted gig to a released
payment; the worker — not an eager in-process call — must have sent the emails, indexed the
profile and gig and created the notifications. Everything stops with SIGTERM and must exit
cleanly, having logged only JSON lines and no error.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import unquote, urlsplit, urlunsplit

import psycopg
import pytest
import redis
from websockets.asyncio.client import ClientConnection, connect
from websockets.typing import Origin

from tests.prod_smoke.browser import Browser
from tests.prod_smoke.processes import Stack, free_port, manage, production_environment

pytestmark = pytest.mark.smoke

DATABASE_URL = os.environ.get(
    "PROD_SMOKE_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/nanoguild_prod_smoke"
)
REDIS_URL = os.environ.get("PROD_SMOKE_REDIS_URL", "redis://127.0.0.1:6379/14")
STEPS_FILE = os.environ.get("PROD_SMOKE_STEPS_FILE", "")
AUTH = "/_allauth/browser/v1/auth"
PASSWORD = "a-long-and-unusual-passphrase-42"
T = TypeVar("T")


def eventually(what: str, probe: Callable[[], T | None], timeout: float = 45.0) -> T:
    """Poll until `probe` returns something truthy: work the worker does happens later."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = probe()
        if found:
            return found
        time.sleep(0.25)
    raise AssertionError(f"timed out waiting for {what}")


def _admin_url(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/postgres"))


def _database_name(url: str) -> str:
    name = urlsplit(url).path.lstrip("/")
    assert re.fullmatch(r"[a-z0-9_]+", name), f"refusing to drop a database named {name!r}"
    return name


def _recreate_database(url: str, *, drop_only: bool = False) -> None:
    name = _database_name(url)
    with psycopg.connect(_admin_url(url), autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        if not drop_only:
            admin.execute(f"CREATE DATABASE {name}")


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    workdir = tmp_path_factory.mktemp("prod")
    proxy_port = free_port()
    environment = production_environment(
        workdir, database_url=DATABASE_URL, redis_url=REDIS_URL, site_port=proxy_port
    )
    _recreate_database(DATABASE_URL)
    redis.Redis.from_url(REDIS_URL).flushdb()
    stack = Stack(workdir=workdir, environment=environment, proxy_port=proxy_port)
    try:
        # The release job: migrations, reference data, static files.
        manage(environment, "migrate", "--noinput")
        manage(environment, "skills_load")
        manage(environment, "collectstatic", "--noinput", "--verbosity", "0")
        stack.start()
        yield stack
    finally:
        stack.stop()
        _recreate_database(DATABASE_URL, drop_only=True)
        redis.Redis.from_url(REDIS_URL).flushdb()


class Scenario:
    """The deal, step by step; each step is counted for the closing line."""

    def __init__(self, stack: Stack) -> None:
        self.stack = stack
        # Everything a browser does goes through nginx, as in production.
        self.base = f"http://127.0.0.1:{stack.proxy_port}"
        self.steps: list[str] = []

    def step(self, name: str) -> None:
        self.steps.append(name)

    def sql(self, query: str, *params: Any) -> list[tuple[Any, ...]]:
        with psycopg.connect(DATABASE_URL) as connection:
            return connection.execute(query, params).fetchall()

    def mail_for(self, address: str) -> str:
        folder = Path(self.stack.environment["EMAIL_URL"].removeprefix("filemail://")[1:])

        def find() -> str | None:
            for path in sorted(folder.glob("*.log")) if folder.exists() else []:
                text = path.read_text()
                if f"To: {address}" in text:
                    return text
            return None

        return eventually(f"the email to {address}", find)

    def sign_up(self, email: str) -> Browser:
        browser = Browser(self.base)
        browser.get(f"{AUTH}/session")
        signup = browser.post(f"{AUTH}/signup", {"email": email, "password": PASSWORD})
        assert signup.status_code == 401, signup.text
        flows = {flow["id"]: flow for flow in signup.json()["data"]["flows"]}
        assert flows["verify_email"]["is_pending"] is True
        mail = self.mail_for(email)
        # The link opens the web app's page; the key is URL-encoded in it.
        key = re.search(r"/verify-email/([^/\s]+)", mail)
        assert key, mail
        assert "Nanoguild" in mail
        verified = browser.post(f"{AUTH}/email/verify", {"key": unquote(key.group(1))})
        assert verified.status_code == 200, verified.text
        me = browser.get("/api/v1/me/")
        assert (me.status_code, me.json()["email"]) == (200, email)
        self.step(f"sign up and verify {email}")
        return browser


def _ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, f"{response.status_code}: {response.text[:2000]}"
    return response.json()


async def _chat(port: int, cookies: tuple[str, str], conversation_id: int) -> dict[str, Any]:
    """Two sockets through nginx to the ASGI server: the freelancer sends, the owner receives."""
    host = f"127.0.0.1:{port}"

    async def open_socket(cookie: str) -> ClientConnection:
        return await connect(
            f"ws://{host}/ws/chat/",
            origin=Origin(f"https://{host}"),
            additional_headers={"Cookie": cookie, "X-Forwarded-Proto": "https"},
        )

    async def next_frame(ws: ClientConnection, kind: str) -> dict[str, Any]:
        while True:
            frame: dict[str, Any] = json.loads(await asyncio.wait_for(ws.recv(), 20))
            if frame["type"] == kind:
                return frame

    freelancer, owner = [await open_socket(cookie) for cookie in cookies]
    try:
        for ws in (freelancer, owner):
            await ws.send(json.dumps({"type": "subscribe", "conversation_id": conversation_id}))
            await next_frame(ws, "subscribed")
        await freelancer.send(
            json.dumps(
                {
                    "type": "send",
                    "conversation_id": conversation_id,
                    "client_message_id": "smoke-1",
                    "text": "Hello from production",
                }
            )
        )
        await next_frame(freelancer, "ack")
        return await next_frame(owner, "message")
    finally:
        await freelancer.close()
        await owner.close()


def test_one_deal_through_the_production_processes(stack: Stack) -> None:
    deal = Scenario(stack)
    # The orchestrator's view: probes straight to the pods, by address, over plain HTTP.
    web = Browser(f"http://127.0.0.1:{stack.http_port}")
    realtime = Browser(f"http://127.0.0.1:{stack.ws_port}")
    pod = {"Host": "10.0.3.7:8000"}  # not in ALLOWED_HOSTS, like a pod IP
    # Five processes import Django at once: on a busy two-core machine that takes a while.
    stack.wait_until("web readiness", lambda: _status(web, "/readyz", pod) == 200, timeout=120)
    assert web.http.get("/readyz", headers=pod).json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "broker": "ok", "search": "not_configured"},
    }
    stack.wait_until("realtime liveness", lambda: _status(realtime, "/healthz", pod) == 200)
    stack.wait_until("the worker", lambda: "ready." in stack.worker.log())
    stack.wait_until("nginx", lambda: _status(Browser(deal.base), "/healthz") == 200)
    deal.step("processes ready")

    # HTTPS assumptions: plain http is redirected, https answers with the security headers.
    site = Browser(deal.base)
    plain = site.http.get("/api/v1/skills/")
    assert (plain.status_code, plain.headers["location"]) == (
        301,
        f"https://127.0.0.1:{stack.proxy_port}/api/v1/skills/",
    )
    secure = site.get("/api/v1/skills/")
    assert secure.status_code == 200
    assert secure.headers["strict-transport-security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )
    assert secure.headers["x-content-type-options"] == "nosniff"
    assert secure.headers["x-frame-options"] == "DENY"
    # One policy, Django's (nginx adds none to proxied responses).
    assert secure.headers.get_list("content-security-policy") == [
        secure.headers["content-security-policy"]
    ]
    assert "default-src 'self'" in secure.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in secure.headers["content-security-policy"]
    deal.step("https redirect and security headers")

    # nginx serves the SPA, with history fallback for deep links, and static files.
    entry = site.get("/", Accept="text/html")
    deep_link = site.get("/gigs/42/proposals", Accept="text/html")
    assert (entry.status_code, deep_link.status_code) == (200, 200)
    assert deep_link.text == entry.text
    assert entry.headers["content-type"].startswith("text/html")
    assert "script-src 'self'" in entry.headers["content-security-policy"]
    assert entry.headers["cache-control"] == "no-cache"
    css = site.get("/static/admin/css/base.css")
    assert css.status_code == 200
    assert css.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert site.get("/metrics").status_code == 404
    deal.step("nginx: SPA with history fallback, static files, no public metrics")

    freelancer = deal.sign_up("ada@example.test")
    owner = deal.sign_up("owen@example.test")
    sent = deal.sql("SELECT count(*) FROM marketplace_outboundemail WHERE sent_at IS NOT NULL")
    assert sent == [(2,)]

    # The freelancer publishes a profile; the firm owner posts a gig asking for its skills.
    _ok(
        freelancer.post(
            "/api/v1/me/freelancer-profile/",
            {
                "slug": "ada",
                "headline": "Django and PostgreSQL",
                "country": "FR",
                "time_zone": "Europe/Paris",
                "hourly_rate_minor": 8000,
                "rate_currency": "EUR",
                "hours_per_week": 30,
                "skills": [{"skill": "python"}, {"skill": "django"}],
                "languages": [{"code": "en", "proficiency": "fluent"}],
            },
        ),
        201,
    )
    _ok(freelancer.post("/api/v1/me/freelancer-profile/publish/"))
    deal.step("freelancer profile published")
    firm = _ok(owner.post("/api/v1/firms/", {"name": "Owen's Ceramics", "country": "FR"}), 201)
    gig = _ok(
        owner.post(
            "/api/v1/gigs/",
            {
                "firm": firm["slug"],
                "title": "Online shop for handmade ceramics",
                "description": "A Django shop with payments and shipping to the EU.",
                "engagement_type": "fixed",
                "budget_min_minor": 200_000,
                "budget_max_minor": 400_000,
                "currency": "EUR",
                "required_skills": ["python", "django"],
            },
        ),
        201,
    )
    _ok(owner.post(f"/api/v1/gigs/{gig['id']}/publish/"))
    deal.step("firm created and gig published")

    # Matches come from the search index, which only the worker fills.
    def matched() -> list[str] | None:
        page = _ok(owner.get(f"/api/v1/gigs/{gig['id']}/matches/"))
        return [hit["freelancer"]["slug"] for hit in page["results"]] or None

    assert eventually("the freelancer among the gig's matches", matched) == ["ada"]
    deal.step("matches")

    proposal = _ok(
        freelancer.post(
            f"/api/v1/gigs/{gig['id']}/proposals/",
            {
                "cover_letter": "I built three shops like yours.",
                "price_minor": 300_000,
                "currency": "EUR",
                "estimated_duration_days": 30,
            },
        ),
        201,
    )
    deal.step("proposal")
    contract = _ok(owner.post(f"/api/v1/proposals/{proposal['id']}/accept/"), 201)
    milestone_id = contract["milestones"][0]["id"]
    deal.step("proposal accepted: contract")

    # Offline payments: onboarding is immediate; funding settles through the worker.
    _ok(freelancer.post("/api/v1/payments/payout-account/onboarding-link/"))
    payment = f"/api/v1/payments/milestones/{milestone_id}/"
    _ok(owner.post(f"{payment}fund/", **{"Idempotency-Key": "fund-1"}))
    eventually("the milestone funded", lambda: _ok(owner.get(payment))["state"] == "funded")
    deal.step("milestone funded")

    # The contract's conversation is opened by the worker's notification task.
    def contract_conversation() -> int | None:
        rows = _ok(freelancer.get("/api/v1/conversations/"))["results"]
        return next((row["id"] for row in rows if row["kind"] == "contract"), None)

    conversation_id = eventually("the contract conversation", contract_conversation)
    cookies = (
        f"sessionid={freelancer.cookies['sessionid']}",
        f"sessionid={owner.cookies['sessionid']}",
    )
    message = asyncio.run(_chat(stack.proxy_port, cookies, conversation_id))
    assert message["text"] == "Hello from production"
    deal.step("chat message across two websocket clients")

    assert _ok(freelancer.post(f"{payment}submit/"))["state"] == "submitted"
    _ok(owner.post(f"{payment}release/", **{"Idempotency-Key": "release-1"}))
    eventually("the milestone released", lambda: _ok(owner.get(payment))["state"] == "released")
    deal.step("milestone released")

    kinds = {row["kind"] for row in _ok(freelancer.get("/api/v1/notifications/"))["results"]}
    assert {"proposal", "contract", "payment"} <= kinds, kinds
    deal.step("notifications")

    # Metrics, scraped from the pod: refused without the token, served with it.
    assert web.http.get("/metrics", headers=pod).status_code == 401
    token = stack.environment["METRICS_TOKEN"]
    metrics = web.http.get("/metrics", headers={**pod, "Authorization": f"Bearer {token}"})
    assert metrics.status_code == 200
    assert "django_http_requests_total_by_view_transport_method_total" in metrics.text
    deal.step("metrics")

    # The worker, not the web process, ran the background tasks.
    ran = {
        match.group(1)
        for record in stack.worker.records()
        if (match := re.match(r"Task ([\w.]+)\[[^\]]+\] succeeded", str(record.get("message"))))
    }
    assert {
        "marketplace.accounts.tasks.email_send",
        "matching.tasks.index_profiles",
        "matching.tasks.index_gigs",
        "chat.tasks.notify_event",
        "payments.tasks.operation_execute",
    } <= ran, ran
    assert "succeeded" not in stack.web.log()
    deal.step("worker ran the tasks")

    for browser in (web, realtime, site, freelancer, owner):
        browser.close()
    codes = stack.stop()
    # uvicorn re-raises the signal once its graceful shutdown is done: -SIGTERM is its clean
    # exit, confirmed by its closing log line.
    assert codes == {
        "proxy": 0,
        "beat": 0,
        "web": 0,
        "realtime": -signal.SIGTERM,
        "worker": 0,
    }, codes
    assert "Finished server process" in stack.processes[1].log()
    assert stack.problems() == []
    deal.step("graceful stop, clean logs")

    if STEPS_FILE:
        Path(STEPS_FILE).write_text(str(len(deal.steps)))


def _status(browser: Browser, path: str, headers: dict[str, str] | None = None) -> int:
    try:
        return browser.http.get(path, headers=headers, timeout=5).status_code
    except Exception:
        return 0
