"""Seeding for the journey tests: people, firms, gigs and contracts made through the real
services (what the UI would have done before the journey starts), and a signed-in browser.

Signing in is a real Django session (the server reads it from the shared database), so the
journeys skip the sign-up screens the story and the accounts tests already drive.
"""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.test import Client
from playwright.sync_api import BrowserContext

from marketplace.models import Contract, Firm, FreelancerProfile, Gig, Proposal, User
from tests.factories import UserFactory


def person(email: str, full_name: str, **fields: Any) -> User:
    """A user with a verified primary address (what the verification email leads to)."""
    user = UserFactory.create(email=email, full_name=full_name, **fields)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def sign_in(context: BrowserContext, base: str, user: User) -> None:
    """Give the browser context a session of `user`, as after logging in."""
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": base}])


def firm_of(owner: User, *, name: str, slug: str, description: str = "") -> Firm:
    from marketplace.firms.services import firm_create

    return firm_create(
        by=owner, name=name, slug=slug, country="DE", description=description, time_zone="UTC"
    )


def freelancer(
    user: User,
    *,
    slug: str,
    headline: str,
    skills: tuple[str, ...],
    languages: tuple[str, ...] = ("en",),
    country: str = "DE",
    hourly_rate_minor: int = 8000,
    **fields: Any,
) -> FreelancerProfile:
    """A published profile with the given skill slugs and spoken languages (and any other
    editable profile field, such as hours_per_week or available_from)."""
    from marketplace.profiles.services import profile_create, profile_publish

    profile = profile_create(
        user=user,
        slug=slug,
        headline=headline,
        country=country,
        bio="Web shops, integrations and maintenance for small firms.",
        hourly_rate_minor=hourly_rate_minor,
        rate_currency="EUR",
        skills=[{"skill": s, "level": 4, "years": 5} for s in skills],
        languages=[{"code": code, "proficiency": "fluent"} for code in languages],
        **fields,
    )
    return profile_publish(profile=profile, by=user)


def gig(
    firm: Firm,
    owner: User,
    *,
    title: str,
    skills: tuple[str, ...],
    engagement_type: str = "fixed",
    languages: tuple[str, ...] = (),
    publish: bool = True,
) -> Gig:
    from marketplace.gigs.services import gig_create, gig_publish

    created = gig_create(
        firm=firm,
        by=owner,
        title=title,
        description="We sell handmade ceramics online and need help with the shop.",
        engagement_type=engagement_type,
        budget_min_minor=200_000,
        budget_max_minor=500_000,
        currency="EUR",
        required_skills=list(skills),
        languages=list(languages),
        hours_per_week=20 if engagement_type == "hourly" else None,
    )
    return gig_publish(gig=created, by=owner) if publish else created


def proposal(gig_: Gig, profile: FreelancerProfile, *, price_minor: int = 300_000) -> Proposal:
    from marketplace.proposals.services import proposal_submit

    return proposal_submit(
        gig=gig_,
        by=profile.user,
        cover_letter="I built four shops like this one; Stripe included.",
        price_minor=price_minor,
        currency="EUR",
        estimated_duration_days=21,
    )


def contract(proposal_: Proposal, owner: User, *, milestones: list[tuple[str, int]]) -> Contract:
    """The owner accepts the proposal with these (title, amount in minor units) milestones."""
    from marketplace.proposals.services import proposal_accept

    return proposal_accept(
        proposal=proposal_,
        by=owner,
        milestones=[{"title": title, "amount_minor": amount} for title, amount in milestones],
    )


def ceramics_contract(
    *, milestones: list[tuple[str, int]] | None = None, price_minor: int = 300_000
) -> Contract:
    """The journeys' usual pair under contract: Olivia Owner of Acme Ceramics hired Lea
    Freelancer (a Django shop builder) for a ceramics studio's shop, one milestone by default."""
    owner = person("olivia@acme.test", "Olivia Owner")
    lea = person("lea@example.test", "Lea Freelancer")
    firm = firm_of(owner, name="Acme Ceramics", slug="acme-ceramics")
    profile = freelancer(lea, slug="lea-dev", headline="Django shops", skills=("django",))
    posted = gig(firm, owner, title="Shop for a ceramics studio", skills=("django",))
    return contract(
        proposal(posted, profile, price_minor=price_minor),
        owner,
        milestones=milestones or [("Shop", price_minor)],
    )
