"""PostgreSQL only: a narrow table of each indexed profile's skill ids (`int[]`, GIN index).

Matching pre-filters candidates with `skill_ids && <wanted skills>` (GIN) and checks the
required-skill coverage rule and the candidate weight on these narrow rows (~130 per page
instead of ~5 for the wide `matching_indexedprofile` rows with their document and text), then
joins the best few to their documents: one query. SQLite keeps using the skill rows
(`IndexedProfileSkill`), which PostgreSQL also keeps for facets and search. Rows are written
and deleted with their profile's index row (`DatabaseBackend`). No foreign key on purpose:
Django's test flush truncates its own tables without CASCADE, and a row left behind is
harmless (the candidate query joins to the index rows).
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

FILL = (
    "INSERT INTO matching_profileskillset (profile_id, user_id, skill_ids) "
    "SELECT p.profile_id, p.user_id, COALESCE(array_agg(s.skill_id ORDER BY s.skill_id) "
    "FILTER (WHERE s.skill_id IS NOT NULL), '{}') FROM matching_indexedprofile p "
    "LEFT JOIN matching_indexedprofileskill s ON s.entry_id = p.profile_id "
    "GROUP BY p.profile_id, p.user_id ON CONFLICT (profile_id) DO UPDATE "
    "SET user_id = EXCLUDED.user_id, skill_ids = EXCLUDED.skill_ids"
)


def create(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE TABLE IF NOT EXISTS matching_profileskillset ("
        "profile_id bigint PRIMARY KEY, user_id bigint NOT NULL, skill_ids integer[] NOT NULL)"
    )
    schema_editor.execute(FILL)
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS matching_profileskillset_gin "
        "ON matching_profileskillset USING gin (skill_ids)"
    )


def drop(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP TABLE IF EXISTS matching_profileskillset")


class Migration(migrations.Migration):
    dependencies = [("matching", "0002_postgres_search_indexes")]

    operations = [migrations.RunPython(create, drop)]
