"""Moderation services: who may hide and restore profiles and gigs, and the audit log they leave."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from tests.factories import FreelancerProfileFactory, GigFactory, UserFactory, moderator_create

from common.errors import Conflict, Forbidden, ValidationFailed
from marketplace.gigs.models import Gig
from marketplace.moderation.models import ModerationAction
from marketplace.moderation.selectors import moderation_history
from marketplace.moderation.services import gig_hide, gig_restore, profile_hide, profile_restore
from marketplace.profiles.models import FreelancerProfile

pytestmark = pytest.mark.django_db


@pytest.fixture
def profile() -> FreelancerProfile:
    return FreelancerProfileFactory.create(visibility="public")


@pytest.fixture
def gig() -> Gig:
    return GigFactory.open()


def _state(obj: FreelancerProfile | Gig) -> tuple[str, str]:
    obj.refresh_from_db()
    if isinstance(obj, FreelancerProfile):
        return obj.visibility, obj.moderation_reason
    return obj.moderation_state, obj.moderation_reason


# --- profiles ---------------------------------------------------------------------------------


def test_staff_hides_a_public_profile_and_one_audit_row_is_written(
    profile: FreelancerProfile, moderator: Any
) -> None:
    # When a moderator hides the profile with a reason
    returned = profile_hide(profile=profile, by=moderator, reason="  Spam links in the bio  ")

    # Then the profile is hidden with the trimmed reason, also on the caller's instance
    assert returned is profile
    assert (profile.visibility, profile.moderation_reason) == ("hidden", "Spam links in the bio")
    assert _state(profile) == ("hidden", "Spam links in the bio")
    # And exactly one audit row names the action, target, actor and reason
    entry = ModerationAction.objects.get()
    assert entry.action == "hide"
    assert entry.reason == "Spam links in the bio"
    assert entry.actor == moderator
    assert entry.content_type == ContentType.objects.get_for_model(FreelancerProfile)
    assert entry.object_id == profile.pk
    assert entry.target == profile


def test_staff_can_hide_a_draft_profile(moderator: Any) -> None:
    draft = FreelancerProfileFactory.create(visibility="draft")
    profile_hide(profile=draft, by=moderator, reason="Impersonation")
    assert _state(draft) == ("hidden", "Impersonation")


@pytest.mark.parametrize(
    "by_kind", ["freelancer", "stranger", "inactive_moderator", "staff_without_the_role"]
)
def test_only_active_moderators_may_hide_a_profile(
    profile: FreelancerProfile, by_kind: str
) -> None:
    # Given someone who is not an active moderator (the owner, or staff without the group)
    by = {
        "freelancer": lambda: profile.user,
        "stranger": lambda: UserFactory.create(),
        "inactive_moderator": lambda: moderator_create(is_active=False),
        "staff_without_the_role": lambda: UserFactory.create(is_staff=True),
    }[by_kind]()

    # When they try to hide the profile, they are refused
    with pytest.raises(Forbidden) as excinfo:
        profile_hide(profile=profile, by=by, reason="Spam")

    # And nothing changed
    assert excinfo.value.code == "permission_denied"
    assert _state(profile) == ("public", "")
    assert ModerationAction.objects.count() == 0


@pytest.mark.parametrize("reason", ["", "   \n "])
def test_hiding_a_profile_needs_a_reason(
    profile: FreelancerProfile, moderator: Any, reason: str
) -> None:
    with pytest.raises(ValidationFailed) as excinfo:
        profile_hide(profile=profile, by=moderator, reason=reason)

    assert excinfo.value.code == "reason_required"
    assert list(excinfo.value.details) == ["reason"]
    assert _state(profile) == ("public", "")
    assert ModerationAction.objects.count() == 0


def test_a_reason_longer_than_the_column_is_refused(
    profile: FreelancerProfile, moderator: Any
) -> None:
    with pytest.raises(ValidationFailed) as excinfo:
        profile_hide(profile=profile, by=moderator, reason="x" * 501)

    assert excinfo.value.code == "validation_error"
    assert _state(profile) == ("public", "")
    assert ModerationAction.objects.count() == 0


def test_hiding_a_hidden_profile_is_refused_without_a_second_audit_row(
    profile: FreelancerProfile, moderator: Any
) -> None:
    # Given a profile hidden once
    profile_hide(profile=profile, by=moderator, reason="Spam")

    # When another moderator hides it again
    with pytest.raises(Conflict) as excinfo:
        profile_hide(profile=profile, by=moderator_create(), reason="Also spam")

    # Then it is refused and the first reason and single audit row stay
    assert excinfo.value.code == "invalid_state"
    assert _state(profile) == ("hidden", "Spam")
    assert ModerationAction.objects.count() == 1


def test_a_stale_instance_does_not_hide_twice(profile: FreelancerProfile, moderator: Any) -> None:
    # Given two copies of the same profile loaded before either moderator acted
    first = FreelancerProfile.objects.get(pk=profile.pk)
    second = FreelancerProfile.objects.get(pk=profile.pk)
    profile_hide(profile=first, by=moderator, reason="Spam")

    # When the second copy (still saying "public" in memory) is hidden
    with pytest.raises(Conflict):
        profile_hide(profile=second, by=moderator, reason="Other reason")

    # Then the locked, fresh row decided: one audit row, the first reason
    assert _state(profile) == ("hidden", "Spam")
    assert ModerationAction.objects.count() == 1


def test_staff_restores_a_hidden_profile_to_public(
    profile: FreelancerProfile, moderator: Any
) -> None:
    # Given a hidden profile
    profile_hide(profile=profile, by=moderator, reason="Spam")

    # When a moderator restores it
    profile_restore(profile=profile, by=moderator, reason="Owner removed the links")

    # Then it is public again, the hiding reason is cleared, and the log holds both decisions
    assert _state(profile) == ("public", "")
    assert [(e.action, e.reason) for e in moderation_history(target=profile)] == [
        ("publish", "Owner removed the links"),
        ("hide", "Spam"),
    ]


def test_restore_needs_no_reason(profile: FreelancerProfile, moderator: Any) -> None:
    profile_hide(profile=profile, by=moderator, reason="Spam")
    profile_restore(profile=profile, by=moderator)
    assert _state(profile) == ("public", "")
    assert ModerationAction.objects.filter(action="publish", reason="").count() == 1


@pytest.mark.parametrize("visibility", ["public", "draft"])
def test_only_a_hidden_profile_can_be_restored(moderator: Any, visibility: str) -> None:
    # A draft is published by its owner once complete, not by a moderator
    target = FreelancerProfileFactory.create(visibility=visibility)

    with pytest.raises(Conflict) as excinfo:
        profile_restore(profile=target, by=moderator)

    assert excinfo.value.code == "invalid_state"
    assert _state(target) == (visibility, "")
    assert ModerationAction.objects.count() == 0


def test_non_staff_cannot_restore_a_profile(profile: FreelancerProfile, moderator: Any) -> None:
    profile_hide(profile=profile, by=moderator, reason="Spam")

    with pytest.raises(Forbidden):
        profile_restore(profile=profile, by=profile.user)

    assert _state(profile) == ("hidden", "Spam")
    assert ModerationAction.objects.count() == 1


# --- gigs -------------------------------------------------------------------------------------


def test_staff_hides_an_open_gig_and_its_status_is_kept(gig: Gig, moderator: Any) -> None:
    gig_hide(gig=gig, by=moderator, reason="Asks for unpaid test work")

    assert _state(gig) == ("hidden", "Asks for unpaid test work")
    assert gig.status == "open"
    assert gig.is_public is False
    entry = ModerationAction.objects.get()
    assert (entry.action, entry.reason, entry.actor, entry.target) == (
        "hide",
        "Asks for unpaid test work",
        moderator,
        gig,
    )


def test_non_staff_cannot_hide_a_gig(gig: Gig) -> None:
    with pytest.raises(Forbidden):
        gig_hide(gig=gig, by=gig.created_by, reason="Spam")

    assert _state(gig) == ("visible", "")
    assert ModerationAction.objects.count() == 0


def test_hiding_a_gig_needs_a_reason(gig: Gig, moderator: Any) -> None:
    with pytest.raises(ValidationFailed) as excinfo:
        gig_hide(gig=gig, by=moderator, reason="")

    assert excinfo.value.code == "reason_required"
    assert _state(gig) == ("visible", "")
    assert ModerationAction.objects.count() == 0


def test_hiding_a_hidden_gig_is_refused_without_a_second_audit_row(
    gig: Gig, moderator: Any
) -> None:
    gig_hide(gig=gig, by=moderator, reason="Spam")

    with pytest.raises(Conflict) as excinfo:
        gig_hide(gig=gig, by=moderator, reason="Spam again")

    assert excinfo.value.code == "invalid_state"
    assert _state(gig) == ("hidden", "Spam")
    assert ModerationAction.objects.count() == 1


def test_staff_restores_a_hidden_gig(gig: Gig, moderator: Any) -> None:
    gig_hide(gig=gig, by=moderator, reason="Spam")

    gig_restore(gig=gig, by=moderator, reason="False report")

    assert _state(gig) == ("visible", "")
    assert gig.status == "open"
    assert gig.is_public is True
    assert [(e.action, e.reason) for e in moderation_history(target=gig)] == [
        ("publish", "False report"),
        ("hide", "Spam"),
    ]


def test_restoring_a_visible_gig_is_refused(gig: Gig, moderator: Any) -> None:
    with pytest.raises(Conflict) as excinfo:
        gig_restore(gig=gig, by=moderator)

    assert excinfo.value.code == "invalid_state"
    assert _state(gig) == ("visible", "")
    assert ModerationAction.objects.count() == 0


def test_non_staff_cannot_restore_a_gig(gig: Gig, moderator: Any) -> None:
    gig_hide(gig=gig, by=moderator, reason="Spam")

    with pytest.raises(Forbidden):
        gig_restore(gig=gig, by=UserFactory.create())

    assert _state(gig) == ("hidden", "Spam")
    assert ModerationAction.objects.count() == 1


# --- history ----------------------------------------------------------------------------------


def test_history_holds_only_the_targets_own_rows(moderator: Any) -> None:
    # Given a profile and a gig with the same primary key value, both moderated
    profile = FreelancerProfileFactory.create(visibility="public")
    gig = GigFactory.open()
    Gig.objects.filter(pk=gig.pk).update(id=profile.pk)
    gig = Gig.objects.get(pk=profile.pk)
    profile_hide(profile=profile, by=moderator, reason="Profile spam")
    gig_hide(gig=gig, by=moderator, reason="Gig spam")

    # Then each history shows only its own object's decisions (the content type tells them apart)
    assert [e.reason for e in moderation_history(target=profile)] == ["Profile spam"]
    assert [e.reason for e in moderation_history(target=gig)] == ["Gig spam"]


def test_history_loads_actors_without_a_query_per_row(
    profile: FreelancerProfile, moderator: Any, django_assert_num_queries: Any
) -> None:
    profile_hide(profile=profile, by=moderator, reason="One")
    profile_restore(profile=profile, by=moderator)
    profile_hide(profile=profile, by=moderator, reason="Two")

    with django_assert_num_queries(1):
        emails = [e.actor.email for e in moderation_history(target=profile) if e.actor]

    assert emails == [moderator.email] * 3
