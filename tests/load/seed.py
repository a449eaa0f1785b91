"""The people and objects of one load run, created in the database the server uses.

Every run gets names of its own (`run` in emails, slugs and titles), so one database serves
run after run and the checks afterwards count only this run's rows. Users sign in the way the
browser does: a database session and a CSRF cookie (the API enforces CSRF on session writes).
"""

from __future__ import annotations

import secrets
import string
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore

from chat.conversations import conversation_start_for_gig
from marketplace.models import User
from tests.factories import FirmMembershipFactory, UserFactory
from tests.factories_flow import open_gig, skill
from tests.factories_profiles import public_profile


@dataclass(frozen=True)
class Session:
    user_id: int
    cookie: str  # the Cookie header: session and CSRF cookie
    csrf: str  # the X-CSRFToken header


@dataclass(frozen=True)
class Freelancer:
    session: Session
    slug: str
    conversation_ids: list[int]


@dataclass(frozen=True)
class Owner:
    session: Session
    firm_slug: str
    conversation_ids: list[int]


@dataclass
class Cast:
    run: str
    freelancers: list[Freelancer]
    owners: list[Owner]
    gig_ids: list[int]  # open gigs freelancers propose on
    extra_readers: list[Session] = field(default_factory=list)  # e.g. demo users with contracts


def session_for(user: User) -> Session:
    """A signed-in browser's cookies for `user` (as `django.contrib.auth.login` leaves them)."""
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    # Django accepts the unmasked 32-character secret as cookie and header alike.
    csrf = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))
    cookie = (
        f"{settings.SESSION_COOKIE_NAME}={store.session_key}; {settings.CSRF_COOKIE_NAME}={csrf}"
    )
    return Session(user_id=user.pk, cookie=cookie, csrf=csrf)


def cast_create(*, freelancers: int, owners: int, gigs_per_owner: int) -> Cast:
    """Firm owners with open gigs, published freelancers, and an inquiry conversation between
    every freelancer and each firm of a few (so chat sends have somewhere to go)."""
    run = secrets.token_hex(4)
    owner_rows = []
    gig_ids: list[int] = []
    for n in range(owners):
        user = UserFactory.create(email=f"load-{run}-owner{n}@example.test")
        membership = FirmMembershipFactory.create(
            user=user,
            role="owner",
            firm__name=f"Load {run} studio {n}",
            firm__slug=f"load-{run}-studio-{n}",
        )
        gigs = [
            open_gig(firm=membership.firm, created_by=user, title=f"Load {run} gig {n}-{g}").pk
            for g in range(gigs_per_owner)
        ]
        gig_ids += gigs
        owner_rows.append((user, membership.firm.slug, gigs))
    freelancer_rows = []
    conversations_of_owner: dict[int, list[int]] = {user.pk: [] for user, _, _ in owner_rows}
    for n in range(freelancers):
        user = UserFactory.create(email=f"load-{run}-freelancer{n}@example.test")
        profile = public_profile(
            skills=(skill("python"),), user=user, slug=f"load-{run}-freelancer-{n}"
        )
        conversations = []
        for k in range(min(3, owners)):  # three firms each, spread over all owners
            owner, _, gigs = owner_rows[(n + k) % owners]
            conversation, _ = conversation_start_for_gig(gig_id=gigs[0], by=user)
            conversations.append(conversation.pk)
            conversations_of_owner[owner.pk].append(conversation.pk)
        freelancer_rows.append(Freelancer(session_for(user), profile.slug, conversations))
    owners_out = [
        Owner(session_for(user), slug, conversations_of_owner[user.pk])
        for user, slug, _ in owner_rows
    ]
    return Cast(run=run, freelancers=freelancer_rows, owners=owners_out, gig_ids=gig_ids)


def demo_readers(limit: int = 4) -> list[Session]:
    """Sessions of demo firm members whose firms have contracts (the contract list has rows)."""
    from django.db.models import Count

    from marketplace.firms.models import FirmMembership

    members = (
        FirmMembership.objects.annotate(n=Count("firm__gigs__proposals__contract"))
        .filter(n__gt=0)
        .select_related("user")
        .order_by("-n", "id")[:limit]
    )
    return [session_for(m.user) for m in members]
