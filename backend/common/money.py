"""Currencies the marketplace accepts, with their minor-unit exponent (ISO 4217).

Amounts are integers of minor units everywhere (cents, yen); the exponent says how many
decimals a currency shows, so 1234 EUR-minor is 12.34 EUR and 1234 JPY-minor is 1234 JPY.
"""

from __future__ import annotations

CURRENCY_EXPONENTS: dict[str, int] = {
    "EUR": 2,
    "USD": 2,
    "GBP": 2,
    "CHF": 2,
    "CAD": 2,
    "AUD": 2,
    "NZD": 2,
    "SEK": 2,
    "NOK": 2,
    "DKK": 2,
    "PLN": 2,
    "CZK": 2,
    "HUF": 2,
    "RON": 2,
    "INR": 2,
    "BRL": 2,
    "MXN": 2,
    "SGD": 2,
    "HKD": 2,
    "ZAR": 2,
    "JPY": 0,
    "KRW": 0,
    "BHD": 3,
    "KWD": 3,
    "JOD": 3,
}

CURRENCY_CHOICES = [(code, code) for code in sorted(CURRENCY_EXPONENTS)]

# The largest amount any single price may carry: 10^12 minor units (10 billion EUR) keeps
# every sum of a contract's milestones far inside a signed 64-bit column.
MAX_AMOUNT_MINOR = 10**12


def format_minor(amount_minor: int, currency: str) -> str:
    """Plain text rendering for logs and emails, e.g. `12.34 EUR`; the SPA uses Intl."""
    exponent = CURRENCY_EXPONENTS[currency]
    if exponent == 0:
        return f"{amount_minor} {currency}"
    sign = "-" if amount_minor < 0 else ""
    whole, frac = divmod(abs(amount_minor), 10**exponent)
    return f"{sign}{whole}.{frac:0{exponent}d} {currency}"
