"""PostgreSQL only: each indexed profile's skill ids as an `int[]` with a GIN index.

Matching pre-filters candidates with `skill_ids && <wanted skills>` (GIN) and checks the
required-skill coverage rule and the candidate weight on the row itself, so a match is one
query instead of a grouped scan of the skill-row index plus a fetch. SQLite keeps using the
skill rows (`IndexedProfileSkill`), which PostgreSQL also keeps for facets and search.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations


def create(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "ALTER TABLE matching_indexedprofile "
        "ADD COLUMN IF NOT EXISTS skill_ids integer[] NOT NULL DEFAULT '{}'"
    )
    schema_editor.execute(
        "UPDATE matching_indexedprofile p SET skill_ids = COALESCE(("
        "SELECT array_agg(s.skill_id ORDER BY s.skill_id) FROM matching_indexedprofileskill s "
        "WHERE s.entry_id = p.profile_id), '{}')"
    )
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS matching_profile_skill_ids_gin "
        "ON matching_indexedprofile USING gin (skill_ids)"
    )


def drop(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS matching_profile_skill_ids_gin")
    schema_editor.execute("ALTER TABLE matching_indexedprofile DROP COLUMN IF EXISTS skill_ids")


class Migration(migrations.Migration):
    dependencies = [("matching", "0002_postgres_search_indexes")]

    operations = [migrations.RunPython(create, drop)]
