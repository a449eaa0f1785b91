"""GIN indexes on the full-text vectors, on PostgreSQL only (SQLite has no tsvector/GIN)."""

from __future__ import annotations

from typing import Any

from django.db import migrations

INDEXES = [
    ("matching_indexedprofile", "matching_profile_fts_gin"),
    ("matching_indexedgig", "matching_gig_fts_gin"),
]


def create(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, name in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (search_vector)"
        )


def drop(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for _table, name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("matching", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
