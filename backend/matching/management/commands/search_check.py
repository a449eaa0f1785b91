"""Compare the index with the database: `manage.py search_check` (exit 1 when they differ)."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand

from matching.services import search_check

SHOWN_IDS = 20


class Command(BaseCommand):
    help = "Report counts and the ids that differ between the database and the search index."

    def handle(self, *args: Any, **options: Any) -> None:
        differ = False
        for report in search_check():
            line = (
                f"{report.backend} {report.kind}: database={report.expected} index={report.indexed}"
            )
            if report.ok:
                self.stdout.write(line + " ok")
                continue
            differ = True
            self.stdout.write(line + " DIFFER")
            if report.missing:
                self.stdout.write(f"  missing from index: {report.missing[:SHOWN_IDS]}")
            if report.extra:
                self.stdout.write(f"  not in database: {report.extra[:SHOWN_IDS]}")
        if differ:
            sys.exit(1)
