"""What a valid gig is: skills from the taxonomy, languages, budget, currency, location.

Used by `gigs.services` on create and on every edit, so a gig is re-validated as a whole.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext_lazy as _

from common.errors import ValidationFailed
from common.fields import (
    check_currency,
    invalid,
    is_amount_minor,
    is_country_code,
    spoken_language_codes,
)
from common.money import MAX_AMOUNT_MINOR
from marketplace.gigs.models import Gig, GigLanguage, GigSkill, LocationType
from marketplace.public_cache import public_reads_changed
from marketplace.skills.models import Skill
from marketplace.skills.selectors import skill_resolve_many

# A gig names what matters most; past 20 skills per list matching degrades to noise.
MAX_SKILLS_PER_LIST = 20
MAX_LANGUAGES = 10
DESCRIPTION_MAX_LENGTH = 10_000


def resolve_skills(
    *, required: Sequence[str | int], nice: Sequence[str | int]
) -> tuple[list[Skill], list[Skill]]:
    """Resolve both skill lists (`unknown_skill`); a skill may not be in both."""
    for field, refs in (("required_skills", required), ("nice_skills", nice)):
        if len(refs) > MAX_SKILLS_PER_LIST:
            raise invalid(**{field: [str(_("At most %(n)d skills.") % {"n": MAX_SKILLS_PER_LIST})]})
    required_skills = skill_resolve_many(refs=required, field="required_skills")
    nice_skills = skill_resolve_many(refs=nice, field="nice_skills")
    both = [s.slug for s in nice_skills if s in required_skills]
    if both:
        raise ValidationFailed(
            "validation_error",
            _("A skill cannot be both required and nice to have."),
            nice_skills=[str(_("Also required: %(skills)s.") % {"skills": ", ".join(both)})],
        )
    return required_skills, nice_skills


def clean_languages(languages: Sequence[str]) -> list[str]:
    """Lower-cased, de-duplicated ISO 639-1 codes, in the order given."""
    codes: list[str] = []
    unknown: list[str] = []
    for raw in languages:
        code = str(raw).strip().lower()
        if code not in spoken_language_codes():
            unknown.append(str(raw))
        elif code not in codes:
            codes.append(code)
    if unknown:
        raise invalid(
            languages=[str(_("Not an ISO 639-1 language code: %(c)s.") % {"c": c}) for c in unknown]
        )
    if len(codes) > MAX_LANGUAGES:
        raise invalid(languages=[str(_("At most %(n)d languages.") % {"n": MAX_LANGUAGES})])
    return codes


def validate_gig(gig: Gig) -> None:
    """Domain codes first (currency, budget), then the model's own field validation."""
    check_currency(gig.currency, field="currency")
    low, high = gig.budget_min_minor, gig.budget_max_minor
    if not (is_amount_minor(low) and is_amount_minor(high) and low <= high):
        raise ValidationFailed(
            "budget_invalid",
            _("The budget needs 0 < minimum ≤ maximum ≤ %(max)d minor units.")
            % {"max": MAX_AMOUNT_MINOR},
            budget_min_minor=[str(_("Must be positive and at most the maximum."))],
            budget_max_minor=[
                str(_("Must be at least the minimum and at most %(max)d."))
                % {"max": MAX_AMOUNT_MINOR}
            ],
        )
    gig.title = (gig.title or "").strip()
    gig.description = (gig.description or "").strip()
    gig.location_country = str(gig.location_country or "").upper()
    gig.location_city = (gig.location_city or "").strip()
    errors: dict[str, list[str]] = {}
    if not gig.title:
        errors["title"] = [str(_("This field is required."))]
    if not gig.description:
        errors["description"] = [str(_("This field is required."))]
    elif len(gig.description) > DESCRIPTION_MAX_LENGTH:
        errors["description"] = [
            str(_("At most %(n)d characters.") % {"n": DESCRIPTION_MAX_LENGTH})
        ]
    if gig.location_country and not is_country_code(gig.location_country):
        errors["location_country"] = [str(_("Not an ISO 3166-1 country code."))]
    elif gig.location_type in (LocationType.ONSITE, LocationType.HYBRID) and not (
        gig.location_country
    ):
        errors["location_country"] = [str(_("On-site and hybrid gigs name a country."))]
    if errors:
        raise invalid(**errors)
    # Choices, lengths and ranges the model declares (engagement type, hours, overlap …);
    # a Django ValidationError is answered as `validation_error` by the API.
    gig.full_clean(
        exclude=["firm", "created_by", "description", "location_country"],
        validate_unique=False,
        validate_constraints=False,
    )


def replace_skills(gig: Gig, *, required: list[Skill], nice: list[Skill]) -> None:
    """Make the gig's skills exactly these (inside the caller's transaction)."""
    GigSkill.objects.filter(gig=gig).delete()
    GigSkill.objects.bulk_create(
        [GigSkill(gig=gig, skill=s, is_required=True) for s in required]
        + [GigSkill(gig=gig, skill=s, is_required=False) for s in nice]
    )
    public_reads_changed()  # bulk_create sends no signal


def replace_languages(gig: Gig, codes: list[str]) -> None:
    """Make the gig's languages exactly these (inside the caller's transaction)."""
    GigLanguage.objects.filter(gig=gig).delete()
    GigLanguage.objects.bulk_create([GigLanguage(gig=gig, code=c) for c in codes])
    public_reads_changed()
