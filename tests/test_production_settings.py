"""Production settings as an operator gets them: the example environment passes
`check --deploy`, the media domain is checked, Sentry starts only when configured, and the
metrics endpoint and security headers behave.

Settings are read once per interpreter, so each mode runs in a fresh subprocess.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client, override_settings

from tests.test_settings import PRODUCTION_ENV, REPO_DIR, _environment, _run

EXAMPLE = (REPO_DIR / ".env.example").read_text()


def example_environment() -> dict[str, str]:
    """Every `# NAME=value` of .env.example, as an operator copying the file would set them."""
    values = dict(re.findall(r"^# ([A-Z][A-Z0-9_]*)=(.*)$", EXAMPLE, flags=re.MULTILINE))
    values["DJANGO_ENV"] = "production"
    return values


def test_check_deploy_is_clean_with_the_example_environment() -> None:
    environment = _environment(**example_environment())

    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], environment)

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.parametrize(
    ("media_url", "check_id"),
    [
        ("/media/", "nanoguild.W001"),
        ("http://media.nanoguild-usercontent.example/", "nanoguild.W001"),
        # A subdomain of the site is not a separate registrable domain.
        ("https://media.nanoguild.example/", "nanoguild.W002"),
    ],
)
def test_check_deploy_refuses_media_on_the_site_domain(media_url: str, check_id: str) -> None:
    environment = _environment(
        DJANGO_ENV="production", **{**PRODUCTION_ENV, "MEDIA_URL": media_url}
    )

    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], environment)

    assert result.returncode != 0
    assert check_id in result.stderr


SENTRY_STATE = (
    "import django; django.setup(); import sentry_sdk; print(sentry_sdk.is_initialized())"
)


def test_sentry_stays_off_without_a_dsn() -> None:
    result = _run(["-c", SENTRY_STATE], _environment(DJANGO_ENV="production", **PRODUCTION_ENV))

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_sentry_starts_when_a_dsn_is_set() -> None:
    # A DSN on a closed local port: initialising sends nothing.
    dsn = "https://public@127.0.0.1:9/1"
    environment = _environment(DJANGO_ENV="production", **PRODUCTION_ENV, SENTRY_DSN=dsn)

    result = _run(["-c", SENTRY_STATE], environment)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


def test_production_logs_are_json_lines() -> None:
    code = (
        "import django, json, logging; django.setup(); "
        "logging.getLogger('nanoguild.test').warning('hello %s', 'json')"
    )
    result = _run(["-c", code], _environment(DJANGO_ENV="production", **PRODUCTION_ENV))

    assert result.returncode == 0, result.stderr
    import json

    record: dict[str, Any] = json.loads(result.stderr.strip().splitlines()[-1])
    assert (record["level"], record["logger"], record["message"]) == (
        "WARNING",
        "nanoguild.test",
        "hello json",
    )


@pytest.mark.django_db
@override_settings(METRICS_TOKEN="")
def test_metrics_do_not_exist_without_a_token() -> None:
    assert Client().get("/metrics").status_code == 404


@pytest.mark.django_db
@override_settings(METRICS_TOKEN="s3cret-scrape-token")
def test_metrics_need_the_bearer_token() -> None:
    client = Client()
    client.get("/api/v1/skills/")

    refused = client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong")
    served = client.get("/metrics", HTTP_AUTHORIZATION="Bearer s3cret-scrape-token")

    assert refused.status_code == 401
    assert refused["WWW-Authenticate"] == 'Bearer realm="metrics"'
    assert b"django_http_requests" not in refused.content
    assert served.status_code == 200
    assert b"django_http_requests_total_by_view_transport_method_total" in served.content


@pytest.mark.django_db
def test_responses_carry_the_content_security_policy() -> None:
    response = Client().get("/api/v1/skills/")

    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "object-src 'none'" in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_swagger_ui_runs_without_inline_script() -> None:
    page = Client().get("/api/docs/")

    assert page.status_code == 200
    assert b"<script>" not in page.content
    assert (
        "'unsafe-inline'"
        not in page["Content-Security-Policy"].split("script-src")[1].split(";")[0]
    )


def test_concurrent_readiness_probes_do_not_fail_each_other() -> None:
    # Probes of several pods (or a slow probe and the next one) overlap on the shared cache.
    from concurrent.futures import ThreadPoolExecutor

    from common.health import check_cache

    with ThreadPoolExecutor(max_workers=16) as pool:
        results = list(pool.map(lambda _: check_cache(), range(400)))

    assert set(results) == {"ok"}
