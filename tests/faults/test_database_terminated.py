"""The application's PostgreSQL connections terminated (`pg_terminate_backend`, on the test
database only) under a running gunicorn: no 500s; while the database refuses connections the
API answers 503 `service_unavailable` with Retry-After, and it recovers by itself after."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from django.db import connection

from tests.factories import FirmMembershipFactory
from tests.factories_flow import open_gig
from tests.faults.servers import gunicorn
from tests.faults.worker import app_database_url

pytestmark = pytest.mark.django_db(transaction=True)


def _terminate_the_apps_connections() -> int:
    """End every other session on the test database (never another database's)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        row = cursor.fetchone()
    return int(row[0]) if row else 0


@contextmanager
def _refusing_connections() -> Iterator[None]:
    """The test database refuses new sessions (as while PostgreSQL restarts or fails over)."""
    import psycopg

    # PostgreSQL changes this from a session on another database (the maintenance one).
    quoted = connection.ops.quote_name(connection.settings_dict["NAME"])
    maintenance = app_database_url().rsplit("/", 1)[0].replace("postgres://", "postgresql://")
    with psycopg.connect(f"{maintenance}/postgres", autocommit=True) as admin:
        admin.execute(f"ALTER DATABASE {quoted} ALLOW_CONNECTIONS false")
        try:
            yield
        finally:
            admin.execute(f"ALTER DATABASE {quoted} ALLOW_CONNECTIONS true")


def test_terminated_connections_answer_503_then_recover(tmp_path: Path) -> None:
    # Given a public gig and gunicorn (2 workers) whose connections are warm
    gig = open_gig(firm=FirmMembershipFactory.create().firm)
    log = tmp_path / "gunicorn.log"
    with gunicorn(log) as base, httpx.Client(base_url=base, timeout=60) as http:
        for _ in range(6):
            assert http.get("/api/v1/gigs/").status_code == 200

        # When every connection of the application is terminated
        assert _terminate_the_apps_connections() >= 1
        # Then the next requests reconnect (connection health checks) and succeed
        after = [http.get(f"/api/v1/gigs/{gig.pk}/") for _ in range(6)]
        assert [r.status_code for r in after] == [200] * 6

        # When they are terminated again and the database refuses new sessions for a while
        with _refusing_connections():
            _terminate_the_apps_connections()
            # (the freelancer list: anonymous gig pages may come from the public-read cache)
            down = [http.get("/api/v1/freelancers/") for _ in range(6)]
        # Then each request failed cleanly: 503 with a code and a hint when to retry
        assert [r.status_code for r in down] == [503] * 6
        assert {r.json()["code"] for r in down} == {"service_unavailable"}
        assert {r.headers.get("Retry-After") for r in down} == {"5"}

        # And once the database takes sessions again the same processes serve normally
        back = [http.get("/api/v1/freelancers/") for _ in range(6)]
        assert [r.status_code for r in back] == [200] * 6
        back.append(http.get("/api/v1/gigs/"))
        assert back[-1].json()["results"][0]["id"] == gig.pk
