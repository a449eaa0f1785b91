"""What a valid freelancer profile is: its fields, links, skill list and language list.

Used by `profiles.services` on create and on every edit. The cleaners every package shares
(text, country, time zone, times, amounts, currency) come from `common.fields`; the ones only a
profile has (slug wording, hours per week, links, skills with levels, languages with
proficiency) live here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from common.errors import ValidationFailed
from common.fields import (
    LOCATION_AND_HOURS_CLEANERS,
    Cleaner,
    FieldError,
    check_currency,
    clean_amount_minor,
    clean_date,
    clean_fields,
    clean_text,
    invalid,
    is_http_url,
    is_slug,
    or_none,
    spoken_language_codes,
)
from common.models import LanguageProficiency
from marketplace.profiles.models import SkillLevel
from marketplace.skills.models import Skill
from marketplace.skills.selectors import skill_resolve_many

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


def clean_profile_fields(fields: Mapping[str, Any]) -> dict[str, Any]:
    """Check and normalise every given field; all problems are reported at once.

    An unknown currency is refused first, with its own code (`currency_unsupported`).
    """
    if "rate_currency" in fields:
        check_currency(fields["rate_currency"], field="rate_currency")
    return clean_fields(fields, _CLEANERS)


def _slug(value: Any) -> str:
    if not isinstance(value, str):
        raise FieldError(_("Enter text."))
    if not is_slug(value):
        raise FieldError(
            _(
                "Use 3 to 80 lowercase letters, digits and single hyphens, "
                "not starting or ending with a hyphen."
            )
        )
    return value


def _hours_per_week(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise FieldError(_("Enter a whole number of hours."))
    if not 0 <= value <= HOURS_PER_WEEK_MAX:
        raise FieldError(_("Enter 0 to %(max)d hours.") % {"max": HOURS_PER_WEEK_MAX})
    return value


def _links(value: Any) -> list[dict[str, str]]:
    """Each link is a URL or `{url, label}`; stored as `{label, url}`."""
    if not isinstance(value, list | tuple):
        raise FieldError(_("Enter a list of links."))
    if len(value) > LINKS_MAX:
        raise FieldError(_("At most %(n)d links.") % {"n": LINKS_MAX})
    links = []
    for item in value:
        url, label = (item, "") if isinstance(item, str) else _link_parts(item)
        url = url.strip()
        if len(url) > LINK_URL_MAX_LENGTH:
            raise FieldError(
                _("A link is longer than %(n)d characters.") % {"n": LINK_URL_MAX_LENGTH}
            )
        if not is_http_url(url):
            raise FieldError(_("%(url)s is not an http(s) address.") % {"url": url[:80]})
        links.append({"label": label, "url": url})
    return links


def _link_parts(item: Any) -> tuple[str, str]:
    if not isinstance(item, Mapping) or not isinstance(item.get("url"), str):
        raise FieldError(_("Each link needs a url."))
    label = item.get("label") or ""
    if not isinstance(label, str) or len(label.strip()) > LINK_LABEL_MAX_LENGTH:
        raise FieldError(
            _("A link label has at most %(n)d characters.") % {"n": LINK_LABEL_MAX_LENGTH}
        )
    return item["url"], label.strip()


_CLEANERS: dict[str, Cleaner] = {
    "slug": _slug,
    "headline": lambda v: clean_text(v, max_length=HEADLINE_MAX_LENGTH, required=True),
    "bio": lambda v: clean_text(v, max_length=BIO_MAX_LENGTH, required=False),
    **LOCATION_AND_HOURS_CLEANERS,
    "hourly_rate_minor": or_none(clean_amount_minor),
    "daily_rate_minor": or_none(clean_amount_minor),
    "rate_currency": str,  # checked up front, with its own code
    "hours_per_week": _hours_per_week,
    "available_from": or_none(clean_date),
    "links": _links,
}


def clean_skill_items(items: Any) -> list[tuple[Skill, int, int]]:
    """`{skill: id | slug | label | alias, level: 1–4, years: 0–60}` items as (skill, level,
    years). Unknown skills are refused together (`unknown_skill`); a skill listed twice, also
    under two aliases, is refused."""
    if not isinstance(items, list | tuple):
        raise invalid(skills=[_("Enter a list of skills.")])
    if len(items) > SKILLS_MAX:
        raise invalid(skills=[_("At most %(n)d skills.") % {"n": SKILLS_MAX}])
    parsed: list[tuple[str | int, int, int]] = []
    for item in items:
        if not isinstance(item, Mapping):
            raise invalid(skills=[_("Each skill is an object with a skill, level and years.")])
        ref = item.get("skill")
        level = item.get("level", DEFAULT_SKILL_LEVEL)
        years = item.get("years", 0)
        if isinstance(ref, bool) or not isinstance(ref, str | int) or not str(ref).strip():
            raise invalid(skills=[_("Each skill needs a skill id, slug or name.")])
        if isinstance(level, bool) or level not in SkillLevel.values:
            raise invalid(skills=[_("A skill level is 1 to 4.")])
        if isinstance(years, bool) or not isinstance(years, int) or not 0 <= years <= YEARS_MAX:
            raise invalid(skills=[_("Years of experience are 0 to %(n)d.") % {"n": YEARS_MAX}])
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
            _("Unknown skills: %(names)s.") % {"names": ", ".join(unknown)},
            skills=unknown,
        )
    seen: set[int] = set()
    twice: list[str] = []
    for skill in resolved:
        if skill.id in seen:
            twice.append(skill.label())
        seen.add(skill.id)
    if twice:
        raise invalid(skills=[_("Listed more than once: %(names)s.") % {"names": ", ".join(twice)}])
    return [
        (skill, level, years) for skill, (_ref, level, years) in zip(resolved, parsed, strict=True)
    ]


def clean_language_items(items: Any) -> dict[str, str]:
    """`{code: ISO 639-1, proficiency}` items as code → proficiency; a code listed twice is
    refused."""
    if not isinstance(items, list | tuple):
        raise invalid(languages=[_("Enter a list of languages.")])
    if len(items) > LANGUAGES_MAX:
        raise invalid(languages=[_("At most %(n)d languages.") % {"n": LANGUAGES_MAX}])
    known = spoken_language_codes()
    rows: dict[str, str] = {}
    for item in items:
        code = item.get("code") if isinstance(item, Mapping) else None
        proficiency = item.get("proficiency") if isinstance(item, Mapping) else None
        if not isinstance(code, str) or code not in known:
            raise invalid(languages=[_("Use an ISO 639-1 language code such as de.")])
        if proficiency not in LanguageProficiency.values:
            raise invalid(
                languages=[
                    _("Proficiency is one of: %(values)s.")
                    % {"values": ", ".join(LanguageProficiency.values)}
                ]
            )
        if code in rows:
            raise invalid(languages=[_("%(code)s is listed more than once.") % {"code": code}])
        rows[code] = str(proficiency)
    return rows
