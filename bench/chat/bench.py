"""Chat benchmark: a real uvicorn server, the Redis channel layer, PostgreSQL, K conversations.

    make bench-chat                      # K=100 conversations, two clients each
    BENCH_CHAT_CONVERSATIONS=20 make bench-chat

Seeds K conversations (2K users with sessions) into its own database, starts uvicorn on a free
loopback port, connects 2K `websockets` clients, then sends at rising total rates (stages of
BENCH_CHAT_STAGE_SECONDS each). A message's latency is the time from `send` on one client to
its arrival at the other participant. A stage is sustained when every message arrived and
p95 ≤ 50 ms; the last line reports the highest sustained stage (or, if none was, the first):

    bench chat conversations=<K> msgs_per_s=<r> p50_ms=<a> p95_ms=<b>

Only loopback traffic; bounded in count (K ≤ 500) and time (stages × seconds + setup).
The per-user rate limit is lifted for the server it starts: this measures throughput, not the
abuse limit (which tests cover).
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "backend"))

K = min(int(os.environ.get("BENCH_CHAT_CONVERSATIONS", "100")), 500)
RATES = [int(r) for r in os.environ.get("BENCH_CHAT_RATES", "50,100,200,300,400").split(",")]
STAGE_SECONDS = float(os.environ.get("BENCH_CHAT_STAGE_SECONDS", "5"))
WORKERS = int(os.environ.get("BENCH_CHAT_WORKERS", "2"))
DATABASE_URL = os.environ.get(
    "BENCH_CHAT_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/nanoguild_bench_chat"
)
# redis-py 8 pools refuse (not queue) past 100 connections; 200 sockets subscribing at once
# need more, so the URL raises the pool size (from_url reads max_connections).
REDIS_URL = os.environ.get("BENCH_CHAT_REDIS_URL", "redis://127.0.0.1:6379/10?max_connections=1000")
P95_TARGET_MS = 50.0
GRACE_SECONDS = 2.0  # after a stage, wait this long for stragglers before counting losses


def _prepare_database() -> None:
    import psycopg

    name = DATABASE_URL.rsplit("/", 1)[1]
    admin_url = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    env = {**os.environ, "DATABASE_URL": DATABASE_URL, "REDIS_URL": REDIS_URL}
    subprocess.run(
        [sys.executable, "backend/manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=REPO,
        env=env,
        check=True,
    )


def _seed() -> list[tuple[int, str, str]]:
    """K conversations on one gig, each between its own pair of users; returns cookies."""
    os.environ["DATABASE_URL"] = DATABASE_URL
    os.environ["REDIS_URL"] = REDIS_URL
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import transaction

    from chat.models import Conversation, Participant
    from marketplace.models import Firm, Gig, User

    with transaction.atomic():
        Conversation.objects.filter(title="bench chat").delete()
        Gig.objects.filter(title="bench chat").delete()
        Firm.objects.filter(slug="bench-chat").delete()
        User.objects.filter(email__endswith="@bench-chat.test").delete()
        firm = Firm.objects.create(name="Bench", slug="bench-chat", country="DE")
        owner = User.objects.create_user(email="owner@bench-chat.test")
        gig = Gig.objects.create(
            firm=firm,
            created_by=owner,
            title="bench chat",
            description="Load test.",
            engagement_type="fixed",
            budget_min_minor=1000,
            budget_max_minor=2000,
            currency="EUR",
        )
        pairs = []
        for n in range(K):
            a = User.objects.create_user(email=f"a{n}@bench-chat.test")
            b = User.objects.create_user(email=f"b{n}@bench-chat.test")
            conversation = Conversation.objects.create(
                kind="gig_inquiry", gig=gig, inquirer=a, title="bench chat"
            )
            Participant.objects.bulk_create(
                [Participant(conversation=conversation, user=u) for u in (a, b)]
            )
            pairs.append((conversation.id, a, b))

    def cookie(user: Any) -> str:
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        # The configured backend: a session naming another one is not honoured.
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        return f"sessionid={session.session_key}"

    return [(cid, cookie(a), cookie(b)) for cid, a, b in pairs]


def _start_server(port: int) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "DATABASE_URL": DATABASE_URL,
        "REDIS_URL": REDIS_URL,
        "CHAT_RATE_LIMIT_MESSAGES": "100000",
        "CHAT_RATE_LIMIT_FRAMES": "100000",
        "CHAT_ASYNC_COMMIT": os.environ.get("CHAT_ASYNC_COMMIT", "false"),
        "LOG_LEVEL": "WARNING",
        # DEBUG (the non-production default) logs every query in memory: not what is served.
        "DJANGO_DEBUG": "false",
    }
    command = [sys.executable, "-m", "uvicorn", "config.asgi:application", "--app-dir", "backend"]
    command += ["--host", "127.0.0.1", "--port", str(port), "--lifespan", "off"]
    command += ["--workers", str(WORKERS), "--log-level", "warning", "--ws-max-size", "65536"]
    # Chat frames are small: per-message deflate would cost CPU for little saving.
    command += ["--ws-per-message-deflate", "false", "--timeout-graceful-shutdown", "5"]
    process = subprocess.Popen(command, cwd=REPO, env=env)  # noqa: S603  (fixed arguments)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return process
        if process.poll() is not None:
            raise SystemExit("uvicorn exited during start-up")
        time.sleep(0.2)
    process.terminate()
    raise SystemExit("uvicorn did not start within 60 s")


def _reference_ops_per_s(seconds: float = 2.0) -> float:
    """The same-run reference: a fixed single-thread Python workload (JSON round trip of a
    chat frame and a hash), in operations per second.

    The machine is shared; its free CPU changes from run to run by a factor of several. The
    chat figure divided by this one (`ratio`) is comparable across runs; absolute figures are
    only comparable within one run.
    """
    import hashlib

    frame = {"type": "message", "id": 1, "conversation_id": 1, "text": "hi", "author_id": 2}
    done = 0
    started = time.perf_counter()
    while (elapsed := time.perf_counter() - started) < seconds:
        for _ in range(200):
            hashlib.sha256(json.dumps(json.loads(json.dumps(frame))).encode()).digest()
        done += 200
    return done / elapsed


def _cpu_seconds(root: int) -> float:
    """User + system CPU seconds of the server process and its workers so far (Linux /proc).

    CPU per message hardly depends on how busy the machine is, unlike latency: it is the
    figure that tells a faster hot path from a quieter machine.
    """
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # after the command: state, ppid, ..., utime (12th), stime (13th)
        if int(entry.name) == root or int(fields[1]) == root:
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


class Stats:
    def __init__(self) -> None:
        self.sent_at: dict[str, float] = {}
        self.latencies: dict[str, float] = {}


async def _reader(ws: Any, stats: Stats, me: str) -> None:
    async for raw in ws:
        frame = json.loads(raw)
        if frame["type"] == "message":
            key = frame["client_message_id"]
            if not key.startswith(me) and key in stats.sent_at and key not in stats.latencies:
                stats.latencies[key] = time.perf_counter() - stats.sent_at[key]


async def _run(port: int, pairs: list[tuple[int, str, str]]) -> list[dict[str, float]]:
    from websockets.asyncio.client import connect
    from websockets.typing import Origin

    host = f"127.0.0.1:{port}"
    stats = Stats()
    clients: list[tuple[int, Any, str]] = []
    readers = []
    for cid, cookie_a, cookie_b in pairs:
        for side, cookie in (("a", cookie_a), ("b", cookie_b)):
            ws = await connect(
                f"ws://{host}/ws/chat/",
                origin=Origin(f"http://{host}"),
                additional_headers={"Cookie": cookie},
                max_queue=None,
            )
            await ws.send(json.dumps({"type": "subscribe", "conversation_id": cid}))
            while json.loads(await ws.recv())["type"] != "subscribed":
                pass
            me = f"{cid}{side}-"
            clients.append((cid, ws, me))
            readers.append(asyncio.create_task(_reader(ws, stats, me)))
    results = []
    counter = 0
    for rate in RATES:
        keys: list[str] = []
        started = time.perf_counter()
        total = int(rate * STAGE_SECONDS)
        for n in range(total):
            # Sends are spread evenly over the stage; each goes from the next client in turn.
            due = started + n / rate
            delay = due - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            cid, ws, me = clients[counter % len(clients)]
            counter += 1
            key = f"{me}{counter}"
            stats.sent_at[key] = time.perf_counter()
            keys.append(key)
            await ws.send(
                json.dumps(
                    {"type": "send", "conversation_id": cid, "client_message_id": key, "text": "hi"}
                )
            )
        elapsed = time.perf_counter() - started
        await asyncio.sleep(GRACE_SECONDS)
        got = sorted(stats.latencies[k] * 1000 for k in keys if k in stats.latencies)
        results.append(
            {
                "rate": rate,
                "offered": len(keys) / elapsed,
                "delivered": len(got),
                "sent": len(keys),
                "p50": statistics.median(got) if got else float("nan"),
                "p95": got[int(0.95 * (len(got) - 1))] if got else float("nan"),
            }
        )
        r = results[-1]
        print(
            f"stage rate={rate}/s offered={r['offered']:.0f}/s delivered={r['delivered']}/"
            f"{r['sent']} p50_ms={r['p50']:.1f} p95_ms={r['p95']:.1f}",
            flush=True,
        )
    for task in readers:
        task.cancel()
    for _, ws, _ in clients:
        await ws.close()
    return results


def main() -> None:
    _prepare_database()
    pairs = _seed()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    server = _start_server(port)
    try:
        time.sleep(1)  # let the workers finish importing before the reference is taken
        reference = _reference_ops_per_s()
        load = os.getloadavg()[0]
        print(f"reference ops_per_s={reference:.0f} load_average_1m={load:.2f}", flush=True)
        cpu_before = _cpu_seconds(server.pid)
        results = asyncio.run(_run(port, pairs))
        cpu = _cpu_seconds(server.pid) - cpu_before
        sent = sum(int(r["sent"]) for r in results)
        print(f"server_cpu_ms_per_msg={cpu * 1000 / sent:.2f} (includes connecting 2K sockets)")
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=5)
    sustained = [r for r in results if r["delivered"] == r["sent"] and r["p95"] <= P95_TARGET_MS]
    best = sustained[-1] if sustained else results[0]
    print(
        f"ratio msgs_per_s_per_1k_reference_ops={best['offered'] / reference * 1000:.2f} "
        f"workers={WORKERS} load_average_1m_after={os.getloadavg()[0]:.2f}"
    )
    print(
        f"bench chat conversations={K} msgs_per_s={best['offered']:.0f} "
        f"p50_ms={best['p50']:.1f} p95_ms={best['p95']:.1f}"
    )


if __name__ == "__main__":
    main()
