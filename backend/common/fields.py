"""Field cleaners shared by the services that take free-form input (profiles, firms, gigs).

Services are the one gate every write passes through (the API, admin, the demo seed, tests), so
they check their input themselves instead of trusting a serializer. Each cleaner takes a raw
value and returns it normalised (stripped, upper-cased, parsed) or raises `FieldError` with a
translated message; `clean_fields` runs a table of cleaners and reports every field's problem
in one `validation_error`, so a form can mark all of them at once.

One implementation per rule keeps the packages in step: a country, a time zone or an amount is
valid on a profile exactly when it is valid on a firm or a gig. Where a caller words a problem
its own way (a gig's country, a profile's link) it uses the predicate (`is_country_code`,
`is_http_url`, …) and keeps its message.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Collection, Mapping
from functools import cache
from typing import Any, TypeVar

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _
from django_countries import countries

from common.errors import ValidationFailed
from common.models import spoken_language_choices
from common.money import CURRENCY_EXPONENTS, MAX_AMOUNT_MINOR
from common.timezones import timezone_names

_T = TypeVar("_T")
Cleaner = Callable[[Any], Any]

# Public addresses (`/freelancers/<slug>/`, `/firms/<slug>/`): lowercase words joined by single
# hyphens, so an address reads aloud and never needs escaping. 80 is the columns' length.
SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SLUG_MIN_LENGTH = 3
SLUG_MAX_LENGTH = 80

# Only web addresses: `javascript:`, `ftp:` or `mailto:` links must never reach a page.
_http_url_validator = URLValidator(schemes=["http", "https"])


class FieldError(Exception):
    """One field's problem; `clean_fields` files `message` under the field's name."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


def invalid(**errors: list[str]) -> ValidationFailed:
    """The `validation_error` that carries field → messages, as the API's own 400s do."""
    return ValidationFailed("validation_error", _("Some fields are invalid."), **errors)


def clean_fields(fields: Mapping[str, Any], cleaners: Mapping[str, Cleaner]) -> dict[str, Any]:
    """Run each field's cleaner; return the cleaned values, or raise one `validation_error`
    naming every field that failed (not only the first), each with its message.

    `cleaners` must have an entry for every field given: callers reject unknown names first
    (`reject_unknown_fields`), so a missing cleaner is a programming error (KeyError).
    """
    errors: dict[str, list[str]] = {}
    values: dict[str, Any] = {}
    for name, value in fields.items():
        try:
            values[name] = cleaners[name](value)
        except FieldError as exc:
            errors[name] = [exc.message]
    if errors:
        raise invalid(**errors)
    return values


def reject_unknown_fields(
    fields: Mapping[str, Any], allowed: Collection[str], *, owner: str
) -> None:
    """A service called with a field it does not edit is a bug in the caller, not bad input:
    raise TypeError (a 500 that gets fixed) rather than silently dropping the value."""
    unknown = sorted(set(fields) - set(allowed))
    if unknown:
        raise TypeError(f"Unknown {owner} fields: {', '.join(unknown)}")


def or_none(cleaner: Callable[[Any], _T]) -> Callable[[Any], _T | None]:
    """`cleaner` for a field that may be cleared: None passes through unchanged."""

    def clean(value: Any) -> _T | None:
        return None if value is None else cleaner(value)

    return clean


# --- text and addresses -------------------------------------------------------------------------


def clean_text(value: Any, *, max_length: int, required: bool) -> str:
    """Stripped text: surrounding spaces are never meant, and "   " is as empty as ""."""
    if not isinstance(value, str):
        raise FieldError(_("Enter text."))
    value = value.strip()
    if required and not value:
        raise FieldError(_("This field is required."))
    if len(value) > max_length:
        raise FieldError(_("At most %(n)d characters.") % {"n": max_length})
    return value


def is_slug(value: Any) -> bool:
    """3–80 lowercase letters and digits in words joined by single hyphens."""
    return (
        isinstance(value, str)
        and SLUG_MIN_LENGTH <= len(value) <= SLUG_MAX_LENGTH
        and SLUG_RE.fullmatch(value) is not None
    )


def slug_taken() -> ValidationFailed:
    """A public address someone else has (profiles and firms share the code and wording)."""
    message = _("This address is taken; choose another.")
    return ValidationFailed("slug_taken", message, slug=[message])


def is_http_url(value: str) -> bool:
    """An absolute http(s) address (Django's URL validator, limited to the two schemes)."""
    try:
        _http_url_validator(value)
    except DjangoValidationError:
        return False
    return True


# --- places and times ----------------------------------------------------------------------------


def is_country_code(code: str) -> bool:
    """An upper-case ISO 3166-1 alpha-2 code django-countries knows (`DE`, not `DEU` or `de`)."""
    return len(code) == 2 and countries.alpha2(code) == code


def clean_country(value: Any) -> str:
    """A country code, accepted in any case and stored upper-case."""
    code = value.strip().upper() if isinstance(value, str) else ""
    if not is_country_code(code):
        raise FieldError(_("Enter a two-letter ISO 3166 country code."))
    return code


def clean_time_zone(value: Any) -> str:
    """An IANA name (`Europe/Berlin`): offsets like `+01:00` break on daylight saving time."""
    if not isinstance(value, str) or value not in timezone_names():
        raise FieldError(_("Enter an IANA time zone such as Europe/Berlin."))
    return value


def clean_time(value: Any) -> dt.time:
    """A wall-clock time (`09:30`) in the owner's time zone, so it carries no offset of its own;
    seconds are dropped, working hours are planned to the minute."""
    if isinstance(value, str):
        try:
            value = dt.time.fromisoformat(value)
        except ValueError as exc:
            raise FieldError(_("Enter a time as HH:MM.")) from exc
    if not isinstance(value, dt.time) or value.tzinfo is not None:
        raise FieldError(_("Enter a time as HH:MM."))
    return value.replace(second=0, microsecond=0)


def clean_date(value: Any) -> dt.date:
    """A calendar date (`2025-03-01`); a datetime is refused, its time would be silently lost."""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError as exc:
            raise FieldError(_("Enter a date as YYYY-MM-DD.")) from exc
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise FieldError(_("Enter a date as YYYY-MM-DD."))
    return value


# Where someone works and when: the same four fields on a freelancer profile and on a firm.
LOCATION_AND_HOURS_CLEANERS: Mapping[str, Cleaner] = {
    "country": clean_country,
    "time_zone": clean_time_zone,
    "working_hours_start": clean_time,
    "working_hours_end": clean_time,
}


def check_working_window(start: dt.time, end: dt.time) -> None:
    """Working hours may wrap past midnight (22:00–06:00 for a night owl); an empty window
    (start == end) says nothing about when someone works, so it is refused."""
    if start == end:
        raise invalid(working_hours_end=[_("The working window must not be empty.")])


# --- money and languages -------------------------------------------------------------------------


def is_amount_minor(value: Any) -> bool:
    """A price in minor units: a whole number (not a bool, which Python counts as an int),
    positive, and at most `MAX_AMOUNT_MINOR` so sums stay far inside a 64-bit column."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_AMOUNT_MINOR


def clean_amount_minor(value: Any) -> int:
    """An amount field (a rate); says whether the type or the size is wrong."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise FieldError(_("Enter a whole number of minor units."))
    if not is_amount_minor(value):
        raise FieldError(
            _("Enter a positive amount up to %(max)d minor units.") % {"max": MAX_AMOUNT_MINOR}
        )
    return value


def check_currency(value: Any, *, field: str) -> str:
    """An accepted ISO 4217 code (exactly as listed: `EUR`, not `eur`).

    Refused with its own code, `currency_unsupported`, not as a `validation_error`: clients
    branch on it to offer the accepted currencies, which the field's message lists.
    """
    if isinstance(value, str) and value in CURRENCY_EXPONENTS:
        return value
    raise ValidationFailed(
        "currency_unsupported",
        _("This currency is not accepted."),
        **{field: [_("Accepted: %(list)s.") % {"list": ", ".join(sorted(CURRENCY_EXPONENTS))}]},
    )


@cache
def spoken_language_codes() -> frozenset[str]:
    """The ISO 639-1 codes a profile may speak and a gig may ask for (fixed per process)."""
    return frozenset(code for code, _name in spoken_language_choices())
