"""Django admin moderation: the hide and restore actions on profiles and gigs go through the
moderation services (reason asked, audit row written, refusals counted), and the audit log is
read-only.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib import admin
from django.db import models
from django.test import Client
from django.urls import reverse
from tests.factories import FreelancerProfileFactory, GigFactory

from marketplace.moderation.models import ModerationAction
from marketplace.moderation.services import gig_hide, profile_hide
from marketplace.profiles.models import FreelancerProfile

pytestmark = pytest.mark.django_db

PROFILES = "admin:marketplace_freelancerprofile_changelist"
GIGS = "admin:marketplace_gig_changelist"


def _admin_url(model: type[models.Model], view: str, *args: Any) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def _run_action(
    client: Client,
    changelist: str,
    action: str,
    objects: list[Any],
    *,
    reason: str | None = None,
    follow: bool = False,
) -> Any:
    """Pick `action` for `objects` on the changelist; with a `reason`, confirm it on the reason
    page (which posts the same action back with `apply`)."""
    data: dict[str, Any] = {"action": action, "_selected_action": [obj.pk for obj in objects]}
    if reason is not None:
        data.update(apply="yes", reason=reason)
    return client.post(reverse(changelist), data, follow=follow)


# --- access -----------------------------------------------------------------------------------


def test_non_staff_user_cannot_run_the_hide_action(client: Client) -> None:
    profile = FreelancerProfileFactory.create(visibility="public")
    client.force_login(profile.user)

    response = _run_action(client, PROFILES, "hide_selected", [profile], reason="x")

    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.visibility == "public"
    assert ModerationAction.objects.count() == 0


# --- moderation actions -----------------------------------------------------------------------


def test_hide_action_first_asks_for_a_reason(admin_client: Client) -> None:
    # Given two public profiles
    first, second = FreelancerProfileFactory.create_batch(2, visibility="public")

    # When an admin picks "Hide selected profiles…" on them
    response = _run_action(admin_client, PROFILES, "hide_selected", [first, second])

    # Then a confirmation page lists them, with a CSRF-protected reason form, and nothing changed
    assert response.status_code == 200
    assert response.templates[0].name == "admin/marketplace/moderation_reason.html"
    assert list(response.context["objects"]) == [second, first]
    html = response.content.decode()
    assert 'name="csrfmiddlewaretoken"' in html
    assert 'name="reason"' in html
    assert f'name="_selected_action" value="{first.pk}"' in html
    assert set(FreelancerProfile.objects.values_list("visibility", flat=True)) == {"public"}
    assert ModerationAction.objects.count() == 0


def test_hide_action_with_a_reason_hides_and_writes_one_audit_row(
    admin_client: Client, admin_user: Any
) -> None:
    # Given a public profile
    profile = FreelancerProfileFactory.create(visibility="public")

    # When the admin confirms the hide action with a reason
    response = _run_action(
        admin_client, PROFILES, "hide_selected", [profile], reason="Fake reviews", follow=True
    )

    # Then the profile is hidden, exactly one audit row is written and the admin is told
    profile.refresh_from_db()
    assert (profile.visibility, profile.moderation_reason) == ("hidden", "Fake reviews")
    entry = ModerationAction.objects.get()
    assert (entry.action, entry.reason, entry.actor, entry.target) == (
        "hide",
        "Fake reviews",
        admin_user,
        profile,
    )
    assert response.redirect_chain == [(reverse(PROFILES), 302)]
    assert [str(m) for m in response.context["messages"]] == ["Hid 1 freelancer profile."]
    # And the profile's change page shows the decision in its moderation history
    change_page = admin_client.get(_admin_url(FreelancerProfile, "change", profile.pk))
    assert f"Hide · {admin_user.email} · Fake reviews" in change_page.content.decode()


def test_hide_action_without_a_reason_changes_nothing(admin_client: Client) -> None:
    profile = FreelancerProfileFactory.create(visibility="public")

    response = _run_action(admin_client, PROFILES, "hide_selected", [profile], reason=" ")

    # The page is shown again with the error, and nothing happened
    assert response.status_code == 200
    assert response.context["form"].errors == {"reason": ["This field is required."]}
    profile.refresh_from_db()
    assert (profile.visibility, profile.moderation_reason) == ("public", "")
    assert ModerationAction.objects.count() == 0


def test_hide_action_skips_what_is_hidden_already_and_says_why(
    admin_client: Client, moderator: Any
) -> None:
    # Given one visible gig and one hidden already
    visible = GigFactory.open()
    hidden = GigFactory.open()
    gig_hide(gig=hidden, by=moderator, reason="Spam")

    # When both are hidden through the admin action
    response = _run_action(
        admin_client,
        GIGS,
        "hide_selected",
        [visible, hidden],
        reason="Duplicate posting",
        follow=True,
    )

    # Then one is hidden, the other is skipped with its code, and one new audit row exists
    visible.refresh_from_db()
    hidden.refresh_from_db()
    assert (visible.moderation_state, visible.moderation_reason) == ("hidden", "Duplicate posting")
    assert (hidden.moderation_state, hidden.moderation_reason) == ("hidden", "Spam")
    assert ModerationAction.objects.count() == 2
    assert [str(m) for m in response.context["messages"]] == [
        "Hid 1 gig.",
        "Skipped 1 gig (invalid_state: 1).",
    ]


def test_restore_action_publishes_hidden_profiles_and_skips_the_rest(
    admin_client: Client, moderator: Any, admin_user: Any
) -> None:
    # Given a hidden profile and a draft one
    hidden = FreelancerProfileFactory.create(visibility="public")
    profile_hide(profile=hidden, by=moderator, reason="Spam")
    draft = FreelancerProfileFactory.create(visibility="draft")

    # When the admin restores both
    response = _run_action(admin_client, PROFILES, "restore_selected", [hidden, draft], follow=True)

    # Then the hidden one is public again and the draft stays a draft (its owner publishes it)
    hidden.refresh_from_db()
    draft.refresh_from_db()
    assert (hidden.visibility, hidden.moderation_reason) == ("public", "")
    assert draft.visibility == "draft"
    assert ModerationAction.objects.filter(action="publish", actor=admin_user).count() == 1
    assert [str(m) for m in response.context["messages"]] == [
        "Published 1 freelancer profile.",
        "Skipped 1 freelancer profile (invalid_state: 1).",
    ]


def test_restore_action_makes_a_hidden_gig_visible(admin_client: Client, moderator: Any) -> None:
    gig = GigFactory.open()
    gig_hide(gig=gig, by=moderator, reason="Spam")

    _run_action(admin_client, GIGS, "restore_selected", [gig])

    gig.refresh_from_db()
    assert (gig.moderation_state, gig.moderation_reason, gig.status) == ("visible", "", "open")
    assert ModerationAction.objects.filter(action="publish").count() == 1


# --- the audit log ----------------------------------------------------------------------------


def test_moderation_log_cannot_be_added_changed_or_deleted(
    admin_client: Client, moderator: Any
) -> None:
    # Given an audit row
    profile = FreelancerProfileFactory.create(visibility="public")
    profile_hide(profile=profile, by=moderator, reason="Spam")
    entry = ModerationAction.objects.get()

    # When a superuser tries to add, change or delete through admin
    add = admin_client.post(_admin_url(ModerationAction, "add"), {"reason": "forged"})
    change = admin_client.post(_admin_url(ModerationAction, "change", entry.pk), {"reason": "x"})
    delete = admin_client.post(_admin_url(ModerationAction, "delete", entry.pk), {"post": "yes"})
    bulk = admin_client.post(
        _admin_url(ModerationAction, "changelist"),
        {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"},
    )
    view = admin_client.get(_admin_url(ModerationAction, "change", entry.pk))

    # Then every write is refused, the row is unchanged, and it can still be read
    assert (add.status_code, change.status_code, delete.status_code) == (403, 403, 403)
    assert bulk.status_code == 200
    assert list(ModerationAction.objects.values_list("pk", "reason")) == [(entry.pk, "Spam")]
    assert view.status_code == 200
    assert "Spam" in view.content.decode()
    model_admin = admin.site._registry[ModerationAction]
    request = view.wsgi_request
    assert model_admin.has_add_permission(request) is False
    assert model_admin.has_change_permission(request, entry) is False
    assert model_admin.has_delete_permission(request, entry) is False
    assert "delete_selected" not in model_admin.get_actions(request)
