"""Money for payments: Stripe's currency exponents and the platform-fee split.

Amounts are integers of minor units. The exponent table follows Stripe's list
(https://docs.stripe.com/currencies), which is the one that matters when we send amounts:
zero-decimal currencies are sent unmultiplied, and three-decimal ones must end in 0.

Fee rule (stated once, used everywhere):
    raw = amount × bps / 10 000, rounded half up to the currency's granularity
          (1 minor unit; 10 for three-decimal currencies, whose amounts must end in 0)
    fee = min(amount, max(raw, minimum))     — minimum converted to minor units, rounded up
    payout = amount − fee                    — so fee + payout == amount, always.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from common.errors import ValidationFailed
from common.money import CURRENCY_EXPONENTS as MARKETPLACE_EXPONENTS

# Stripe's zero-decimal and three-decimal currencies, beyond what the marketplace lists, so a
# new currency added to the marketplace picks the right exponent here.
STRIPE_ZERO_DECIMAL = frozenset(
    {"BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "UGX", "VND", "VUV"}
    | {"XAF", "XOF", "XPF"}
)
STRIPE_THREE_DECIMAL = frozenset({"BHD", "JOD", "KWD", "OMR", "TND"})


def exponent(currency: str) -> int:
    """Minor-unit exponent as Stripe counts it (0, 2 or 3)."""
    if currency in STRIPE_ZERO_DECIMAL:
        return 0
    if currency in STRIPE_THREE_DECIMAL:
        return 3
    if currency in MARKETPLACE_EXPONENTS:
        return MARKETPLACE_EXPONENTS[currency]
    raise ValidationFailed("currency_unsupported", _("This currency is not supported."))


def granularity(currency: str) -> int:
    """The smallest step an amount may take: three-decimal currencies must end in 0."""
    return 10 if exponent(currency) == 3 else 1


def validate_amount(*, amount_minor: int, currency: str) -> None:
    """Refuse amounts Stripe would refuse: not positive, or not a multiple of the step."""
    if not isinstance(amount_minor, int) or isinstance(amount_minor, bool) or amount_minor <= 0:
        raise ValidationFailed(
            "amount_invalid", _("The amount must be a positive integer of minor units.")
        )
    if amount_minor % granularity(currency):
        raise ValidationFailed(
            "amount_invalid",
            _("Amounts in %(currency)s must end in 0.") % {"currency": currency},
        )


def minimum_fee_minor(*, minimum: str, currency: str) -> int:
    """The configured minimum fee (major units, e.g. "0.50") in minor units, rounded up."""
    scaled = (Decimal(minimum) * (10 ** exponent(currency))).to_integral_value(ROUND_CEILING)
    step = granularity(currency)
    return math.ceil(int(scaled) / step) * step


@dataclass(frozen=True)
class FeeSplit:
    amount_minor: int
    fee_minor: int
    payout_minor: int
    currency: str
    fee_bps: int


def fee_split(
    *, amount_minor: int, currency: str, bps: int | None = None, minimum: str | None = None
) -> FeeSplit:
    """Split `amount_minor` into the platform fee and the freelancer's payout (see module doc)."""
    bps = settings.PAYMENTS_FEE_BPS if bps is None else bps
    minimum = settings.PAYMENTS_FEE_MINIMUM if minimum is None else minimum
    step = granularity(currency)
    # Half up in integers: units of `step`, never a float.
    units = (amount_minor * bps + 5000 * step) // (10000 * step)
    raw = units * step
    fee = min(amount_minor, max(raw, minimum_fee_minor(minimum=minimum, currency=currency)))
    return FeeSplit(
        amount_minor=amount_minor,
        fee_minor=fee,
        payout_minor=amount_minor - fee,
        currency=currency,
        fee_bps=bps,
    )
