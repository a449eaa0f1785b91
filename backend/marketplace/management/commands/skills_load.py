from typing import Any

from django.core.management.base import BaseCommand

from marketplace.skills.services import skill_taxonomy_load


class Command(BaseCommand):
    help = "Load or update the skill taxonomy from marketplace/skills/data/skills.json."

    def handle(self, *args: Any, **options: Any) -> None:
        result = skill_taxonomy_load()
        self.stdout.write(
            f"Skill taxonomy: {result.categories} categories, {result.skills} skills, "
            f"{result.aliases} aliases, {result.related_links} related links "
            f"({result.changed} changes)."
        )
