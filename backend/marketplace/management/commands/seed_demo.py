from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from marketplace.demo.logins import DEMO_LOGINS
from marketplace.demo.seed import demo_seed
from marketplace.demo.summary import demo_summary


class Command(BaseCommand):
    help = (
        "Create the multilingual demo marketplace (freelancers, firms, gigs, proposals, a "
        "contract) and print its logins. Idempotent: a second run changes nothing."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        report = demo_seed()
        if report.total:
            created = ", ".join(f"{kind} {n}" for kind, n in report.created.items())
            self.stdout.write(self.style.SUCCESS(f"Demo data created: {created}."))
        else:
            self.stdout.write("Demo data is present already; nothing changed.")
        for label, text in demo_summary():
            self.stdout.write(f"  {label:<12} {text}")
        self.stdout.write("")
        self.stdout.write(f"Open {settings.SITE_URL} and sign in as:")
        for who, email in DEMO_LOGINS:
            self.stdout.write(f"  {who:<15} {email}")
        self.stdout.write(f"  {'Password':<15} {settings.DEMO_PASSWORD}")
