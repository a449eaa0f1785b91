"""Rebuild the search index from the database: `manage.py search_rebuild [--batch-size N]`."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from matching.services import DEFAULT_BATCH_SIZE, open_gig_ids, public_profile_ids, search_rebuild


class Command(BaseCommand):
    help = "Rebuild the matching index (profiles and gigs) with a progress bar."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)
        parser.add_argument("--no-progress", action="store_true", help="Print no progress bar.")

    def handle(self, *args: Any, **options: Any) -> None:
        batch_size = options["batch_size"]
        if batch_size < 1:
            self.stderr.write("--batch-size must be at least 1")
            sys.exit(2)
        totals = {
            "profile": sum(1 for _ in public_profile_ids()),
            "gig": sum(1 for _ in open_gig_ids()),
        }
        done: dict[str, int] = {}
        show = not options["no_progress"]

        def progress(label: str, n: int) -> None:
            done[label] = done.get(label, 0) + n
            if not show:
                return
            total = max(totals[label.split(":")[1]], 1)
            width = 30
            filled = int(width * done[label] / total)
            bar = "#" * filled + "-" * (width - filled)
            self.stdout.write(f"\r{label:<24} [{bar}] {done[label]}/{total}", ending="")
            if done[label] >= total:
                self.stdout.write("")

        counts = search_rebuild(batch_size=batch_size, progress=progress)
        self.stdout.write(
            self.style.SUCCESS(f"indexed {counts['profile']} profiles and {counts['gig']} gigs")
        )
