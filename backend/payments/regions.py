"""Stripe regions, for `on_behalf_of`: separate charges and transfers normally need the
platform and the connected account in the same region; a charge for a freelancer in another
region settles `on_behalf_of` their account instead (design notes, §1; Stripe's
"charges-transfers" page). Europe (EEA, United Kingdom, Switzerland) is one region; every
other Stripe country is its own."""

from __future__ import annotations

from django.conf import settings

from payments.escrow.models import PayoutAccount

# EEA, United Kingdom and Switzerland.
_EUROPE_CODES = (
    "AT BE BG CH CY CZ DE DK EE ES FI FR GB GR HR HU IE IS IT LI LT LU LV MT NL NO PL PT RO SE "
    "SI SK"
)
EUROPE = frozenset(_EUROPE_CODES.split())


def region_of(country: str) -> str:
    country = country.upper()
    return "europe" if country in EUROPE else country


def on_behalf_of_for(account: PayoutAccount | None) -> str:
    """The connected account a charge must settle on behalf of, or "" (same region, or the
    platform's or the freelancer's country is not known)."""
    platform = str(settings.PAYMENTS_PLATFORM_COUNTRY or "")
    if not platform or account is None or not account.country:
        return ""
    return account.account_id if region_of(account.country) != region_of(platform) else ""
