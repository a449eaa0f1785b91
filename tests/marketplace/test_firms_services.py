"""Firm rules: creating, editing, and managing members without ever losing the last owner."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest
from django.db import connection
from tests.factories import FirmFactory, FirmMembershipFactory, UserFactory

from common.errors import Conflict, DomainError, Forbidden, NotFound, ValidationFailed
from marketplace.firms.models import Firm, FirmMembership
from marketplace.firms.services import (
    firm_create,
    firm_member_add,
    firm_member_change_role,
    firm_member_remove,
    firm_update,
)

pytestmark = pytest.mark.django_db


def _roles(firm: Firm) -> dict[str, str]:
    return dict(
        FirmMembership.objects.filter(firm=firm).values_list("user__email", "role").order_by()
    )


# --- create ---------------------------------------------------------------------------------


def test_creator_becomes_the_only_owner() -> None:
    user = UserFactory.create(email="mia@example.test")
    firm = firm_create(
        by=user,
        name="  Mia Ceramics ",
        country="de",
        time_zone="Europe/Berlin",
        working_hours_start="08:00",
        working_hours_end=dt.time(16),
        size="2-10",
        website="https://mia.example",
        description="Handmade plates.",
    )
    firm.refresh_from_db()
    assert (firm.name, firm.slug, str(firm.country), firm.size) == (
        "Mia Ceramics",
        "mia-ceramics",
        "DE",
        "2-10",
    )
    assert firm.working_hours_start == dt.time(8)
    assert _roles(firm) == {"mia@example.test": "owner"}


def test_generated_slugs_get_the_next_free_suffix() -> None:
    user = UserFactory.create()
    FirmFactory.create(slug="cafe-muller")
    FirmFactory.create(slug="cafe-muller-7")
    FirmFactory.create(slug="cafe-mullerei")  # shares the prefix only: not a suffix
    firm = firm_create(by=user, name="Café Müller", country="DE")
    assert firm.slug == "cafe-muller-8"


@pytest.mark.parametrize(("name", "slug"), [("株式会社", "firm"), ("Q", "firm-q")])
def test_names_that_slugify_to_little_still_get_a_slug(name: str, slug: str) -> None:
    assert firm_create(by=UserFactory.create(), name=name, country="JP").slug == slug


def test_an_explicit_slug_must_be_free_and_well_formed() -> None:
    user = UserFactory.create()
    FirmFactory.create(slug="taken")
    with pytest.raises(ValidationFailed) as exc:
        firm_create(by=user, name="Other", country="FR", slug="taken")
    assert exc.value.code == "slug_taken"
    with pytest.raises(ValidationFailed) as exc:
        firm_create(by=user, name="Other", country="FR", slug="Not OK")
    assert exc.value.code == "validation_error"
    assert list(exc.value.details) == ["slug"]
    assert Firm.objects.count() == 1
    assert not FirmMembership.objects.filter(user=user).exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", " "),
        ("name", "n" * 121),
        ("country", "ZZ"),
        ("time_zone", "Europe/Atlantis"),
        ("size", "huge"),
        ("website", "ftp://files.example"),
        ("website", "not a url"),
        ("description", "d" * 5001),
        ("working_hours_start", "9am"),
    ],
)
def test_invalid_fields_are_refused_and_nothing_is_created(field: str, value: Any) -> None:
    kwargs: dict[str, Any] = {"name": "Studio", "country": "FR", field: value}
    with pytest.raises(ValidationFailed) as exc:
        firm_create(by=UserFactory.create(), **kwargs)
    assert exc.value.code == "validation_error"
    assert list(exc.value.details) == [field]
    assert Firm.objects.count() == 0
    assert FirmMembership.objects.count() == 0


def test_a_deactivated_user_cannot_create_a_firm() -> None:
    with pytest.raises(Forbidden):
        firm_create(by=UserFactory.create(is_active=False), name="Ghost", country="FR")
    assert Firm.objects.count() == 0


# --- update ---------------------------------------------------------------------------------


def test_owner_updates_the_firm() -> None:
    owner = FirmMembershipFactory.create(role="owner")
    firm = firm_update(firm=owner.firm, by=owner.user, name="Renamed", website="")
    owner.firm.refresh_from_db()
    assert (owner.firm.name, owner.firm.website) == ("Renamed", "")
    assert firm.name == "Renamed"


@pytest.mark.parametrize("who", ["member", "stranger", "staff"])
def test_only_owners_update_the_firm(who: str) -> None:
    firm = FirmFactory.create(name="Original")
    if who == "member":
        user = FirmMembershipFactory.create(firm=firm, role="member").user
    else:
        user = UserFactory.create(is_staff=who == "staff")
    with pytest.raises(Forbidden):
        firm_update(firm=firm, by=user, name="Hijacked")
    firm.refresh_from_db()
    assert firm.name == "Original"


def test_update_refuses_an_empty_working_window() -> None:
    owner = FirmMembershipFactory.create(role="owner")
    with pytest.raises(ValidationFailed):
        firm_update(firm=owner.firm, by=owner.user, working_hours_start="17:00")
    owner.firm.refresh_from_db()
    assert owner.firm.working_hours_start == dt.time(9)


# --- members --------------------------------------------------------------------------------


def test_owner_adds_an_existing_user_by_email_in_any_case() -> None:
    owner = FirmMembershipFactory.create(role="owner")
    newcomer = UserFactory.create(email="lea@example.test")
    membership = firm_member_add(
        firm=owner.firm, by=owner.user, email="  LEA@Example.test ", role="member"
    )
    assert (membership.user, membership.role) == (newcomer, "member")


def test_adding_an_unknown_or_deactivated_user_is_refused() -> None:
    owner = FirmMembershipFactory.create(role="owner")
    UserFactory.create(email="gone@example.test", is_active=False)
    for email in ("nobody@example.test", "gone@example.test"):
        with pytest.raises(ValidationFailed) as exc:
            firm_member_add(firm=owner.firm, by=owner.user, email=email, role="member")
        assert exc.value.code == "user_not_found"
    assert FirmMembership.objects.filter(firm=owner.firm).count() == 1


def test_adding_a_member_twice_is_refused() -> None:
    owner = FirmMembershipFactory.create(role="owner")
    member = FirmMembershipFactory.create(firm=owner.firm, role="member")
    with pytest.raises(Conflict) as exc:
        firm_member_add(firm=owner.firm, by=owner.user, email=member.user.email, role="owner")
    assert exc.value.code == "member_exists"
    member.refresh_from_db()
    assert member.role == "member"


def test_members_cannot_add_members() -> None:
    member = FirmMembershipFactory.create(role="member")
    outsider = UserFactory.create()
    with pytest.raises(Forbidden):
        firm_member_add(firm=member.firm, by=member.user, email=outsider.email, role="member")
    assert not FirmMembership.objects.filter(user=outsider).exists()


def test_unknown_role_is_refused() -> None:
    owner = FirmMembershipFactory.create(role="owner")
    outsider = UserFactory.create()
    with pytest.raises(ValidationFailed) as exc:
        firm_member_add(firm=owner.firm, by=owner.user, email=outsider.email, role="admin")
    assert list(exc.value.details) == ["role"]
    assert not FirmMembership.objects.filter(user=outsider).exists()


def test_owner_promotes_and_demotes() -> None:
    owner = FirmMembershipFactory.create(role="owner")
    other = FirmMembershipFactory.create(firm=owner.firm, role="member")
    firm_member_change_role(firm=owner.firm, by=owner.user, user_id=other.user_id, role="owner")
    other.refresh_from_db()
    assert other.role == "owner"
    # And with two owners, the first may step down
    firm_member_change_role(firm=owner.firm, by=owner.user, user_id=owner.user_id, role="member")
    owner.refresh_from_db()
    assert owner.role == "member"


def test_the_last_owner_cannot_step_down() -> None:
    owner = FirmMembershipFactory.create(role="owner")
    FirmMembershipFactory.create(firm=owner.firm, role="member")
    with pytest.raises(Conflict) as exc:
        firm_member_change_role(
            firm=owner.firm, by=owner.user, user_id=owner.user_id, role="member"
        )
    assert exc.value.code == "last_owner"
    owner.refresh_from_db()
    assert owner.role == "owner"


def test_members_cannot_change_roles() -> None:
    member = FirmMembershipFactory.create(role="member")
    with pytest.raises(Forbidden):
        firm_member_change_role(
            firm=member.firm, by=member.user, user_id=member.user_id, role="owner"
        )
    member.refresh_from_db()
    assert member.role == "member"


def test_changing_the_role_of_a_non_member_is_not_found() -> None:
    owner = FirmMembershipFactory.create(role="owner")
    with pytest.raises(NotFound):
        firm_member_change_role(
            firm=owner.firm, by=owner.user, user_id=UserFactory.create().pk, role="owner"
        )


def test_owner_removes_a_member_and_a_member_may_leave() -> None:
    owner = FirmMembershipFactory.create(role="owner", user__email="o@example.test")
    a = FirmMembershipFactory.create(firm=owner.firm, role="member")
    b = FirmMembershipFactory.create(firm=owner.firm, role="member")
    firm_member_remove(firm=owner.firm, by=owner.user, user_id=a.user_id)
    firm_member_remove(firm=owner.firm, by=b.user, user_id=b.user_id)
    assert _roles(owner.firm) == {"o@example.test": "owner"}


def test_a_member_cannot_remove_someone_else() -> None:
    owner = FirmMembershipFactory.create(role="owner")
    member = FirmMembershipFactory.create(firm=owner.firm, role="member")
    other = FirmMembershipFactory.create(firm=owner.firm, role="member")
    for target in (owner, other):
        with pytest.raises(Forbidden):
            firm_member_remove(firm=owner.firm, by=member.user, user_id=target.user_id)
    assert FirmMembership.objects.filter(firm=owner.firm).count() == 3


def test_an_outsider_or_staff_cannot_remove_anyone() -> None:
    owner = FirmMembershipFactory.create(role="owner")
    member = FirmMembershipFactory.create(firm=owner.firm, role="member")
    for user in (UserFactory.create(), UserFactory.create(is_staff=True)):
        with pytest.raises(Forbidden):
            firm_member_remove(firm=owner.firm, by=user, user_id=member.user_id)
    assert FirmMembership.objects.filter(firm=owner.firm).count() == 2


def test_the_last_owner_cannot_leave() -> None:
    owner = FirmMembershipFactory.create(role="owner")
    FirmMembershipFactory.create(firm=owner.firm, role="member")
    with pytest.raises(Conflict) as exc:
        firm_member_remove(firm=owner.firm, by=owner.user, user_id=owner.user_id)
    assert exc.value.code == "last_owner"
    assert FirmMembership.objects.filter(pk=owner.pk).exists()


def test_one_of_two_owners_may_remove_the_other() -> None:
    owner = FirmMembershipFactory.create(role="owner")
    other = FirmMembershipFactory.create(firm=owner.firm, role="owner")
    firm_member_remove(firm=owner.firm, by=owner.user, user_id=other.user_id)
    assert not FirmMembership.objects.filter(pk=other.pk).exists()


def test_removing_a_non_member_is_not_found() -> None:
    owner = FirmMembershipFactory.create(role="owner")
    with pytest.raises(NotFound):
        firm_member_remove(firm=owner.firm, by=owner.user, user_id=UserFactory.create().pk)


@pytest.mark.django_db(transaction=True)
def test_two_owners_leaving_at_once_leave_one_owner_behind() -> None:
    # Given a firm with exactly two owners
    a = FirmMembershipFactory.create(role="owner")
    b = FirmMembershipFactory.create(firm=a.firm, role="owner")
    firm = a.firm
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def leave(membership: FirmMembership) -> None:
        try:
            barrier.wait(timeout=5)
            firm_member_remove(firm=firm, by=membership.user, user_id=membership.user_id)
            outcomes.append("left")
        except DomainError as exc:
            outcomes.append(exc.code)
        finally:
            connection.close()

    # When both remove themselves at the same moment, each on its own connection
    threads = [threading.Thread(target=leave, args=(m,)) for m in (a, b)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)

    # Then the firm row lock lets exactly one through
    assert sorted(outcomes) == ["last_owner", "left"]
    assert FirmMembership.objects.filter(firm=firm, role="owner").count() == 1
