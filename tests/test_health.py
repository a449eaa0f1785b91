"""`/healthz` and `/readyz` against the real services: PostgreSQL, Redis and RabbitMQ on localhost.

`make test` runs these with DATABASE_URL (PostgreSQL) and REDIS_URL set. The failure cases
point a dependency at port 1 on localhost, where nothing listens, so the connection is refused
at once instead of waiting out a timeout.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import LazySettings
from django.test import Client, override_settings

REDIS_CACHE = "django.core.cache.backends.redis.RedisCache"
# Database 15 is the test database number `make test` gives REDIS_URL; nothing else uses it.
LIVE_REDIS = "redis://127.0.0.1:6379/15"
CLOSED_PORT_REDIS = "redis://127.0.0.1:1/0"


def _redis_cache(location: str) -> dict[str, Any]:
    return {"default": {"BACKEND": REDIS_CACHE, "LOCATION": location, "KEY_PREFIX": "readyz"}}


@pytest.mark.parametrize("path", ["/healthz", "/healthz/"])
def test_healthz_answers_ok_without_touching_the_database(client: Client, path: str) -> None:
    # Given no database access (pytest-django blocks it without the django_db mark)
    # When the liveness probe is called
    response = client.get(path)

    # Then it answers 200 without any I/O
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_refuses_other_methods(client: Client) -> None:
    response = client.post("/healthz")

    assert response.status_code == 405


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/readyz", "/readyz/"])
def test_readyz_is_ok_with_the_configured_services(
    client: Client, settings: LazySettings, path: str
) -> None:
    # Given the test database and cache (PostgreSQL and Redis under `make test`) and the
    # embedded mode's in-process Celery broker
    settings.CELERY_BROKER_URL = "memory://"

    # When the readiness probe is called
    response = client.get(path)

    # Then every check passes
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {
            "database": "ok",
            "cache": "ok",
            "broker": "in_process",
            "search": "not_configured",
        },
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    "broker_url",
    ["redis://127.0.0.1:6379/15", "amqp://guest:guest@127.0.0.1:5672//"],
    ids=["redis", "rabbitmq"],
)
def test_readyz_reaches_a_live_broker_and_redis_cache(
    client: Client, settings: LazySettings, broker_url: str
) -> None:
    # Given a Redis cache and a real broker, as in production
    settings.CELERY_BROKER_URL = broker_url

    with override_settings(CACHES=_redis_cache(LIVE_REDIS)):
        response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json()["checks"] == {
        "database": "ok",
        "cache": "ok",
        "broker": "ok",
        "search": "not_configured",
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    "broker_url",
    ["redis://127.0.0.1:1/0", "amqp://guest:secret-password@127.0.0.1:1//"],
    ids=["redis", "rabbitmq"],
)
def test_readyz_is_unavailable_when_the_broker_is_down(
    client: Client, settings: LazySettings, broker_url: str
) -> None:
    # Given a broker URL pointing at a closed port
    settings.CELERY_BROKER_URL = broker_url

    # When the readiness probe is called
    response = client.get("/readyz")

    # Then it answers 503 naming the broker, and the other checks still pass
    assert response.status_code == 503
    body = response.json()
    assert body == {
        "status": "unavailable",
        "checks": {
            "database": "ok",
            "cache": "ok",
            "broker": "error: OperationalError",
            "search": "not_configured",
        },
    }
    # And the response leaks neither the address nor the credentials
    text = response.content.decode()
    assert "127.0.0.1" not in text
    assert "secret-password" not in text


@pytest.mark.django_db
def test_readyz_is_unavailable_when_the_cache_is_down(
    client: Client, settings: LazySettings
) -> None:
    # Given a Redis cache on a closed port. Overriding CACHES resets django.core.cache.caches
    # (setting_changed signal), so the view gets a client for the new location; the override
    # ends with the request, before the shared fixtures clear the cache on teardown.
    settings.CELERY_BROKER_URL = "memory://"

    with override_settings(CACHES=_redis_cache(CLOSED_PORT_REDIS)):
        response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "checks": {
            "database": "ok",
            "cache": "error: ConnectionError",
            "broker": "in_process",
            "search": "not_configured",
        },
    }
    assert "127.0.0.1" not in response.content.decode()


def test_readyz_is_unavailable_when_the_database_is_unreachable(client: Client) -> None:
    # Given no database access (pytest-django makes every query raise without django_db)
    response = client.get("/readyz")

    # Then the database check fails by class name and the probe answers 503
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["database"] == "error: RuntimeError"
    assert checks["cache"] == "ok"


@pytest.mark.django_db
def test_readyz_reports_an_unreachable_search_engine_as_degraded_not_down(
    client: Client, settings: LazySettings
) -> None:
    # Given Elasticsearch configured at an address where nothing answers
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:1"

    response = client.get("/readyz")

    # Then the app stays ready (searches fall back to the database) and says it is degraded
    assert response.status_code == 200
    assert response.json()["checks"]["search"] == "degraded"
