"""Freelancer profile rules: creating, editing, skills and languages, publishing.

A user has at most one profile. Only its owner edits or publishes it; moderators hide and
restore it through `marketplace.moderation.services`. A public profile stays complete: it keeps
at least one skill and a rate, so edits that would remove the last one are refused.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django_countries import countries

from common.errors import Conflict, Forbidden, NotFound, ValidationFailed
from common.models import LanguageProficiency, spoken_language_choices
from common.money import CURRENCY_EXPONENTS, MAX_AMOUNT_MINOR
from common.timezones import timezone_names
from marketplace.accounts.models import User
from marketplace.profiles.models import (
    FreelancerProfile,
    ProfileLanguage,
    ProfileSkill,
    ProfileVisibility,
    SkillLevel,
)
from marketplace.skills.models import Skill
from marketplace.skills.selectors import skill_resolve_many

SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SLUG_MIN_LENGTH = 3
SLUG_MAX_LENGTH = 80
HEADLINE_MAX_LENGTH = 140
BIO_MAX_LENGTH = 5000
HOURS_PER_WEEK_MAX = 80
# Ten links cover a portfolio, a code host and a few social profiles; more is link farming.
LINKS_MAX = 10
LINK_URL_MAX_LENGTH = 500
LINK_LABEL_MAX_LENGTH = 60
# A profile page lists skills and languages in full; 50 and 20 are far above what real
# profiles carry and keep one save to a bounded number of lookups (a skill costs up to 4).
SKILLS_MAX = 50
LANGUAGES_MAX = 20
YEARS_MAX = 60
DEFAULT_SKILL_LEVEL = SkillLevel.INTERMEDIATE

# The fields `profile_create` and `profile_update` accept besides slug (create) and the lists.
EDITABLE_FIELDS = frozenset(
    {
        "slug",
        "headline",
        "bio",
        "country",
        "time_zone",
        "working_hours_start",
        "working_hours_end",
        "hourly_rate_minor",
        "daily_rate_minor",
        "rate_currency",
        "hours_per_week",
        "available_from",
        "links",
    }
)

_url_validator = URLValidator(schemes=["http", "https"])


def profile_create(
    *,
    user: User,
    slug: str,
    headline: str,
    country: str,
    skills: Sequence[Mapping[str, Any]] | None = None,
    languages: Sequence[Mapping[str, Any]] | None = None,
    **fields: Any,
) -> FreelancerProfile:
    """Create the user's freelancer profile as a draft.

    One profile per user (`profile_exists`); the slug is the public address, unique
    (`slug_taken`) and made of lowercase letters, digits and single hyphens. Optional `skills`
    and `languages` lists are stored in the same transaction.
    """
    _reject_unknown(fields)
    values = _clean_fields({"slug": slug, "headline": headline, "country": country, **fields})
    _check_working_hours(
        values.get("working_hours_start", dt.time(9)), values.get("working_hours_end", dt.time(17))
    )
    if FreelancerProfile.objects.filter(user=user).exists():
        raise Conflict("profile_exists", _("You have a freelancer profile already."))
    _check_slug_free(values["slug"])
    with transaction.atomic():
        try:
            with transaction.atomic():
                profile = FreelancerProfile.objects.create(user=user, **values)
        except IntegrityError as exc:
            # Two requests raced past the checks above; the database decided.
            if FreelancerProfile.objects.filter(user=user).exists():
                raise Conflict(
                    "profile_exists", _("You have a freelancer profile already.")
                ) from exc
            raise _slug_taken() from exc
        if skills is not None:
            _replace_skills(profile, skills)
        if languages is not None:
            _replace_languages(profile, languages)
    return profile


def profile_update(
    *,
    profile: FreelancerProfile,
    by: User,
    skills: Sequence[Mapping[str, Any]] | None = None,
    languages: Sequence[Mapping[str, Any]] | None = None,
    **fields: Any,
) -> FreelancerProfile:
    """Change the owner's profile: any of `EDITABLE_FIELDS`, and the skill or language lists
    when given (each replaces the whole list). All or nothing.

    A public profile must keep a rate and a skill (`profile_incomplete`).
    """
    _reject_unknown(fields)
    values = _clean_fields(fields)
    with transaction.atomic():
        locked = _lock_own(profile, by)
        _check_working_hours(
            values.get("working_hours_start", locked.working_hours_start),
            values.get("working_hours_end", locked.working_hours_end),
        )
        if "slug" in values and values["slug"] != locked.slug:
            _check_slug_free(values["slug"], exclude_id=locked.id)
        for name, value in values.items():
            setattr(locked, name, value)
        if values:
            try:
                with transaction.atomic():
                    locked.save(update_fields=[*values, "updated_at"])
            except IntegrityError as exc:
                raise _slug_taken() from exc
        if skills is not None:
            _replace_skills(locked, skills)
        if languages is not None:
            _replace_languages(locked, languages)
        if locked.visibility == ProfileVisibility.PUBLIC:
            _require_complete(locked, message=_("A public profile needs a rate and a skill."))
    return locked


def profile_set_skills(
    *, profile: FreelancerProfile, skills: Sequence[Mapping[str, Any]]
) -> FreelancerProfile:
    """Replace the profile's skills with `skills`: `{skill: id | slug | label | alias,
    level: 1–4, years: 0–60}` each. Unknown skills are refused together (`unknown_skill`),
    a skill listed twice (also under two aliases) is refused; a public profile keeps ≥ 1.
    """
    with transaction.atomic():
        locked = _lock(profile)
        _replace_skills(locked, skills)
        if locked.visibility == ProfileVisibility.PUBLIC:
            _require_complete(locked, message=_("A public profile needs at least one skill."))
    return locked


def profile_set_languages(
    *, profile: FreelancerProfile, languages: Sequence[Mapping[str, Any]]
) -> FreelancerProfile:
    """Replace the profile's spoken languages: `{code: ISO 639-1, proficiency}` each."""
    with transaction.atomic():
        locked = _lock(profile)
        _replace_languages(locked, languages)
    return locked


def profile_publish(*, profile: FreelancerProfile, by: User) -> FreelancerProfile:
    """Make the owner's draft public. Needs at least one skill and an hourly or daily rate
    (`profile_incomplete`, naming what is missing). A profile hidden by moderation stays
    hidden (`invalid_state`); publishing a public profile changes nothing.
    """
    with transaction.atomic():
        locked = _lock_own(profile, by)
        if locked.visibility == ProfileVisibility.HIDDEN:
            raise Conflict(
                "invalid_state", _("Moderation hid this profile; only a moderator can restore it.")
            )
        if locked.visibility == ProfileVisibility.PUBLIC:
            return locked
        _require_complete(locked, message=_("Add at least one skill and a rate to publish."))
        locked.visibility = ProfileVisibility.PUBLIC
        locked.save(update_fields=["visibility", "updated_at"])
    return locked


def profile_unpublish(*, profile: FreelancerProfile, by: User) -> FreelancerProfile:
    """Take the owner's public profile back to draft. A hidden profile cannot leave moderation
    this way (`invalid_state`); unpublishing a draft changes nothing.
    """
    with transaction.atomic():
        locked = _lock_own(profile, by)
        if locked.visibility == ProfileVisibility.HIDDEN:
            raise Conflict(
                "invalid_state", _("Moderation hid this profile; only a moderator can restore it.")
            )
        if locked.visibility == ProfileVisibility.DRAFT:
            return locked
        locked.visibility = ProfileVisibility.DRAFT
        locked.save(update_fields=["visibility", "updated_at"])
    return locked


# --- rules ----------------------------------------------------------------------------------


def _lock(profile: FreelancerProfile) -> FreelancerProfile:
    locked = FreelancerProfile.objects.select_for_update().filter(pk=profile.pk).first()
    if locked is None:
        raise NotFound()
    return locked


def _lock_own(profile: FreelancerProfile, by: User) -> FreelancerProfile:
    if profile.user_id != by.pk:
        raise Forbidden("permission_denied", _("Only the profile's owner may change it."))
    return _lock(profile)


def _missing_for_publish(profile: FreelancerProfile) -> list[str]:
    missing = []
    if not profile.profile_skills.exists():
        missing.append("skills")
    if profile.hourly_rate_minor is None and profile.daily_rate_minor is None:
        missing.append("rate")
    return missing


def _require_complete(profile: FreelancerProfile, *, message: str) -> None:
    missing = _missing_for_publish(profile)
    if missing:
        raise Conflict("profile_incomplete", message, missing=missing)


def _slug_taken() -> ValidationFailed:
    message = _("This address is taken; choose another.")
    return ValidationFailed("slug_taken", message, slug=[message])


def _check_slug_free(slug: str, *, exclude_id: int | None = None) -> None:
    taken = FreelancerProfile.objects.filter(slug=slug)
    if exclude_id is not None:
        taken = taken.exclude(id=exclude_id)
    if taken.exists():
        raise _slug_taken()


def _reject_unknown(fields: Mapping[str, Any]) -> None:
    unknown = sorted(set(fields) - EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown profile fields: {', '.join(unknown)}")


def _invalid(**errors: list[str]) -> ValidationFailed:
    return ValidationFailed("validation_error", _("Some fields are invalid."), **errors)


def _check_working_hours(start: dt.time, end: dt.time) -> None:
    # A window may wrap past midnight (22:00–06:00 for a night owl); an empty one says nothing.
    if start == end:
        raise _invalid(working_hours_end=[_("The working window must not be empty.")])


def _clean_fields(fields: Mapping[str, Any]) -> dict[str, Any]:
    """Check and normalise every given field; all problems are reported at once."""
    if "rate_currency" in fields:
        currency = fields["rate_currency"]
        if not isinstance(currency, str) or currency not in CURRENCY_EXPONENTS:
            message = _("This currency is not accepted.")
            raise ValidationFailed("currency_unsupported", message, rate_currency=[message])
    errors: dict[str, list[str]] = {}
    values: dict[str, Any] = {}
    for name, value in fields.items():
        try:
            values[name] = _CLEANERS[name](value)
        except _FieldError as exc:
            errors[name] = [exc.message]
    if errors:
        raise _invalid(**errors)
    return values


class _FieldError(Exception):
    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


def _text(value: Any, *, max_length: int, required: bool) -> str:
    if not isinstance(value, str):
        raise _FieldError(_("Enter text."))
    value = value.strip()
    if required and not value:
        raise _FieldError(_("This field is required."))
    if len(value) > max_length:
        raise _FieldError(_("At most %(n)d characters.") % {"n": max_length})
    return value


def _slug(value: Any) -> str:
    if not isinstance(value, str):
        raise _FieldError(_("Enter text."))
    if not SLUG_MIN_LENGTH <= len(value) <= SLUG_MAX_LENGTH or not SLUG_RE.match(value):
        raise _FieldError(
            _(
                "Use 3 to 80 lowercase letters, digits and single hyphens, "
                "not starting or ending with a hyphen."
            )
        )
    return value


def _country(value: Any) -> str:
    code = value.strip().upper() if isinstance(value, str) else ""
    if len(code) != 2 or countries.alpha2(code) != code:
        raise _FieldError(_("Enter a two-letter ISO 3166 country code."))
    return code


def _time_zone(value: Any) -> str:
    if not isinstance(value, str) or value not in timezone_names():
        raise _FieldError(_("Enter an IANA time zone such as Europe/Berlin."))
    return value


def _time(value: Any) -> dt.time:
    if isinstance(value, str):
        try:
            value = dt.time.fromisoformat(value)
        except ValueError as exc:
            raise _FieldError(_("Enter a time as HH:MM.")) from exc
    if not isinstance(value, dt.time) or value.tzinfo is not None:
        raise _FieldError(_("Enter a time as HH:MM."))
    return value.replace(second=0, microsecond=0)


def _date_or_none(value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError as exc:
            raise _FieldError(_("Enter a date as YYYY-MM-DD.")) from exc
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise _FieldError(_("Enter a date as YYYY-MM-DD."))
    return value


def _rate_or_none(value: Any) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        raise _FieldError(_("Enter a whole number of minor units."))
    if not 0 < value <= MAX_AMOUNT_MINOR:
        raise _FieldError(
            _("Enter a positive amount up to %(max)d minor units.") % {"max": MAX_AMOUNT_MINOR}
        )
    return value


def _currency(value: Any) -> str:
    return str(value)  # checked up front, with its own code


def _hours_per_week(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise _FieldError(_("Enter a whole number of hours."))
    if not 0 <= value <= HOURS_PER_WEEK_MAX:
        raise _FieldError(_("Enter 0 to %(max)d hours.") % {"max": HOURS_PER_WEEK_MAX})
    return value


def _links(value: Any) -> list[dict[str, str]]:
    """Each link is a URL or `{url, label}`; stored as `{label, url}`."""
    if not isinstance(value, list | tuple):
        raise _FieldError(_("Enter a list of links."))
    if len(value) > LINKS_MAX:
        raise _FieldError(_("At most %(n)d links.") % {"n": LINKS_MAX})
    links = []
    for item in value:
        url, label = (item, "") if isinstance(item, str) else _link_parts(item)
        url = url.strip()
        if len(url) > LINK_URL_MAX_LENGTH:
            raise _FieldError(
                _("A link is longer than %(n)d characters.") % {"n": LINK_URL_MAX_LENGTH}
            )
        try:
            _url_validator(url)
        except DjangoValidationError as exc:
            raise _FieldError(_("%(url)s is not an http(s) address.") % {"url": url[:80]}) from exc
        links.append({"label": label, "url": url})
    return links


def _link_parts(item: Any) -> tuple[str, str]:
    if not isinstance(item, Mapping) or not isinstance(item.get("url"), str):
        raise _FieldError(_("Each link needs a url."))
    label = item.get("label") or ""
    if not isinstance(label, str) or len(label.strip()) > LINK_LABEL_MAX_LENGTH:
        raise _FieldError(
            _("A link label has at most %(n)d characters.") % {"n": LINK_LABEL_MAX_LENGTH}
        )
    return item["url"], label.strip()


_CLEANERS: dict[str, Any] = {
    "slug": _slug,
    "headline": lambda v: _text(v, max_length=HEADLINE_MAX_LENGTH, required=True),
    "bio": lambda v: _text(v, max_length=BIO_MAX_LENGTH, required=False),
    "country": _country,
    "time_zone": _time_zone,
    "working_hours_start": _time,
    "working_hours_end": _time,
    "hourly_rate_minor": _rate_or_none,
    "daily_rate_minor": _rate_or_none,
    "rate_currency": _currency,
    "hours_per_week": _hours_per_week,
    "available_from": _date_or_none,
    "links": _links,
}


def _replace_skills(profile: FreelancerProfile, items: Sequence[Mapping[str, Any]]) -> None:
    rows = _clean_skill_items(items)
    ProfileSkill.objects.filter(profile=profile).delete()
    ProfileSkill.objects.bulk_create(
        ProfileSkill(profile=profile, skill=skill, level=level, years=years)
        for skill, level, years in rows
    )


def _clean_skill_items(items: Any) -> list[tuple[Skill, int, int]]:
    if not isinstance(items, list | tuple):
        raise _invalid(skills=[_("Enter a list of skills.")])
    if len(items) > SKILLS_MAX:
        raise _invalid(skills=[_("At most %(n)d skills.") % {"n": SKILLS_MAX}])
    parsed: list[tuple[str | int, int, int]] = []
    for item in items:
        if not isinstance(item, Mapping):
            raise _invalid(skills=[_("Each skill is an object with a skill, level and years.")])
        ref = item.get("skill")
        level = item.get("level", DEFAULT_SKILL_LEVEL)
        years = item.get("years", 0)
        if isinstance(ref, bool) or not isinstance(ref, str | int) or not str(ref).strip():
            raise _invalid(skills=[_("Each skill needs a skill id, slug or name.")])
        if isinstance(level, bool) or level not in SkillLevel.values:
            raise _invalid(skills=[_("A skill level is 1 to 4.")])
        if isinstance(years, bool) or not isinstance(years, int) or not 0 <= years <= YEARS_MAX:
            raise _invalid(skills=[_("Years of experience are 0 to %(n)d.") % {"n": YEARS_MAX}])
        parsed.append((ref, int(level), years))
    resolved: list[Skill] = []
    unknown: list[str] = []
    for ref, _level, _years in parsed:
        try:
            resolved.extend(skill_resolve_many(refs=[ref]))
        except ValidationFailed:
            unknown.append(str(ref))
    if unknown:
        raise ValidationFailed(
            "unknown_skill",
            _("Unknown skill: %(names)s") % {"names": ", ".join(unknown)},
            skills=unknown,
        )
    seen: set[int] = set()
    twice: list[str] = []
    for skill in resolved:
        if skill.id in seen:
            twice.append(skill.label())
        seen.add(skill.id)
    if twice:
        raise _invalid(skills=[_("Listed more than once: %(names)s") % {"names": ", ".join(twice)}])
    return [
        (skill, level, years) for skill, (_ref, level, years) in zip(resolved, parsed, strict=True)
    ]


def _replace_languages(profile: FreelancerProfile, items: Any) -> None:
    if not isinstance(items, list | tuple):
        raise _invalid(languages=[_("Enter a list of languages.")])
    if len(items) > LANGUAGES_MAX:
        raise _invalid(languages=[_("At most %(n)d languages.") % {"n": LANGUAGES_MAX}])
    known = _spoken_language_codes()
    rows: dict[str, str] = {}
    for item in items:
        code = item.get("code") if isinstance(item, Mapping) else None
        proficiency = item.get("proficiency") if isinstance(item, Mapping) else None
        if not isinstance(code, str) or code not in known:
            raise _invalid(languages=[_("Use an ISO 639-1 language code such as de.")])
        if proficiency not in LanguageProficiency.values:
            raise _invalid(
                languages=[
                    _("Proficiency is one of: %(values)s.")
                    % {"values": ", ".join(LanguageProficiency.values)}
                ]
            )
        if code in rows:
            raise _invalid(languages=[_("%(code)s is listed more than once.") % {"code": code}])
        rows[code] = str(proficiency)
    ProfileLanguage.objects.filter(profile=profile).delete()
    ProfileLanguage.objects.bulk_create(
        ProfileLanguage(profile=profile, code=code, proficiency=proficiency)
        for code, proficiency in rows.items()
    )


def _spoken_language_codes() -> frozenset[str]:
    return frozenset(code for code, _name in spoken_language_choices())
