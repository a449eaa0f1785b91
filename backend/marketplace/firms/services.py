"""Firm rules: creating a firm, editing it, and who belongs to it in which role.

Owners edit the firm and manage members; members may leave. A firm always keeps at least one
owner (`last_owner`). Every membership change locks the firm's row first, so two requests
changing the same firm's members run one after the other: two owners leaving at the same
moment cannot both pass the "another owner remains" check.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from common.errors import Conflict, Forbidden, NotFound, ValidationFailed
from common.fields import (
    LOCATION_AND_HOURS_CLEANERS,
    SLUG_MIN_LENGTH,
    Cleaner,
    FieldError,
    check_working_window,
    clean_fields,
    clean_text,
    invalid,
    is_http_url,
    is_slug,
    reject_unknown_fields,
    slug_taken,
)
from marketplace.accounts.models import User
from marketplace.events import emit_on_commit, firm_membership_changed
from marketplace.firms.models import Firm, FirmMembership, FirmRole, FirmSize

# A generated slug leaves room for a "-NNN" suffix within the 80-character column.
GENERATED_SLUG_BASE_MAX = 70
NAME_MAX_LENGTH = 120
DESCRIPTION_MAX_LENGTH = 5000
WEBSITE_MAX_LENGTH = 200
# Two firms created with one name in the same instant collide on the slug; a few retries with
# the next suffix settle it. More than 5 in a row means something else is wrong.
SLUG_ATTEMPTS = 5

EDITABLE_FIELDS = frozenset(
    {
        "name",
        "description",
        "country",
        "time_zone",
        "working_hours_start",
        "working_hours_end",
        "size",
        "website",
    }
)


def firm_create(
    *, by: User, name: str, country: str, slug: str | None = None, **fields: Any
) -> Firm:
    """Create a firm with `by` as its owner.

    Without a slug one is made from the name (`Café Müller` → `cafe-muller`, then
    `cafe-muller-2` …); a slug given explicitly must be free (`slug_taken`).
    """
    reject_unknown_fields(fields, EDITABLE_FIELDS, owner="firm")
    if not by.is_active:
        raise Forbidden("permission_denied", _("This account is deactivated."))
    values = clean_fields({"name": name, "country": country, **fields}, _CLEANERS)
    check_working_window(
        values.get("working_hours_start", dt.time(9)), values.get("working_hours_end", dt.time(17))
    )
    if slug is not None:
        slug = _clean_slug(slug)
        if Firm.objects.filter(slug=slug).exists():
            raise slug_taken()
    for _attempt in range(SLUG_ATTEMPTS):
        candidate = slug or _free_slug(values["name"])
        try:
            with transaction.atomic():
                firm = Firm.objects.create(slug=candidate, **values)
                FirmMembership.objects.create(firm=firm, user=by, role=FirmRole.OWNER)
            return firm
        except IntegrityError:
            if slug is not None:
                raise slug_taken() from None
    raise Conflict("slug_taken", _("Could not find a free address; try again."))


def firm_update(*, firm: Firm, by: User, **fields: Any) -> Firm:
    """Change the firm's details; owners only (members and outsiders: `permission_denied`)."""
    reject_unknown_fields(fields, EDITABLE_FIELDS, owner="firm")
    values = clean_fields(fields, _CLEANERS)
    with transaction.atomic():
        locked = _lock(firm)
        _require_owner(locked, by)
        check_working_window(
            values.get("working_hours_start", locked.working_hours_start),
            values.get("working_hours_end", locked.working_hours_end),
        )
        for name, value in values.items():
            setattr(locked, name, value)
        if values:
            locked.save(update_fields=[*values, "updated_at"])
    return locked


def firm_member_add(*, firm: Firm, by: User, email: str, role: str) -> FirmMembership:
    """Add an existing, active user by email (`user_not_found`); owners only. A user who
    belongs already is refused (`member_exists`)."""
    role = _clean_role(role)
    with transaction.atomic():
        locked = _lock(firm)
        _require_owner(locked, by)
        user = User.objects.filter(email__iexact=(email or "").strip(), is_active=True).first()
        if user is None:
            message = _("No active account has this email address.")
            raise ValidationFailed("user_not_found", message, email=[message])
        if FirmMembership.objects.filter(firm=locked, user=user).exists():
            raise Conflict("member_exists", _("This person is a member already."))
        membership = FirmMembership.objects.create(firm=locked, user=user, role=role)
        emit_on_commit(firm_membership_changed, firm_id=locked.id, user_id=user.id, change="joined")
        return membership


def firm_member_change_role(*, firm: Firm, by: User, user_id: int, role: str) -> FirmMembership:
    """Make a member an owner or an owner a member; owners only. The last owner cannot step
    down (`last_owner`)."""
    role = _clean_role(role)
    with transaction.atomic():
        locked = _lock(firm)
        _require_owner(locked, by)
        membership = _membership(locked, user_id)
        if membership.role == role:
            return membership
        if membership.role == FirmRole.OWNER:
            _require_another_owner(locked, membership)
        membership.role = role
        membership.save(update_fields=["role", "updated_at"])
        return membership


def firm_member_remove(*, firm: Firm, by: User, user_id: int) -> None:
    """Remove a member: owners remove anyone, a member may remove themselves. The last owner
    cannot leave (`last_owner`): they name another owner first."""
    with transaction.atomic():
        locked = _lock(firm)
        by_role = _role(locked, by)
        if by_role is None or (by_role != FirmRole.OWNER and by.pk != user_id):
            raise Forbidden("permission_denied", _("Only owners may remove other members."))
        membership = _membership(locked, user_id)
        if membership.role == FirmRole.OWNER:
            _require_another_owner(locked, membership)
        membership.delete()
        emit_on_commit(firm_membership_changed, firm_id=locked.id, user_id=user_id, change="left")


# --- rules ----------------------------------------------------------------------------------


def _lock(firm: Firm) -> Firm:
    locked = Firm.objects.select_for_update().filter(pk=firm.pk).first()
    if locked is None:
        raise NotFound()
    return locked


def _role(firm: Firm, user: User) -> str | None:
    return (
        FirmMembership.objects.filter(firm=firm, user_id=user.pk)
        .values_list("role", flat=True)
        .first()
    )


def _require_owner(firm: Firm, by: User) -> None:
    if _role(firm, by) != FirmRole.OWNER:
        raise Forbidden("permission_denied", _("Only the firm's owners may do this."))


def _membership(firm: Firm, user_id: int) -> FirmMembership:
    membership = FirmMembership.objects.filter(firm=firm, user_id=user_id).first()
    if membership is None:
        raise NotFound("not_found", _("This person is not a member of the firm."))
    return membership


def _require_another_owner(firm: Firm, membership: FirmMembership) -> None:
    others = FirmMembership.objects.filter(firm=firm, role=FirmRole.OWNER).exclude(id=membership.id)
    if not others.exists():
        raise Conflict("last_owner", _("A firm needs an owner: make someone else owner first."))


def _clean_role(role: Any) -> str:
    if role not in FirmRole.values:
        raise invalid(role=[_("Role is owner or member.")])
    return str(role)


def _clean_slug(slug: Any) -> str:
    if not is_slug(slug):
        raise invalid(slug=[_("Use 3 to 80 lowercase letters, digits and single hyphens.")])
    return str(slug)


def _free_slug(name: str) -> str:
    """`name` as a slug, with the lowest free numeric suffix when taken."""
    base = slugify(name)[:GENERATED_SLUG_BASE_MAX].strip("-")
    if len(base) < SLUG_MIN_LENGTH:
        # Names in scripts slugify() drops (Japanese, Greek …) or very short ones.
        base = f"firm-{base}" if base else "firm"
    taken = set(
        Firm.objects.filter(slug__regex=rf"^{re.escape(base)}(-[0-9]+)?$").values_list(
            "slug", flat=True
        )
    )
    if base not in taken:
        return base
    suffixes = [int(s.rsplit("-", 1)[1]) for s in taken if s != base]
    return f"{base}-{max([1, *suffixes]) + 1}"


def _size(value: Any) -> str:
    if value not in FirmSize.values:
        raise FieldError(_("Size is one of: %(values)s.") % {"values": ", ".join(FirmSize.values)})
    return str(value)


def _website(value: Any) -> str:
    if not isinstance(value, str):
        raise FieldError(_("Enter a web address."))
    value = value.strip()
    if not value:
        return ""
    if len(value) > WEBSITE_MAX_LENGTH:
        raise FieldError(_("At most %(n)d characters.") % {"n": WEBSITE_MAX_LENGTH})
    if not is_http_url(value):
        raise FieldError(_("Enter an http(s) address."))
    return value


_CLEANERS: dict[str, Cleaner] = {
    "name": lambda v: clean_text(v, max_length=NAME_MAX_LENGTH, required=True),
    "description": lambda v: clean_text(v, max_length=DESCRIPTION_MAX_LENGTH, required=False),
    **LOCATION_AND_HOURS_CLEANERS,
    "size": _size,
    "website": _website,
}
