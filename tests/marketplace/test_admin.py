"""Django admin: every model's pages render, changelists keep a fixed query count, and the
moderation actions go through the services (reason asked, audit row written, refusals counted).
"""

from __future__ import annotations

from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.contrib import admin
from django.contrib.auth.models import Group
from django.db import connection, models
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from tests.factories import (
    FirmMembershipFactory,
    FreelancerProfileFactory,
    GigFactory,
    SkillFactory,
    UserFactory,
)

from marketplace.accounts.models import OutboundEmail, User
from marketplace.contracts.models import Contract, Milestone
from marketplace.gigs.models import Gig, GigLanguage, GigSkill
from marketplace.moderation.models import ModerationAction
from marketplace.moderation.services import gig_hide, profile_hide
from marketplace.profiles.models import FreelancerProfile, ProfileLanguage, ProfileSkill
from marketplace.proposals.models import Invitation, Proposal
from marketplace.skills.models import Skill, SkillAlias

pytestmark = pytest.mark.django_db

REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)
# Resolved lazily: importing the URLconf at collection would tie this module to every app's urls.
PROFILES = "admin:marketplace_freelancerprofile_changelist"
GIGS = "admin:marketplace_gig_changelist"


def _admin_url(model: type[models.Model], view: str, *args: Any) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def _marketplace_rows(count: int, *, moderator: Any) -> None:
    """`count` of everything the marketplace holds, linked as in real use."""
    skill = SkillFactory.create()
    SkillAlias.objects.get_or_create(
        normalized=f"alias{skill.pk}", defaults={"skill": skill, "alias": f"Alias {skill.pk}"}
    )
    Group.objects.get_or_create(name="Moderators")
    for n in range(count):
        profile = FreelancerProfileFactory.create(visibility="public")
        EmailAddress.objects.create(
            user=profile.user, email=profile.user.email, verified=True, primary=True
        )
        ProfileSkill.objects.create(profile=profile, skill=skill, level=3, years=4)
        ProfileLanguage.objects.create(profile=profile, code="de", proficiency="native")
        membership = FirmMembershipFactory.create()
        gig = GigFactory.open(
            firm=membership.firm, created_by=membership.user, required_skills=[skill]
        )
        GigLanguage.objects.create(gig=gig, code="en")
        Invitation.objects.create(gig=gig, freelancer=profile, invited_by=membership.user)
        proposal = Proposal.objects.create(
            gig=gig,
            freelancer=profile,
            cover_letter="I have built three shops like this.",
            price_minor=300_000,
            currency="EUR",
            estimated_duration_days=30,
            status="accepted",
        )
        contract = Contract.objects.create(
            proposal=proposal,
            gig=gig,
            firm=membership.firm,
            freelancer=profile,
            accepted_by=membership.user,
            title=gig.title,
            terms={"price_minor": 300_000, "currency": "EUR"},
            currency="EUR",
        )
        Milestone.objects.create(
            contract=contract, position=1, title="Shop live", amount_minor=300_000, currency="EUR"
        )
        OutboundEmail.objects.create(to=profile.user.email, subject=f"Welcome {n}", body_text="Hi")
        profile_hide(profile=profile, by=moderator, reason="Spam")
        gig_hide(gig=gig, by=moderator, reason="Spam")


# --- every page renders -----------------------------------------------------------------------


def test_every_marketplace_model_is_registered_or_inline() -> None:
    from django.apps import apps

    # Rows that only make sense on their parent's page are edited there.
    inline_only = {ProfileSkill, ProfileLanguage, GigSkill, GigLanguage}
    inlined = {
        inline.model
        for model_admin in admin.site._registry.values()
        for inline in model_admin.inlines
    }
    models_ = set(apps.get_app_config("marketplace").get_models())
    assert models_ - set(admin.site._registry) == inline_only
    assert inline_only <= inlined


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_changelist_and_change_page_render(
    admin_client: Client, admin_user: Any, model: type[models.Model]
) -> None:
    # Given a couple of rows of every model
    _marketplace_rows(2, moderator=admin_user)

    # When an admin opens the model's changelist, then its search, then a row's change page
    changelist = admin_client.get(_admin_url(model, "changelist"))
    searched = admin_client.get(_admin_url(model, "changelist"), {"q": "example"})
    obj = model._default_manager.order_by("pk").first()
    assert obj is not None, f"no {model._meta.label} row to open"
    change = admin_client.get(_admin_url(model, "change", obj.pk))

    # Then every page renders
    assert (changelist.status_code, searched.status_code, change.status_code) == (200, 200, 200)


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_add_page_renders_or_is_forbidden_on_purpose(
    admin_client: Client, model: type[models.Model]
) -> None:
    response = admin_client.get(_admin_url(model, "add"))
    read_only = {ModerationAction, OutboundEmail, Contract}
    assert response.status_code == (403 if model in read_only else 200)


# The moderated models' changelists are also measured with their moderation filter on.
MODERATION_FILTERS: dict[type[models.Model], dict[str, str]] = {
    FreelancerProfile: {"visibility__exact": "hidden"},
    Gig: {"moderation_state__exact": "hidden"},
}


def test_changelist_queries_do_not_grow_with_rows(admin_client: Client, admin_user: Any) -> None:
    pages: list[tuple[type[models.Model], dict[str, str]]] = [
        (model, {}) for model in REGISTERED
    ] + list(MODERATION_FILTERS.items())

    def queries_per_page() -> dict[str, int]:
        counts = {}
        for model, filters in pages:
            with CaptureQueriesContext(connection) as queries:
                response = admin_client.get(_admin_url(model, "changelist"), filters)
            assert response.status_code == 200
            counts[f"{model._meta.label} {filters}"] = len(queries)
        return counts

    # Given two rows of everything, and a first pass that warms per-process caches
    _marketplace_rows(2, moderator=admin_user)
    queries_per_page()
    few = queries_per_page()

    # When four times as many rows exist
    _marketplace_rows(6, moderator=admin_user)
    many = queries_per_page()

    # Then every changelist, filtered or not, costs the same number of queries
    assert many == few
    for model, filters in MODERATION_FILTERS.items():
        response = admin_client.get(_admin_url(model, "changelist"), filters)
        assert response.context["cl"].result_count == 8


def test_status_fields_owned_by_services_are_read_only(admin_client: Client) -> None:
    expected = {
        FreelancerProfile: {"visibility", "moderation_reason"},
        Gig: {"status", "moderation_state", "moderation_reason", "published_at"},
        Proposal: {"status", "decided_at"},
        Invitation: {"status", "responded_at"},
        Contract: {"status", "terms", "ended_at"},
        Milestone: {"status"},
    }
    for model, fields in expected.items():
        model_admin = admin.site._registry[model]
        assert fields <= set(model_admin.get_readonly_fields(request=None)), model  # type: ignore[arg-type]


# --- access -----------------------------------------------------------------------------------


def test_non_staff_user_is_sent_to_the_admin_login(client: Client) -> None:
    # Given a signed-in user who is not staff
    client.force_login(UserFactory.create())

    # When they open an admin changelist, they are sent to the login page
    response = client.get(reverse(PROFILES))

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('admin:login')}?next={reverse(PROFILES)}"


def test_non_staff_user_cannot_run_the_hide_action(client: Client) -> None:
    profile = FreelancerProfileFactory.create(visibility="public")
    client.force_login(profile.user)

    response = client.post(
        reverse(PROFILES),
        {
            "action": "hide_selected",
            "_selected_action": [profile.pk],
            "apply": "yes",
            "reason": "x",
        },
    )

    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.visibility == "public"
    assert ModerationAction.objects.count() == 0


# --- moderation actions -----------------------------------------------------------------------


def test_hide_action_first_asks_for_a_reason(admin_client: Client) -> None:
    # Given two public profiles
    first, second = FreelancerProfileFactory.create_batch(2, visibility="public")

    # When an admin picks "Hide selected profiles…" on them
    response = admin_client.post(
        reverse(PROFILES), {"action": "hide_selected", "_selected_action": [first.pk, second.pk]}
    )

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
    response = admin_client.post(
        reverse(PROFILES),
        {
            "action": "hide_selected",
            "_selected_action": [profile.pk],
            "apply": "yes",
            "reason": "Fake reviews",
        },
        follow=True,
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

    response = admin_client.post(
        reverse(PROFILES),
        {
            "action": "hide_selected",
            "_selected_action": [profile.pk],
            "apply": "yes",
            "reason": " ",
        },
    )

    # The page is shown again with the error, and nothing happened
    assert response.status_code == 200
    assert response.context["form"].errors == {"reason": ["This field is required."]}
    profile.refresh_from_db()
    assert (profile.visibility, profile.moderation_reason) == ("public", "")
    assert ModerationAction.objects.count() == 0


def test_hide_action_skips_what_is_hidden_already_and_says_why(
    admin_client: Client, staff: Any
) -> None:
    # Given one visible gig and one hidden already
    visible = GigFactory.open()
    hidden = GigFactory.open()
    gig_hide(gig=hidden, by=staff, reason="Spam")

    # When both are hidden through the admin action
    response = admin_client.post(
        reverse(GIGS),
        {
            "action": "hide_selected",
            "_selected_action": [visible.pk, hidden.pk],
            "apply": "yes",
            "reason": "Duplicate posting",
        },
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
    admin_client: Client, staff: Any, admin_user: Any
) -> None:
    # Given a hidden profile and a draft one
    hidden = FreelancerProfileFactory.create(visibility="public")
    profile_hide(profile=hidden, by=staff, reason="Spam")
    draft = FreelancerProfileFactory.create(visibility="draft")

    # When the admin restores both
    response = admin_client.post(
        reverse(PROFILES),
        {"action": "restore_selected", "_selected_action": [hidden.pk, draft.pk]},
        follow=True,
    )

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


def test_restore_action_makes_a_hidden_gig_visible(admin_client: Client, staff: Any) -> None:
    gig = GigFactory.open()
    gig_hide(gig=gig, by=staff, reason="Spam")

    admin_client.post(reverse(GIGS), {"action": "restore_selected", "_selected_action": [gig.pk]})

    gig.refresh_from_db()
    assert (gig.moderation_state, gig.moderation_reason, gig.status) == ("visible", "", "open")
    assert ModerationAction.objects.filter(action="publish").count() == 1


def test_change_form_cannot_edit_visibility(admin_client: Client) -> None:
    # Given a draft profile
    profile = FreelancerProfileFactory.create(visibility="draft")
    url = _admin_url(FreelancerProfile, "change", profile.pk)
    form = admin_client.get(url).context["adminform"].form

    # When the change form is posted with a visibility the services did not set
    data = {
        **{name: form[name].value() or "" for name in form.fields},
        "visibility": "public",
        "moderation_reason": "forged",
        "profile_skills-TOTAL_FORMS": "0",
        "profile_skills-INITIAL_FORMS": "0",
        "languages-TOTAL_FORMS": "0",
        "languages-INITIAL_FORMS": "0",
        "headline": "Edited headline",
    }
    response = admin_client.post(url, data)

    # Then the other fields are saved and visibility is not
    assert response.status_code == 302
    profile.refresh_from_db()
    assert (profile.headline, profile.visibility, profile.moderation_reason) == (
        "Edited headline",
        "draft",
        "",
    )


# --- the audit log ----------------------------------------------------------------------------


def test_moderation_log_cannot_be_added_changed_or_deleted(
    admin_client: Client, staff: Any
) -> None:
    # Given an audit row
    profile = FreelancerProfileFactory.create(visibility="public")
    profile_hide(profile=profile, by=staff, reason="Spam")
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


def test_moderation_log_changelist_links_targets_without_a_query_per_row(
    admin_client: Client, admin_user: Any
) -> None:
    _marketplace_rows(2, moderator=admin_user)
    url = _admin_url(ModerationAction, "changelist")
    admin_client.get(url)
    with CaptureQueriesContext(connection) as few:
        admin_client.get(url)
    _marketplace_rows(4, moderator=admin_user)
    with CaptureQueriesContext(connection) as many:
        response = admin_client.get(url)

    assert len(many) == len(few)
    profile = FreelancerProfile.objects.order_by("pk").first()
    assert profile is not None
    assert _admin_url(FreelancerProfile, "change", profile.pk) in response.content.decode()


# --- taxonomy and users -----------------------------------------------------------------------


def test_alias_added_in_admin_gets_its_lookup_key_and_stays_unique(admin_client: Client) -> None:
    # Given a skill
    skill = SkillFactory.create(slug="react")
    url = _admin_url(SkillAlias, "add")

    # When an alias is added, its normalised key is derived as the loader derives it
    created = admin_client.post(url, {"skill": skill.pk, "alias": "React JS"})
    # And the same name spelt differently is refused instead of failing on the unique index
    clash = admin_client.post(url, {"skill": skill.pk, "alias": "react.js"})

    assert created.status_code == 302
    assert list(SkillAlias.objects.values_list("alias", "normalized", "skill")) == [
        ("React JS", "reactjs", skill.pk)
    ]
    assert clash.status_code == 200
    assert clash.context["adminform"].form.errors == {
        "alias": ["Another skill already has this alias."]
    }


def test_skill_page_edits_aliases_inline_and_related_skills(admin_client: Client) -> None:
    python = SkillFactory.create(slug="python")
    django = SkillFactory.create(slug="django")
    url = _admin_url(Skill, "change", django.pk)

    response = admin_client.post(
        url,
        {
            "slug": "django",
            "category": django.category_id,
            "is_active": "on",
            "label_en": "Django",
            "label_de": "Django",
            "label_fr": "Django",
            "related": [python.pk],
            "aliases-TOTAL_FORMS": "1",
            "aliases-INITIAL_FORMS": "0",
            "aliases-0-alias": "Django Framework",
        },
    )

    assert response.status_code == 302
    assert list(python.related.all()) == [django]
    assert list(django.aliases.values_list("normalized", flat=True)) == ["djangoframework"]


def test_admin_creates_an_email_user_with_a_lower_case_address(admin_client: Client) -> None:
    url = _admin_url(User, "add")
    password = "a-long enough passphrase 42"

    created = admin_client.post(
        url,
        {
            "email": "Ada@Example.TEST",
            "usable_password": "true",
            "password1": password,
            "password2": password,
        },
    )
    duplicate = admin_client.post(
        url,
        {
            "email": "ADA@example.test",
            "usable_password": "true",
            "password1": password,
            "password2": password,
        },
    )

    user = User.objects.get(email="ada@example.test")
    assert created.status_code == 302
    assert user.check_password(password)
    assert (user.is_staff, user.is_superuser) == (False, False)
    assert duplicate.status_code == 200
    assert duplicate.context["adminform"].form.errors == {
        "email": ["A user with that email address already exists."]
    }
    assert User.objects.filter(email__iexact="ada@example.test").count() == 1
    password_page = admin_client.get(reverse("admin:auth_user_password_change", args=[user.pk]))
    assert password_page.status_code == 200
