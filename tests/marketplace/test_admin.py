"""Django admin: every model's pages render, changelists keep a fixed query count, fields and
rows the services own are read-only, and the taxonomy and user pages save what they should.

The moderation actions and the audit log are in `moderation/`.
"""

from __future__ import annotations

import datetime as dt
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
from marketplace.endorsements.models import Endorsement
from marketplace.firms.models import Firm, FirmMembership
from marketplace.gigs.models import Gig, GigLanguage, GigSkill
from marketplace.media.models import PortfolioItem, StoredImage, UploadQuotaDay
from marketplace.moderation.models import ModerationAction, Report, Sanction
from marketplace.moderation.reports import report_create
from marketplace.moderation.sanctions import user_warn
from marketplace.moderation.services import gig_hide, profile_hide
from marketplace.profiles.models import FreelancerProfile, ProfileLanguage, ProfileSkill
from marketplace.proposals.models import Invitation, Proposal
from marketplace.reviews.models import Review
from marketplace.skills.models import Skill, SkillAlias

pytestmark = pytest.mark.django_db

# The marketplace's own admin pages; payments and chat test theirs in their own suites.
REGISTERED = sorted(
    (m for m in admin.site._registry if m._meta.app_label in {"marketplace", "auth", "account"}),
    key=lambda model: model._meta.label,
)
# Resolved lazily: importing the URLconf at collection would tie this module to every app's urls.
PROFILES = "admin:marketplace_freelancerprofile_changelist"


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
        Review.objects.create(
            contract=contract,
            author_side="firm",
            author=membership.user,
            firm=membership.firm,
            freelancer=profile,
            rating=5,
            text="Shipped on time.",
        )
        endorser = FreelancerProfileFactory.create(visibility="public")
        Endorsement.objects.create(endorser=endorser, endorsee=profile, skill=skill)
        OutboundEmail.objects.create(to=profile.user.email, subject=f"Welcome {n}", body_text="Hi")
        image = StoredImage.objects.create(
            uploaded_by=profile.user,
            purpose="portfolio",
            format="PNG",
            file=f"images/ab/example{profile.pk}.png",
            width=64,
            height=48,
            upload_bytes=1000,
            stored_bytes=900,
            thumbnails={"small": {"name": f"images/ab/example{profile.pk}_small.png"}},
        )
        PortfolioItem.objects.create(profile=profile, image=image, caption="A shop", position=0)
        UploadQuotaDay.objects.create(
            user=profile.user, day=dt.date(2026, 11, 22), uploads=1, upload_bytes=1000
        )
        report_create(by=profile.user, kind="gig", object_id=gig.pk, reason="spam", text="Ads")
        user_warn(user=profile.user, by=moderator, reason="Spam")
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
    read_only = {
        ModerationAction,
        OutboundEmail,
        Contract,
        FirmMembership,
        Firm,
        Review,
        Endorsement,
        StoredImage,
        PortfolioItem,
        UploadQuotaDay,
        Report,
        Sanction,
    }
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
        Milestone: {"status", "funded_at", "submitted_at", "released_at", "disputed_at"},
        Review: {"rating", "text", "private_feedback", "published_at", "hidden_at"},
        Endorsement: {"endorser", "endorsee", "skill", "contract", "withdrawn_at"},
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


# --- read-only rows ---------------------------------------------------------------------------


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


def _roles(firm: Firm) -> dict[str, str]:
    return dict(firm.memberships.values_list("user__email", "role"))


def test_firm_memberships_cannot_be_added_changed_or_deleted_in_admin(
    admin_client: Client,
) -> None:
    # Given a firm whose only owner has a member beside them
    owner = FirmMembershipFactory.create(role="owner")
    firm = owner.firm
    member = FirmMembershipFactory.create(firm=firm, role="member")
    outsider = UserFactory.create()
    before = _roles(firm)

    # When a superuser tries to add an owner, demote the last owner, or delete memberships
    # on the membership admin
    add = admin_client.post(
        _admin_url(FirmMembership, "add"), {"firm": firm.pk, "user": outsider.pk, "role": "owner"}
    )
    change = admin_client.post(
        _admin_url(FirmMembership, "change", owner.pk),
        {"firm": firm.pk, "user": owner.user_id, "role": "member"},
    )
    delete = admin_client.post(_admin_url(FirmMembership, "delete", owner.pk), {"post": "yes"})
    bulk = admin_client.post(
        _admin_url(FirmMembership, "changelist"),
        {"action": "delete_selected", "_selected_action": [owner.pk, member.pk], "post": "yes"},
    )
    view = admin_client.get(_admin_url(FirmMembership, "change", owner.pk))

    # Then every write is refused, the memberships are unchanged, and they can still be read
    assert (add.status_code, change.status_code, delete.status_code) == (403, 403, 403)
    assert bulk.status_code == 200
    assert _roles(firm) == before
    assert FirmMembership.objects.filter(user=outsider).count() == 0
    assert view.status_code == 200
    model_admin = admin.site._registry[FirmMembership]
    perms = {"add": False, "change": False, "delete": False, "view": True}
    assert model_admin.get_model_perms(view.wsgi_request) == perms
    assert "delete_selected" not in model_admin.get_actions(view.wsgi_request)


def test_firm_page_shows_members_but_its_form_cannot_change_them(admin_client: Client) -> None:
    # Given a firm whose only owner has a member beside them
    owner = FirmMembershipFactory.create(role="owner")
    firm = owner.firm
    FirmMembershipFactory.create(firm=firm, role="member")
    before = _roles(firm)
    url = _admin_url(Firm, "change", firm.pk)
    page = admin_client.get(url)
    (memberships,) = page.context["inline_admin_formsets"]
    formset = memberships.formset

    # When the firm's form is posted with its members demoted, deleted and one more added
    data = {
        **{name: value or "" for name, value in page.context["adminform"].form.initial.items()},
        "name": "Renamed studio",
        f"{formset.prefix}-TOTAL_FORMS": str(len(formset.forms) + 1),
        f"{formset.prefix}-INITIAL_FORMS": str(len(formset.forms)),
    }
    for form in formset.forms:
        data[f"{form.prefix}-id"] = form.instance.pk
        data[f"{form.prefix}-firm"] = firm.pk
        data[f"{form.prefix}-role"] = "member"
        data[f"{form.prefix}-DELETE"] = "on"
    new = f"{formset.prefix}-{len(formset.forms)}"
    data.update({f"{new}-user": UserFactory.create().pk, f"{new}-role": "owner"})
    response = admin_client.post(url, data)

    # Then the firm's own fields are saved and its memberships are not touched
    assert response.status_code == 302
    firm.refresh_from_db()
    assert firm.name == "Renamed studio"
    assert _roles(firm) == before
    # And the inline offers no way to add, change or delete a membership
    inline = memberships.opts
    request = page.wsgi_request
    assert inline.has_add_permission(request, firm) is False
    assert inline.has_change_permission(request, firm) is False
    assert inline.has_delete_permission(request, firm) is False


# --- the audit log's changelist ---------------------------------------------------------------


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
