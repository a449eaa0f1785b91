"""`manage.py payments_reconcile`: compare the ledger and provider records, report differences."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from payments.reconcile import payments_reconcile


class Command(BaseCommand):
    help = "Compare the payments ledger with itself and with the provider; exit 1 on differences."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--ledger-only", action="store_true", help="Do not ask the provider.")

    def handle(self, *args: Any, **options: Any) -> None:
        problems = payments_reconcile(check_provider=not options["ledger_only"])
        for line in problems:
            self.stdout.write(line)
        if problems:
            raise CommandError(f"{len(problems)} difference(s) found.")
        self.stdout.write("ledger and provider agree")
