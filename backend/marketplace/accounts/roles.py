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


# What the moderator group may open in admin: read the queue, the content and the users, and
# act through the actions (which need the role, not a model permission). No change
# permission: editing users or content in their forms would bypass the services and the log.
MODERATOR_VIEW_PERMISSIONS = (
    ("marketplace", "report"),
    ("marketplace", "sanction"),
    ("marketplace", "moderationaction"),
    ("marketplace", "user"),
    ("marketplace", "freelancerprofile"),
    ("marketplace", "gig"),
    ("marketplace", "firm"),
    ("chat", "message"),
)


def staff_roles_ensure(**_: Any) -> None:
    """Create the role groups if missing and give the moderator group its view permissions
    (idempotent; connected to post_migrate, so a permission that does not exist yet — its app
    has not migrated — is added on a later call)."""
    from django.contrib.auth.models import Permission

    groups = {role: Group.objects.get_or_create(name=role.value)[0] for role in StaffRole}
    for app_label, model in MODERATOR_VIEW_PERMISSIONS:
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=f"view_{model}"
        ).first()
        if permission is not None:
            groups[StaffRole.MODERATOR].permissions.add(permission)
