"""The audit log is append-only in the database itself (a PostgreSQL trigger here, a SQLite
trigger in the embedded mode) and read-only in admin."""

from __future__ import annotations

import importlib
import sqlite3
from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import Client
from tests.factories_flow import public_profile

from marketplace.moderation.models import ModerationAction
from marketplace.moderation.services import profile_hide

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(moderator: Any) -> ModerationAction:
    profile_hide(profile=public_profile(), by=moderator, reason="Spam")
    return ModerationAction.objects.get()


def test_the_database_refuses_to_update_an_audit_row(entry: ModerationAction) -> None:
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        ModerationAction.objects.filter(pk=entry.pk).update(reason="Nothing happened")

    entry.reason = "Nothing happened"
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        entry.save()

    entry.refresh_from_db()
    assert entry.reason == "Spam"


def test_the_database_refuses_to_delete_an_audit_row(entry: ModerationAction) -> None:
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        ModerationAction.objects.filter(pk=entry.pk).delete()

    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():  # noqa: SIM117
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM marketplace_moderationaction")

    assert ModerationAction.objects.filter(pk=entry.pk).exists()


def test_the_sqlite_trigger_of_the_embedded_mode_refuses_too() -> None:
    # The migration's own SQLite statements, applied to a table of the same name
    migration = importlib.import_module("marketplace.migrations.0005_moderation")
    database = sqlite3.connect(":memory:")
    database.execute(
        "CREATE TABLE marketplace_moderationaction (id INTEGER PRIMARY KEY, reason TEXT)"
    )

    class SchemaEditor:
        class connection:  # noqa: N801 - the attribute Django's schema editor has
            vendor = "sqlite"

        def execute(self, sql: str, params: Any = None) -> None:
            database.execute(sql)

    migration.audit_append_only(None, SchemaEditor())
    database.execute("INSERT INTO marketplace_moderationaction (reason) VALUES ('Spam')")

    for statement in (
        "UPDATE marketplace_moderationaction SET reason = 'x'",
        "DELETE FROM marketplace_moderationaction",
    ):
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            database.execute(statement)
    assert database.execute("SELECT reason FROM marketplace_moderationaction").fetchall() == [
        ("Spam",)
    ]


def test_the_audit_log_is_read_only_in_admin(
    entry: ModerationAction, moderator_client: Client
) -> None:
    url = f"/admin/marketplace/moderationaction/{entry.pk}/change/"

    page = moderator_client.get(url)
    posted = moderator_client.post(url, {"reason": "edited"})
    deleted = moderator_client.post(
        f"/admin/marketplace/moderationaction/{entry.pk}/delete/", {"post": "yes"}
    )

    assert page.status_code == 200
    assert "Spam" in page.content.decode()
    assert 'name="reason"' not in page.content.decode()
    assert posted.status_code == 403
    assert deleted.status_code == 403
    assert moderator_client.get("/admin/marketplace/moderationaction/add/").status_code == 403
    entry.refresh_from_db()
    assert entry.reason == "Spam"
