"""The production processes of the smoke: started as an operator would, stopped with SIGTERM,
their logs checked line by line.

Every process logs one JSON object per line (LOG_FORMAT=json); a line that is not JSON, or
one at ERROR or above, fails the smoke, so a traceback printed by any process is caught.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO_DIR = Path(__file__).resolve().parents[2]
BACKEND_DIR = REPO_DIR / "backend"
# A graceful stop finishes in-flight work first: gunicorn waits up to its graceful_timeout
# (20 s), uvicorn up to --timeout-graceful-shutdown; past this the process is stuck.
STOP_TIMEOUT = 30.0
# Lines Celery prints with print() rather than logging, on every warm shutdown.
EXPECTED_PLAIN_LINES = {"worker: Warm shutdown (MainProcess)"}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def manage(environment: dict[str, str], *args: str) -> str:
    """Run a management command the way a release job does; fails with its output."""
    result = subprocess.run(  # noqa: S603  (fixed arguments, our own interpreter)
        [sys.executable, "manage.py", *args],
        cwd=BACKEND_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, f"manage.py {' '.join(args)}:\n{result.stdout}\n{result.stderr}"
    return result.stdout


@dataclass
class Process:
    name: str
    command: list[str]
    log_path: Path
    # nginx finishes open requests on SIGQUIT (its image's stop signal); SIGTERM is abrupt.
    stop_signal: int = signal.SIGTERM
    popen: subprocess.Popen[bytes] | None = None
    returncode: int | None = None

    def start(self, environment: dict[str, str]) -> None:
        with self.log_path.open("wb") as log:
            self.popen = subprocess.Popen(  # noqa: S603  (fixed arguments, our own interpreter)
                self.command,
                cwd=BACKEND_DIR,
                env=environment,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def records(self) -> list[dict[str, Any]]:
        """Every JSON log line; non-JSON lines come back as {"level": "RAW", ...}."""
        found: list[dict[str, Any]] = []
        for line in self.log().splitlines():
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except ValueError:
                record = None
            found.append(record if isinstance(record, dict) else {"level": "RAW", "line": line})
        return found

    def alive(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def stop(self) -> int:
        """SIGTERM, then wait; a process that does not stop in time is killed and reported."""
        assert self.popen is not None
        if self.popen.poll() is None:
            self.popen.send_signal(self.stop_signal)
            try:
                self.popen.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait(timeout=10)
                self.returncode = -9
                return self.returncode
        self.returncode = self.popen.returncode
        return self.returncode


@dataclass
class Stack:
    """nginx in front of gunicorn (HTTP) and uvicorn (websockets); a Celery worker and beat."""

    workdir: Path
    environment: dict[str, str]
    proxy_port: int
    http_port: int = field(default_factory=free_port)
    ws_port: int = field(default_factory=free_port)
    processes: list[Process] = field(default_factory=list)

    def __post_init__(self) -> None:
        python = sys.executable
        logs = self.workdir / "logs"
        logs.mkdir(exist_ok=True)
        from tests.prod_smoke import nginx

        nginx_conf = nginx.render(
            self.workdir,
            port=self.proxy_port,
            web_port=self.http_port,
            realtime_port=self.ws_port,
            static_root=Path(self.environment["STATIC_ROOT"]),
            media_root=Path(self.environment["MEDIA_ROOT"]),
        )
        celery = [python, "-m", "celery", "-A", "config", "-q"]
        self.processes = [
            Process(
                "web",
                [python, "-m", "gunicorn", "-c", "config/gunicorn.py", "config.wsgi:application"],
                logs / "web.log",
            ),
            Process(
                "realtime",
                [
                    *(python, "-m", "uvicorn", "config.asgi:application"),
                    *("--host", "127.0.0.1", "--port", str(self.ws_port)),
                    *("--lifespan", "off", "--proxy-headers", "--ws-max-size", "65536"),
                    *("--timeout-graceful-shutdown", "10"),
                ],
                logs / "realtime.log",
            ),
            Process(
                "worker",
                [
                    *(*celery, "worker", "--loglevel", "INFO", "--concurrency", "2"),
                    *("--without-gossip", "--without-mingle", "--hostname", "smoke-worker@%h"),
                ],
                logs / "worker.log",
            ),
            Process(
                "beat",
                [
                    *(*celery, "beat", "--loglevel", "INFO"),
                    *("--schedule", str(self.workdir / "celerybeat-schedule")),
                ],
                logs / "beat.log",
            ),
            Process(
                "proxy",
                [
                    *(nginx.nginx_binary(), "-c", str(nginx_conf)),
                    *("-p", str(nginx_conf.parent), "-g", "daemon off;"),
                ],
                logs / "proxy.log",
                stop_signal=signal.SIGQUIT,
            ),
        ]

    @property
    def web(self) -> Process:
        return self.processes[0]

    @property
    def worker(self) -> Process:
        return self.processes[2]

    def start(self) -> None:
        for process in self.processes:
            environment = dict(self.environment)
            if process.name == "worker" and os.geteuid() == 0:
                # CI machines run as root (containers run the worker as an unprivileged user,
                # see infra/docker/Dockerfile): Celery's root warning is expected here only.
                environment["PYTHONWARNINGS"] = (
                    "ignore:You're running the worker with superuser privileges"
                )
            if process.name == "web":
                environment["GUNICORN_BIND"] = f"127.0.0.1:{self.http_port}"
                environment["WEB_CONCURRENCY"] = "2"
                environment["PROMETHEUS_MULTIPROC_DIR"] = str(self.workdir / "metrics")
            process.start(environment)

    def wait_until(self, what: str, ready: Callable[[], bool], timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            dead = [p for p in self.processes if not p.alive()]
            assert not dead, f"{dead[0].name} exited while waiting for {what}:\n{dead[0].log()}"
            if ready():
                return
            time.sleep(0.2)
        raise AssertionError(f"timed out waiting for {what}\n" + self.tails())

    def stop(self) -> dict[str, int]:
        """Stop in the reverse order of dependency: producers of work first."""
        codes: dict[str, int] = {}
        for name in ("proxy", "beat", "web", "realtime", "worker"):
            process = next(p for p in self.processes if p.name == name)
            if process.popen is not None:
                codes[name] = process.stop()
        return codes

    def problems(self) -> list[str]:
        """Log lines at ERROR or above, and lines that are not JSON, from every process."""
        found = []
        for process in self.processes:
            for record in process.records():
                level = str(record.get("level", "")).upper()
                if record.get("line") in EXPECTED_PLAIN_LINES:
                    continue
                if level in {"ERROR", "CRITICAL", "RAW"}:
                    found.append(f"{process.name}: {record.get('line') or json.dumps(record)}")
        return found

    def tails(self, lines: int = 30) -> str:
        return "\n".join(
            f"--- {p.name} ---\n" + "\n".join(p.log().splitlines()[-lines:]) for p in self.processes
        )


def production_environment(
    workdir: Path, *, database_url: str, redis_url: str, site_port: int
) -> dict[str, str]:
    """DJANGO_ENV=production with everything the smoke needs, nothing from the caller's
    Nanoguild settings (a developer's DATABASE_URL must not leak into it)."""
    example = (REPO_DIR / ".env.example").read_text()
    documented = {
        line[2:].split("=", 1)[0]
        for line in example.splitlines()
        if line.startswith("# ") and "=" in line
    }
    environment = {
        name: value
        for name, value in os.environ.items()
        if name not in documented and not name.startswith(("DJANGO_", "CELERY_", "PROMETHEUS_"))
    }
    environment.update(
        {
            "DJANGO_ENV": "production",
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "PYTHONUNBUFFERED": "1",
            "SECRET_KEY": os.urandom(32).hex(),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            # A load balancer would present the site on https://; the smoke sends nginx the
            # X-Forwarded-Proto such a balancer adds.
            "CSRF_TRUSTED_ORIGINS": f"https://127.0.0.1:{site_port}",
            "SITE_URL": f"https://127.0.0.1:{site_port}",
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "CELERY_BROKER_URL": redis_url,
            # The worker "sends" into files the smoke reads (Django's file email backend).
            # (django-environ drops the path's first slash: hence four.)
            "EMAIL_URL": f"filemail:///{workdir / 'mail'}",
            "DEFAULT_FROM_EMAIL": "Nanoguild <hello@nanoguild.test>",
            "MEDIA_URL": "https://media.nanoguild-usercontent.test/",
            "MEDIA_ROOT": str(workdir / "media"),
            "STATIC_ROOT": str(workdir / "static"),
            "SEARCH_BACKEND": "database",
            "LOG_FORMAT": "json",
            "LOG_LEVEL": "INFO",
            "METRICS_TOKEN": os.urandom(16).hex(),
        }
    )
    return environment
