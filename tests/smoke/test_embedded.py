"""Embedded-mode smoke: what `make run` does on a fresh clone, end to end, on SQLite.

No PostgreSQL, no Redis, no broker: a throw-away SQLite file, the migrations, the skill
taxonomy, the demo seeded twice (the second run must change nothing), then one uvicorn process
serving the pages a newcomer opens first.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

pytestmark = pytest.mark.smoke

REPO_DIR = Path(__file__).resolve().parents[2]
BACKEND_DIR = REPO_DIR / "backend"
DEMO_LOGINS = ("freelancer@nanoguild.test", "owner@nanoguild.test", "admin@nanoguild.test")
DEMO_PASSWORD = "nanoguild-demo"
# The bar for the demo: at least 25 open gigs listed by the API.
MIN_DEMO_GIGS = 25
# Cursor pages of 20 make 25 gigs two pages; 50 pages means the `next` links loop.
MAX_PAGES = 50
# Prints, per model, its row count and highest primary key: a duplicate raises a count,
# a delete-and-recreate raises a key.
ROW_FINGERPRINT = (
    "import json\n"
    "from django.apps import apps\n"
    "from django.db.models import Max\n"
    "print(json.dumps({m._meta.label: [m._default_manager.count(),"
    " str(m._default_manager.aggregate(top=Max('pk'))['top'])]"
    " for m in apps.get_models() if not m._meta.proxy}, sort_keys=True))\n"
)


@pytest.fixture(scope="module")
def embedded_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment of a fresh clone: embedded defaults, a throw-away database and media."""
    workdir = tmp_path_factory.mktemp("embedded")
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "CELERY_")) and name not in {"DATABASE_URL", "REDIS_URL"}
    }
    environment.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DATABASE_URL": f"sqlite:///{workdir / 'smoke.sqlite3'}",
            # Explicit embedded values, so a developer's .env cannot point the smoke at a server.
            "REDIS_URL": "",
            "CELERY_BROKER_URL": "memory://",
            "MEDIA_ROOT": str(workdir / "media"),
            "PYTHONUNBUFFERED": "1",
        }
    )
    return environment


def _manage(environment: dict[str, str], *args: str) -> str:
    result = subprocess.run(  # noqa: S603  (fixed arguments, our own interpreter)
        [sys.executable, "manage.py", *args],
        cwd=BACKEND_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, (
        f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    )
    return result.stdout


def _row_fingerprint(environment: dict[str, str]) -> dict[str, Any]:
    output = _manage(environment, "shell", "--no-imports", "-c", ROW_FINGERPRINT)
    fingerprint: dict[str, Any] = json.loads(output.strip().splitlines()[-1])
    return fingerprint


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def seeded(embedded_env: dict[str, str]) -> dict[str, Any]:
    """Migrate, load the skills and seed the demo twice; returns what each step reported."""
    _manage(embedded_env, "migrate", "--noinput")
    _manage(embedded_env, "skills_load")
    first_output = _manage(embedded_env, "seed_demo")
    after_first = _row_fingerprint(embedded_env)
    _manage(embedded_env, "seed_demo")
    after_second = _row_fingerprint(embedded_env)
    return {"output": first_output, "after_first": after_first, "after_second": after_second}


@pytest.fixture(scope="module")
def server(embedded_env: dict[str, str], seeded: dict[str, Any]) -> Iterator[str]:
    """One uvicorn process serving the ASGI app, as `make run` does; yields its base URL."""
    port = _free_port()
    log_path = Path(embedded_env["MEDIA_ROOT"]).parent / "uvicorn.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(  # noqa: S603  (fixed arguments, our own interpreter)
            [
                sys.executable,
                "-m",
                "uvicorn",
                "config.asgi:application",
                "--app-dir",
                "backend",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--lifespan",
                "off",
            ],
            cwd=REPO_DIR,
            env=embedded_env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_live(base_url, process, log_path)
        yield base_url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def _wait_until_live(base_url: str, process: subprocess.Popen[bytes], log_path: Path) -> None:
    # Startup imports Django and every app: a few seconds; 60 covers a slow CI machine.
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"uvicorn exited with {process.returncode}:\n{log_path.read_text()}")
        try:
            if httpx.get(f"{base_url}/healthz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    pytest.fail(f"uvicorn did not answer /healthz within 60 s:\n{log_path.read_text()}")


def test_seed_demo_prints_the_demo_logins(seeded: dict[str, Any]) -> None:
    for login in DEMO_LOGINS:
        assert login in seeded["output"]


def test_seed_demo_twice_changes_nothing(seeded: dict[str, Any]) -> None:
    assert seeded["after_first"]["marketplace.Gig"][0] >= MIN_DEMO_GIGS
    assert seeded["after_second"] == seeded["after_first"]


def test_probes_answer(server: str) -> None:
    assert httpx.get(f"{server}/healthz").json() == {"status": "ok"}
    ready = httpx.get(f"{server}/readyz", timeout=10)
    assert ready.status_code == 200, ready.text
    assert ready.json()["checks"] == {
        "database": "ok",
        "cache": "ok",
        "broker": "in_process",
        "search": "not_configured",
    }


def test_api_lists_the_demo_gigs_across_cursor_pages(server: str) -> None:
    # Given the seeded demo, when an anonymous visitor follows the gig list's `next` links
    url: str | None = f"{server}/api/v1/gigs/"
    gigs: list[dict[str, Any]] = []
    pages = 0
    while url and pages < MAX_PAGES:
        response = httpx.get(url, timeout=10)
        assert response.status_code == 200, response.text[:2000]
        page = response.json()
        gigs.extend(page["results"])
        url = page["next"]
        pages += 1

    # Then every page is distinct and the demo's gigs are all there
    assert url is None
    distinct = {json.dumps(gig, sort_keys=True) for gig in gigs}
    assert len(distinct) == len(gigs)
    assert len(gigs) >= MIN_DEMO_GIGS


@pytest.mark.parametrize("path", ["/", "/api/schema/", "/api/docs/", "/admin/login/"])
def test_pages_render(server: str, path: str) -> None:
    response = httpx.get(f"{server}{path}", timeout=10)

    assert response.status_code == 200, response.text[:2000]


def test_demo_admin_can_log_in_to_the_admin(server: str) -> None:
    with httpx.Client(base_url=server, timeout=10) as browser:
        # Given the login form and its CSRF cookie
        form = browser.get("/admin/login/")
        token = form.cookies["csrftoken"]

        # When the demo admin signs in
        response = browser.post(
            "/admin/login/?next=/admin/",
            data={
                "csrfmiddlewaretoken": token,
                "username": "admin@nanoguild.test",
                "password": DEMO_PASSWORD,
                "next": "/admin/",
            },
        )

        # Then the admin index opens
        assert response.status_code == 302, response.text[:2000]
        assert response.headers["location"] == "/admin/"
        assert browser.get("/admin/").status_code == 200


def test_pages_with_reputation_render_on_sqlite(server: str) -> None:
    # Given a demo gig, when a visitor opens it, its firm's page and a freelancer's page
    gig = httpx.get(f"{server}/api/v1/gigs/", timeout=10).json()["results"][0]
    detail = httpx.get(f"{server}/api/v1/gigs/{gig['id']}/", timeout=10)
    firm = httpx.get(f"{server}/api/v1/firms/{gig['firm']['slug']}/", timeout=10)
    freelancer = httpx.get(f"{server}/api/v1/freelancers/", timeout=10).json()["results"][0]
    profile = httpx.get(f"{server}/api/v1/freelancers/{freelancer['slug']}/", timeout=10)

    # Then the reputation figures (date arithmetic in SQL) come back on the embedded database
    assert (detail.status_code, firm.status_code, profile.status_code) == (200, 200, 200)
    assert detail.json()["firm_reputation"] == firm.json()["reputation"]
    assert firm.json()["reputation"]["milestones_funded_on_time"]["measured"] >= 0
    assert len(profile.json()["endorsements"]) == len(profile.json()["skills"])
