"""Settings boot in each mode: production refuses to start without a required variable and names it.

Each case imports the settings in a fresh interpreter (`django.setup()` in a subprocess), since
they are read once at import and this process has them loaded already.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from config.env import PRODUCTION_REQUIRED

REPO_DIR = Path(__file__).resolve().parent.parent
BACKEND_DIR = REPO_DIR / "backend"
# `env.str("NAME", …)`, `env.db_url(\n    "NAME", …)`: every variable the settings read.
ENV_READ = re.compile(r"\benv\.\w+\(\s*\"([A-Z][A-Z0-9_]*)\"")

# Values only need to parse; nothing connects while settings load or `check` runs.
PRODUCTION_ENV = {
    "SECRET_KEY": "test-only-production-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
    "ALLOWED_HOSTS": "nanoguild.example",
    "CSRF_TRUSTED_ORIGINS": "https://nanoguild.example",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/nanoguild",
    "REDIS_URL": "redis://127.0.0.1:6379/15",
    "CELERY_BROKER_URL": "amqp://guest:guest@127.0.0.1:5672//",
    "EMAIL_URL": "smtp://127.0.0.1:25",
    "DEFAULT_FROM_EMAIL": "Nanoguild <hello@nanoguild.example>",
    "MEDIA_URL": "https://media.nanoguild-usercontent.example/",
}


def _environment(**overrides: str) -> dict[str, str]:
    """The current environment without any Nanoguild setting, plus `overrides`."""
    environment = {
        name: value
        for name, value in os.environ.items()
        if name not in PRODUCTION_REQUIRED and not name.startswith("DJANGO_")
    }
    environment["DJANGO_SETTINGS_MODULE"] = "config.settings"
    environment.update(overrides)
    return environment


def _run(args: list[str], environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603  (fixed arguments, our own interpreter)
        [sys.executable, *args],
        cwd=BACKEND_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _setup(environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return _run(["-c", "import django; django.setup()"], environment)


def _last_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else ""


def test_production_requires_the_expected_variables() -> None:
    assert set(PRODUCTION_ENV) == set(PRODUCTION_REQUIRED)


@pytest.mark.parametrize("missing", PRODUCTION_REQUIRED)
def test_production_refuses_to_start_without_a_required_variable(missing: str) -> None:
    # Given production mode with every required variable but one
    present = {name: value for name, value in PRODUCTION_ENV.items() if name != missing}

    # When Django starts
    result = _setup(_environment(DJANGO_ENV="production", **present))

    # Then it stops, and the error names the missing variable (and no other)
    assert result.returncode != 0
    error = _last_line(result.stderr)
    assert "ImproperlyConfigured" in error
    assert missing in error
    others = [name for name in PRODUCTION_REQUIRED if name != missing and name in error]
    assert others == []


def test_production_treats_a_blank_variable_as_missing() -> None:
    result = _setup(_environment(DJANGO_ENV="production", **{**PRODUCTION_ENV, "SECRET_KEY": " "}))

    assert result.returncode != 0
    assert "SECRET_KEY" in _last_line(result.stderr)


def test_an_unknown_mode_is_refused() -> None:
    result = _setup(_environment(DJANGO_ENV="staging"))

    assert result.returncode != 0
    assert "DJANGO_ENV" in _last_line(result.stderr)


def test_production_starts_with_every_required_variable() -> None:
    # Given production mode with every required variable
    environment = _environment(DJANGO_ENV="production", **PRODUCTION_ENV)

    # When the system checks run, deployment checks included, failing on any warning
    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], environment)

    # Then it starts, and the deployment checks are clean
    assert result.returncode == 0, result.stderr


def test_embedded_mode_starts_with_no_variables_at_all() -> None:
    result = _run(["manage.py", "check"], _environment())

    assert result.returncode == 0, result.stderr


def test_env_example_documents_every_variable_the_settings_read() -> None:
    # Given every variable read by the settings modules (config/, however it gets split)
    sources = sorted((BACKEND_DIR / "config").rglob("*.py"))
    read = {name for source in sources for name in ENV_READ.findall(source.read_text())}
    assert set(PRODUCTION_REQUIRED) <= read

    # Then .env.example shows each one as an assignment, production's marked as required
    example = (REPO_DIR / ".env.example").read_text()
    documented = set(re.findall(r"^# ([A-Z][A-Z0-9_]*)=", example, flags=re.MULTILINE))
    assert sorted(read - documented) == []
    for name in PRODUCTION_REQUIRED:
        comment = re.search(rf"^# (.*)\n# {name}=", example, flags=re.MULTILINE)
        assert comment is not None
        assert "[production: required]" in comment.group(1)
