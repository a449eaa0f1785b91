"""Sustained mixed load on the production HTTP server, then a count of every write (issue 9).

    make load                      # 5 minutes; LOAD_SECONDS=20 make load for a short run

gunicorn (backend/config/gunicorn.py, sync workers) on a PostgreSQL database of its own
(migrated, skills and `seed_demo` loaded) and a Redis database of its own, throttles and
per-user write quotas raised out of reach: the run measures errors and lost writes under load,
not the abuse limits. Fresh freelancers and firm owners with sessions each run
(tests/load/seed.py); the mix is in tests/load/driver.py, the checks in tests/load/verify.py.

Prints requests, rps, per-kind counts, errors and p50/p95, then whether every acknowledged
write is stored exactly once; exits 1 on any error (non-2xx, 5xx, socket error) or lost,
unacknowledged or duplicated write. Settings (environment): LOAD_SECONDS (300), LOAD_WORKERS
(requests in flight, 8), LOAD_RATE (request starts per second, 0 = as fast as answered),
LOAD_GUNICORN_WORKERS (2), LOAD_DATABASE_URL, LOAD_REDIS_URL.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parents[2]
DATABASE_URL = os.environ.get(
    "LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/nanoguild_load"
)
REDIS_URL = os.environ.get("LOAD_REDIS_URL", "redis://127.0.0.1:6379/13")
SECONDS = float(os.environ.get("LOAD_SECONDS", "300"))
WORKERS = int(os.environ.get("LOAD_WORKERS", "8"))
RATE = float(os.environ.get("LOAD_RATE", "0"))
GUNICORN_WORKERS = int(os.environ.get("LOAD_GUNICORN_WORKERS", "2"))

# What the served app needs to take the load for what it is: limits out of reach.
SERVER_ENV = {
    "THROTTLE_ANON": "10000000/min",
    "THROTTLE_USER": "10000000/min",
    "THROTTLE_WRITES": "10000000/min",
    "MARKETPLACE_PROPOSALS_PER_DAY": "1000000",
    "CHAT_RATE_LIMIT_MESSAGES": "1000000",
    "CHAT_RATE_LIMIT_FRAMES": "1000000",
    "DJANGO_DEBUG": "false",
    "LOG_LEVEL": "WARNING",
}


def _env() -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": DATABASE_URL,
        "REDIS_URL": REDIS_URL,
        "PYTHONPATH": str(REPO / "backend"),
    }


def _prepare_database() -> None:
    import psycopg

    name = DATABASE_URL.rsplit("/", 1)[1]
    admin_url = DATABASE_URL.rsplit("/", 1)[0].replace("postgres://", "postgresql://")
    with psycopg.connect(f"{admin_url}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    for command in (["migrate", "--noinput", "-v", "0"], ["skills_load"], ["seed_demo"]):
        subprocess.run(  # noqa: S603 - our own interpreter and arguments
            [sys.executable, "backend/manage.py", *command],
            cwd=REPO, env=_env(), check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip


def _setup_django() -> None:
    os.environ.update({"DATABASE_URL": DATABASE_URL, "REDIS_URL": REDIS_URL})
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path[:0] = [str(REPO / "backend"), str(REPO)]
    import django

    django.setup()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start_gunicorn(port: int, log: Path) -> subprocess.Popen[bytes]:
    env = {
        **_env(),
        **SERVER_ENV,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": str(GUNICORN_WORKERS),
        "LOG_FORMAT": "text",
    }
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.py",
             "config.wsgi:application", "--access-logfile", "/dev/null"],
            cwd=REPO / "backend", env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.3)
        if process.poll() is not None:
            break
    process.kill()
    raise SystemExit(f"gunicorn did not start; see {log}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def _load_average() -> str:
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> int:
    load_before = _load_average()
    print(f"load: preparing {DATABASE_URL.rsplit('/', 1)[1]} (migrate, skills, seed_demo)")
    _prepare_database()
    _setup_django()
    from django.db import connections

    from marketplace.gigs.models import Gig
    from tests.load import report
    from tests.load.driver import Load
    from tests.load.seed import cast_create, demo_readers
    from tests.load.verify import writes_check

    cast = cast_create(freelancers=40, owners=10, gigs_per_owner=10)
    cast.extra_readers = demo_readers()
    public_gig_ids = list(Gig.objects.filter(status="open").values_list("id", flat=True))
    connections.close_all()
    port = _free_port()
    log = REPO / "var" / "load" / "gunicorn.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    server = _start_gunicorn(port, log)
    print(
        f"load: run {cast.run} from {time.strftime('%H:%M:%S', time.gmtime())} UTC,"
        f" {SECONDS:.0f} s, {WORKERS} in flight,"
        f" rate {'unpaced' if not RATE else f'{RATE:.0f}/s'}, gunicorn {GUNICORN_WORKERS} workers"
    )
    try:
        load = Load(cast, base_url=f"http://127.0.0.1:{port}", public_gig_ids=public_gig_ids)
        results = asyncio.run(load.run(seconds=SECONDS, workers=WORKERS, rate=RATE))
    finally:
        _stop(server)
    checks = writes_check(results, run=cast.run)
    context: dict[str, Any] = {
        "load_before": load_before,
        "load_after": _load_average(),
        "gunicorn_workers": GUNICORN_WORKERS,
        "workers": WORKERS,
        "rate": RATE,
    }
    ok = report.print_summary(results, checks, context)
    lines = log.read_text().splitlines()
    restarts = [ln[:21] for ln in lines if "Autorestarting worker" in ln]
    print(f"load: gunicorn workers restarted (max_requests) {len(restarts)} times: {restarts}")
    server_errors = [ln for ln in lines if "Traceback" in ln]
    if server_errors:
        print(f"load: FAILED: {len(server_errors)} tracebacks in {log}")
        ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
