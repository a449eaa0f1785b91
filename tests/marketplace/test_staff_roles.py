"""Staff roles are Django groups: `is_staff` opens the admin, the group grants the power."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from tests.factories import UserFactory

from common.errors import Forbidden
from marketplace.accounts.roles import StaffRole, staff_role_require, user_has_staff_role

pytestmark = pytest.mark.django_db


def test_migrate_creates_one_group_per_role() -> None:
    assert set(Group.objects.values_list("name", flat=True)) >= {"moderator", "finance"}


def test_staff_member_holds_only_the_roles_of_their_groups() -> None:
    user = UserFactory.create(is_staff=True)
    user.groups.add(Group.objects.get(name="moderator"))

    assert user_has_staff_role(user=user, role=StaffRole.MODERATOR) is True
    assert user_has_staff_role(user=user, role=StaffRole.FINANCE) is False
    with pytest.raises(Forbidden) as refused:
        staff_role_require(user=user, role=StaffRole.FINANCE)
    assert refused.value.code == "permission_denied"


def test_group_without_staff_status_or_an_inactive_account_grants_nothing() -> None:
    not_staff = UserFactory.create(is_staff=False)
    not_staff.groups.add(Group.objects.get(name="finance"))
    inactive = UserFactory.create(is_staff=True, is_active=False)
    inactive.groups.add(Group.objects.get(name="finance"))

    assert user_has_staff_role(user=not_staff, role=StaffRole.FINANCE) is False
    assert user_has_staff_role(user=inactive, role=StaffRole.FINANCE) is False


def test_superuser_holds_every_role() -> None:
    root = UserFactory.create(is_staff=True, is_superuser=True)

    assert all(user_has_staff_role(user=root, role=role) for role in StaffRole)
