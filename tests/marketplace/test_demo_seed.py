"""The demo marketplace (`manage.py seed_demo`): its data is consistent, the seed builds what
the README promises through the marketplace's services, the demo logins work with mandatory
email verification, and a second run changes nothing."""

from __future__ import annotations

import json
from collections import Counter
from io import StringIO
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.conf import settings
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db.models import Sum
from django.test import Client

from common.models import spoken_language_choices
from common.money import CURRENCY_EXPONENTS
from marketplace.contracts.models import Contract, ContractStatus
from marketplace.demo.data import CONTRACT, FIRMS, GIGS, INVITATIONS, PEOPLE, PROPOSALS
from marketplace.demo.firms import DEMO_FIRM_SLUG
from marketplace.demo.logins import DEMO_ADMIN_EMAIL, DEMO_FREELANCER_EMAIL, DEMO_OWNER_EMAIL
from marketplace.demo.seed import demo_seed
from marketplace.firms.models import Firm, FirmMembership
from marketplace.gigs.models import EngagementType, Gig, GigStatus
from marketplace.profiles.models import FreelancerProfile, ProfileVisibility
from marketplace.proposals.models import Invitation, Proposal
from marketplace.skills.services import TAXONOMY_FILE

AUTH = "/_allauth/browser/v1/auth"
LOGINS = (DEMO_FREELANCER_EMAIL, DEMO_OWNER_EMAIL, DEMO_ADMIN_EMAIL)


# --- the data itself (no database) -------------------------------------------------------------


def test_demo_data_uses_only_taxonomy_skills_and_known_codes() -> None:
    # Given the taxonomy file and the codes the models accept
    taxonomy = {row["slug"] for row in json.loads(TAXONOMY_FILE.read_text())["skills"]}
    languages = {code for code, _name in spoken_language_choices()}
    # Then every person lists 3–8 taxonomy skills and 1–3 known languages, once each
    for person in PEOPLE:
        slugs = [slug for slug, _level, _years in person.skills]
        assert 3 <= len(slugs) <= 8, person.slug
        assert set(slugs) <= taxonomy, person.slug
        assert len(set(slugs)) == len(slugs), person.slug
        assert all(1 <= level <= 4 for _s, level, _y in person.skills), person.slug
        assert 1 <= len(person.languages) <= 3, person.slug
        assert {code for code, _p in person.languages} <= languages, person.slug
        assert person.ui_language in {"en", "de", "fr"}
        assert person.currency in CURRENCY_EXPONENTS
        assert person.hourly_rate_minor or person.daily_rate_minor, person.slug
    # And every gig's skills are in the taxonomy, none both required and nice to have
    for gig in GIGS:
        assert set(gig.required_skills) | set(gig.nice_skills) <= taxonomy, gig.ref
        assert not set(gig.required_skills) & set(gig.nice_skills), gig.ref
        assert set(gig.languages) <= languages, gig.ref
        assert gig.currency in CURRENCY_EXPONENTS
    # And natural keys are unique
    assert len({p.slug for p in PEOPLE}) == len({p.email for p in PEOPLE}) == len(PEOPLE)
    assert len({(g.firm, g.title) for g in GIGS}) == len({g.ref for g in GIGS}) == len(GIGS)
    assert len({(i.gig, i.freelancer) for i in INVITATIONS}) == len(INVITATIONS)
    assert len({(p.gig, p.freelancer) for p in PROPOSALS}) == len(PROPOSALS)


def test_demo_timeline_reads_in_order() -> None:
    # A gig is written before anyone is invited to it, and an invitation comes before the
    # proposal it prompted; the contract comes after the proposal it accepts.
    gigs = {g.ref: g for g in GIGS}
    people = {p.slug for p in PEOPLE}
    members = {m.email: f.slug for f in FIRMS for m in f.members}
    proposals = {(p.gig, p.freelancer): p for p in PROPOSALS}
    for invitation in INVITATIONS:
        assert invitation.freelancer in people
        assert members[invitation.invited_by] == gigs[invitation.gig].firm
        assert invitation.days_ago < gigs[invitation.gig].days_ago
        answer = proposals.get((invitation.gig, invitation.freelancer))
        # "proposed" exactly when the freelancer answered with a proposal
        assert (invitation.status == "proposed") == (answer is not None), invitation
        if answer is not None:
            assert answer.days_ago < invitation.days_ago
    for proposal in PROPOSALS:
        assert proposal.freelancer in people
        assert proposal.days_ago < gigs[proposal.gig].days_ago
    for gig in GIGS:
        assert members[gig.created_by] == gig.firm
    accepted = proposals[(CONTRACT.gig, CONTRACT.freelancer)]
    assert CONTRACT.days_ago < accepted.days_ago
    assert sum(m.amount_minor for m in CONTRACT.milestones) == accepted.price_minor


# --- the seed ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_seed_builds_the_promised_demo() -> None:
    # When the demo is seeded into an empty database
    report = demo_seed()

    # Then ≥ 40 freelancers across ≥ 8 countries and ≥ 6 time zones, most public
    profiles = FreelancerProfile.objects.all()
    assert report.created["profiles"] == profiles.count() == len(PEOPLE) >= 40
    assert profiles.values("country").distinct().count() >= 8
    assert profiles.values("time_zone").distinct().count() >= 6
    assert profiles.filter(visibility=ProfileVisibility.DRAFT).count() == 2
    assert profiles.filter(visibility=ProfileVisibility.PUBLIC).count() == len(PEOPLE) - 2
    for profile in profiles.prefetch_related("profile_skills", "languages"):
        assert 3 <= len(profile.profile_skills.all()) <= 8
        assert 1 <= len(profile.languages.all()) <= 3
    lena = FreelancerProfile.objects.get(user__email=DEMO_FREELANCER_EMAIL)
    assert lena.slug == "lena-hoffmann"
    assert (lena.hourly_rate_minor, lena.daily_rate_minor, lena.rate_currency) == (
        9500,
        72000,
        "EUR",
    )
    assert lena.links[0] == {"label": "Portfolio", "url": "https://lenahoffmann.example"}
    assert lena.available_from is not None
    # And bios are written in English, German and French
    languages = Counter(profiles.values_list("user__language", flat=True))
    assert set(languages) == {"en", "de", "fr"}

    # And ten firms, from solo to 11–50 people, some with a second member
    assert Firm.objects.count() == 10
    assert Firm.objects.values("country").distinct().count() >= 6
    assert set(Firm.objects.values_list("size", flat=True)) == {"solo", "2-10", "11-50"}
    assert FirmMembership.objects.filter(role="member").count() >= 3
    owner = FirmMembership.objects.get(firm__slug=DEMO_FIRM_SLUG, user__email=DEMO_OWNER_EMAIL)
    assert owner.role == "owner"

    # And ≥ 25 open gigs in ≥ 4 currencies with all three engagement types
    open_gigs = Gig.objects.filter(status=GigStatus.OPEN)
    assert open_gigs.count() >= 25
    assert open_gigs.values("currency").distinct().count() >= 4
    assert set(open_gigs.values_list("engagement_type", flat=True)) == set(EngagementType.values)
    retainers = open_gigs.filter(engagement_type="retainer")
    assert all(retainers.values_list("hours_per_week", flat=True))
    assert open_gigs.exclude(location_type="remote").exclude(location_country="").count() >= 2
    assert all(g.published_at is not None for g in open_gigs)
    assert all(g.gig_skills.filter(is_required=True).exists() for g in open_gigs)
    statuses = Counter(Gig.objects.values_list("status", flat=True))
    assert statuses["draft"] >= 1
    assert statuses["closed"] >= 1
    assert statuses["cancelled"] >= 1
    assert statuses["in_progress"] == 1

    # And proposals and invitations in every status the demo promises
    proposals = Counter(Proposal.objects.values_list("status", flat=True))
    assert sum(proposals.values()) >= 15
    assert {"submitted", "shortlisted", "declined", "withdrawn", "accepted"} <= set(proposals)
    invitations = Counter(Invitation.objects.values_list("status", flat=True))
    assert sum(invitations.values()) >= 8
    assert {"pending", "proposed", "declined"} <= set(invitations)
    for proposal in Proposal.objects.select_related("gig"):
        assert proposal.gig.published_at is not None
        assert proposal.created_at > proposal.gig.published_at

    # And exactly one active contract: the demo owner's firm hired the demo freelancer
    contract = Contract.objects.get(status=ContractStatus.ACTIVE)
    assert Contract.objects.count() == 1
    assert contract.firm.slug == DEMO_FIRM_SLUG
    assert contract.freelancer == lena
    assert contract.accepted_by.email == DEMO_OWNER_EMAIL
    assert contract.proposal.status == "accepted"
    assert contract.proposal.decided_at is not None
    assert contract.gig.status == GigStatus.IN_PROGRESS
    assert contract.gig.engagement_type == EngagementType.FIXED
    milestones = contract.milestones.all()
    assert 2 <= len(milestones) <= 3
    assert milestones.aggregate(total=Sum("amount_minor"))["total"] == 680_000
    assert contract.proposal.price_minor == 680_000
    assert contract.terms["proposal"]["price_minor"] == 680_000
    assert all(m.currency == "EUR" and m.due_date is not None for m in milestones)

    # And both demo logins have something to look at
    assert Proposal.objects.filter(freelancer=lena).count() == 4
    assert Invitation.objects.filter(freelancer=lena, status="pending").count() == 1
    demo_firm_gigs = Gig.objects.filter(firm__slug=DEMO_FIRM_SLUG)
    assert Proposal.objects.filter(gig__in=demo_firm_gigs, status="submitted").exists()
    assert Invitation.objects.filter(gig__in=demo_firm_gigs).count() >= 3


@pytest.mark.django_db
def test_demo_logins_sign_in_with_mandatory_verification() -> None:
    # Given the demo
    demo_seed()
    assert settings.ACCOUNT_EMAIL_VERIFICATION == "mandatory"
    # Then every demo user has a verified, primary email address and a full profile
    users = apps.get_model(settings.AUTH_USER_MODEL).objects.all()
    for user in users:
        address = EmailAddress.objects.get(user=user)
        assert (address.email, address.verified, address.primary) == (user.email, True, True)
        assert user.full_name
        assert user.language in {"en", "de", "fr"}
        assert user.time_zone
    admin = users.get(email=DEMO_ADMIN_EMAIL)
    assert admin.is_staff
    assert admin.is_superuser
    assert not users.exclude(email=DEMO_ADMIN_EMAIL).filter(is_staff=True).exists()
    # And each demo login signs in through allauth headless, as the SPA does
    for email in LOGINS:
        assert authenticate(None, email=email, password=settings.DEMO_PASSWORD) is not None
        client = Client(enforce_csrf_checks=True)
        client.get(f"{AUTH}/session")
        response = client.post(
            f"{AUTH}/login",
            {"email": email, "password": settings.DEMO_PASSWORD},
            content_type="application/json",
            HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value,
        )
        assert response.status_code == 200, response.content
        assert client.get("/api/v1/me/").json()["email"] == email
    # And the admin reaches Django admin
    admin_client = Client()
    admin_client.force_login(admin)
    assert admin_client.get("/admin/").status_code == 200


def _snapshot() -> dict[str, list[dict[str, Any]]]:
    """Every row of every marketplace table (through tables included) and of the allauth
    email addresses, field by field."""
    models = [*apps.get_app_config("marketplace").get_models(include_auto_created=True)]
    models.append(EmailAddress)
    return {m._meta.label: list(m._default_manager.order_by("pk").values()) for m in models}


@pytest.mark.django_db
def test_second_run_creates_nothing_and_changes_nothing() -> None:
    # Given a seeded demo
    first = demo_seed()
    assert first.total > 0
    before = _snapshot()
    # When the command runs again
    out = StringIO()
    call_command("seed_demo", stdout=out)
    # Then it reports nothing new, and every row is exactly as it was (updated_at included)
    assert "nothing changed" in out.getvalue()
    assert _snapshot() == before
    assert demo_seed().total == 0
    assert _snapshot() == before


@pytest.mark.django_db
def test_command_prints_counts_logins_password_and_url() -> None:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    text = out.getvalue()
    assert "Demo data created:" in text
    assert "Freelancers  47 (45 public) in 20 countries" in text
    assert "Contracts    1 active with 3 milestones" in text
    for email in LOGINS:
        assert email in text
    assert settings.DEMO_PASSWORD in text
    assert "http://127.0.0.1:8000" in text
