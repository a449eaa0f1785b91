"""Browser tests: Debian's Chromium driven by Playwright against a real uvicorn on PostgreSQL.

The server runs in a subprocess on pytest-django's test database (transactional tests, so what
the browser writes is committed and what the test creates is visible to the server). Emails
leave through the outbox table, where the test reads the verification keys.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import httpx
import pytest
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Locator,
    Page,
    Playwright,
    expect,
    sync_playwright,
)

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "docs" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
PASSWORD = "a-long-and-unusual-passphrase-42"

# Playwright's sync API runs an event loop in this thread; the test's own ORM calls (reading
# the outbox) are plain synchronous code, so Django's async guard must not refuse them.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _database_url() -> str:
    db = settings.DATABASES["default"]
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def live_server_env() -> dict[str, str]:
    """More environment for the live server; a module overrides it (e.g. to configure Stripe)."""
    return {}


@pytest.fixture
def live_server_url(transactional_db: None, live_server_env: dict[str, str]) -> Iterator[str]:
    """uvicorn serving config.asgi (API, websockets, the built SPA) on a free loopback port."""
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        pytest.fail("the browser suite needs DATABASE_URL on PostgreSQL")
    if not (REPO / "frontend" / "dist" / "index.html").exists():
        pytest.fail("the web app is not built: run `make frontend` (make e2e does)")
    call_command("skills_load", verbosity=0)
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "DB_CONN_MAX_AGE": "0",
        "SITE_URL": url,
        "PAYMENTS_ONBOARDING_RETURN_URL": f"{url}/settings/payouts",
        "STRIPE_SECRET_KEY": "",
        **live_server_env,
    }
    command = [sys.executable, "-m", "uvicorn", "config.asgi:application", "--app-dir", "backend"]
    command += ["--host", "127.0.0.1", "--port", str(port), "--lifespan", "off"]
    command += ["--ws-max-size", "65536", "--log-level", "warning"]
    process = subprocess.Popen(command, cwd=REPO, env=env)  # noqa: S603  (our own interpreter)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert process.poll() is None, "uvicorn exited"
            assert time.monotonic() < deadline, "uvicorn did not start"
            time.sleep(0.2)
        yield url
    finally:
        # Consumers blocked in a channel-layer poll can hold a graceful shutdown (docs/chat.md).
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as p:
        yield p


@pytest.fixture
def browser(playwright: Playwright) -> Iterator[Browser]:
    # The machine is shared: a sign-up (password hashing) can take several seconds under load,
    # so assertions wait up to 20 s instead of Playwright's 5 s before they fail.
    expect.set_options(timeout=20_000)
    browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
    yield browser
    browser.close()


class ConsoleErrors(list[str]):
    """Console errors and uncaught exceptions a page produced."""


def _expected(message: ConsoleMessage) -> bool:
    # allauth headless answers 401 for "signed up, email not verified yet" (its protocol, not
    # a failure); the browser logs every 4xx response it fetched.
    return "/_allauth/" in message.location.get("url", "") and "401" in message.text


def watch(page: Page) -> ConsoleErrors:
    errors = ConsoleErrors()
    page.on(
        "console",
        lambda m: errors.append(m.text) if m.type == "error" and not _expected(m) else None,
    )
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


def shot(page: Page, name: str, *, full_page: bool = True) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)


def verification_key(email: str) -> str:
    """The key from the newest verification email to this address (read from the outbox)."""
    from marketplace.accounts.models import OutboundEmail

    deadline = time.monotonic() + 10
    while True:
        message = OutboundEmail.objects.filter(to=email).order_by("-id").first()
        if message is not None:
            match = re.search(r"/verify-email/([^/\s]+)", message.body_text)
            assert match, message.body_text
            return unquote(match.group(1))
        assert time.monotonic() < deadline, f"no verification email to {email}"
        time.sleep(0.2)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "console_allows(*patterns): regexes of console errors a browser test provokes on purpose",
    )


@pytest.fixture(autouse=True)
def no_console_errors(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[ConsoleErrors]:
    """Fail any browser test whose pages log a console error or throw an uncaught exception.

    Every context the test opens reports its pages' errors here (context-level events, so pages
    opened later are covered too); a test that provokes one on purpose names it with
    `@pytest.mark.console_allows(...)`. Patching the class for this test only leaves the
    browser to start when the test asks for it (seeding fixtures may run before).
    """
    errors = ConsoleErrors()
    allowed = [re.compile(p) for m in request.node.iter_markers("console_allows") for p in m.args]
    new_context = Browser.new_context

    def watched_context(self: Browser, *args: Any, **kwargs: Any) -> BrowserContext:
        context = new_context(self, *args, **kwargs)

        def on_console(message: ConsoleMessage) -> None:
            if message.type == "error" and not _expected(message):
                errors.append(f"{message.text} [{message.location.get('url', '')}]")

        context.on("console", on_console)
        context.on("weberror", lambda e: errors.append(f"uncaught: {e.error}"))
        return context

    monkeypatch.setattr(Browser, "new_context", watched_context)
    yield errors
    unexpected = [e for e in errors if not any(p.search(e) for p in allowed)]
    if unexpected:
        pytest.fail("console errors in the browser:\n" + "\n".join(unexpected), pytrace=False)


def image_decoded(scope: Page | Locator, name: str) -> bool:
    """The image named `name` was fetched and decoded, not just an <img> with a broken src.
    `decode()` waits for an image still loading (visible is not loaded yet) and rejects a
    broken one."""
    image = scope.get_by_role("img", name=name).first
    return bool(image.evaluate("img => img.decode().then(() => img.naturalWidth > 0, () => false)"))
