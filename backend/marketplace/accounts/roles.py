"""Staff roles: what a staff member may do is decided by Django groups, not by `is_staff` alone.

`is_staff` only opens the admin. Moderators hide and restore content and act on reports;
finance staff resolve disputes and other money decisions. A superuser holds every role. The
groups exist after `migrate` (a post_migrate receiver creates them), so operators only add
people to them, in admin or with `manage.py`.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group
from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _

from common.errors import Forbidden


class StaffRole(TextChoices):
    MODERATOR = "moderator", _("Moderator")
    FINANCE = "finance", _("Finance")


def user_has_staff_role(*, user: Any, role: StaffRole) -> bool:
    """True for an active staff member in the role's group, and for every active superuser."""
    if not (getattr(user, "is_authenticated", False) and user.is_active and user.is_staff):
        return False
    if user.is_superuser:
        return True
    return bool(user.groups.filter(name=role.value).exists())


def staff_role_require(*, user: Any, role: StaffRole) -> None:
    """Refuse with 403 `permission_denied` unless the user holds `role`."""
    if not user_has_staff_role(user=user, role=role):
        raise Forbidden(
            "permission_denied",
            _("This needs the %(role)s staff role.") % {"role": role.label},
        )


def staff_roles_ensure(**_: Any) -> None:
    """Create the role groups if missing (idempotent; connected to post_migrate)."""
    for role in StaffRole:
        Group.objects.get_or_create(name=role.value)
