"""Freelancer profile rules: creating, editing, skills and languages, publishing.

A user has at most one profile. Only its owner edits or publishes it; moderators hide and
restore it through `marketplace.moderation.services`. A public profile stays complete: it keeps
at least one skill and a rate, so edits that would remove the last one are refused.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from common.errors import Conflict, Forbidden, NotFound
from common.fields import check_working_window, reject_unknown_fields, slug_taken
from marketplace.accounts.models import User
from marketplace.events import emit_on_commit, profile_changed
from marketplace.profiles.models import (
    FreelancerProfile,
    ProfileLanguage,
    ProfileSkill,
    ProfileVisibility,
)
from marketplace.profiles.validation import (
    EDITABLE_FIELDS,
    clean_language_items,
    clean_profile_fields,
    clean_skill_items,
)


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
    reject_unknown_fields(fields, EDITABLE_FIELDS, owner="profile")
    values = clean_profile_fields(
        {"slug": slug, "headline": headline, "country": country, **fields}
    )
    check_working_window(
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
            raise slug_taken() from exc
        if skills is not None:
            _replace_skills(profile, skills)
        if languages is not None:
            _replace_languages(profile, languages)
    emit_on_commit(profile_changed, profile_id=profile.id, user_id=profile.user_id)
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
    reject_unknown_fields(fields, EDITABLE_FIELDS, owner="profile")
    values = clean_profile_fields(fields)
    with transaction.atomic():
        locked = _lock_own(profile, by)
        check_working_window(
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
                raise slug_taken() from exc
        if skills is not None:
            _replace_skills(locked, skills)
        if languages is not None:
            _replace_languages(locked, languages)
        if locked.visibility == ProfileVisibility.PUBLIC:
            _require_complete(locked, message=_("A public profile needs a rate and a skill."))
    emit_on_commit(profile_changed, profile_id=locked.id, user_id=locked.user_id)
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
    emit_on_commit(profile_changed, profile_id=locked.id, user_id=locked.user_id)
    return locked


def profile_set_languages(
    *, profile: FreelancerProfile, languages: Sequence[Mapping[str, Any]]
) -> FreelancerProfile:
    """Replace the profile's spoken languages: `{code: ISO 639-1, proficiency}` each."""
    with transaction.atomic():
        locked = _lock(profile)
        _replace_languages(locked, languages)
    emit_on_commit(profile_changed, profile_id=locked.id, user_id=locked.user_id)
    return locked


def profile_publish(*, profile: FreelancerProfile, by: User) -> FreelancerProfile:
    """Make the owner's draft public. Needs at least one skill and an hourly or daily rate
    (`profile_incomplete`, naming what is missing). A profile hidden by moderation stays
    hidden (`invalid_state`); publishing a public profile changes nothing.
    """
    with transaction.atomic():
        locked = _lock_own_not_hidden(profile, by)
        if locked.visibility == ProfileVisibility.PUBLIC:
            return locked
        _require_complete(locked, message=_("Add at least one skill and a rate to publish."))
        locked.visibility = ProfileVisibility.PUBLIC
        locked.save(update_fields=["visibility", "updated_at"])
    emit_on_commit(profile_changed, profile_id=locked.id, user_id=locked.user_id)
    return locked


def profile_unpublish(*, profile: FreelancerProfile, by: User) -> FreelancerProfile:
    """Take the owner's public profile back to draft. A hidden profile cannot leave moderation
    this way (`invalid_state`); unpublishing a draft changes nothing.
    """
    with transaction.atomic():
        locked = _lock_own_not_hidden(profile, by)
        if locked.visibility == ProfileVisibility.DRAFT:
            return locked
        locked.visibility = ProfileVisibility.DRAFT
        locked.save(update_fields=["visibility", "updated_at"])
    emit_on_commit(profile_changed, profile_id=locked.id, user_id=locked.user_id)
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


def _lock_own_not_hidden(profile: FreelancerProfile, by: User) -> FreelancerProfile:
    """The owner's profile, locked; one that moderation hid only a moderator can bring back."""
    locked = _lock_own(profile, by)
    if locked.visibility == ProfileVisibility.HIDDEN:
        raise Conflict(
            "invalid_state", _("Moderation hid this profile; only a moderator can restore it.")
        )
    return locked


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


def _check_slug_free(slug: str, *, exclude_id: int | None = None) -> None:
    taken = FreelancerProfile.objects.filter(slug=slug)
    if exclude_id is not None:
        taken = taken.exclude(id=exclude_id)
    if taken.exists():
        raise slug_taken()


def _replace_skills(profile: FreelancerProfile, items: Sequence[Mapping[str, Any]]) -> None:
    rows = clean_skill_items(items)
    ProfileSkill.objects.filter(profile=profile).delete()
    ProfileSkill.objects.bulk_create(
        ProfileSkill(profile=profile, skill=skill, level=level, years=years)
        for skill, level, years in rows
    )


def _replace_languages(profile: FreelancerProfile, items: Any) -> None:
    rows = clean_language_items(items)
    ProfileLanguage.objects.filter(profile=profile).delete()
    ProfileLanguage.objects.bulk_create(
        ProfileLanguage(profile=profile, code=code, proficiency=proficiency)
        for code, proficiency in rows.items()
    )
