"""Seeding the demo marketplace from the records in `marketplace.demo.data`.

Every object is keyed on a natural key (email, profile or firm slug, gig title within its firm,
gig + freelancer for invitations and proposals, the proposal for the contract) and created only
when that key is missing; an existing object is never touched, so a second run changes nothing.
Lifecycle moves go through the marketplace's services (publish, invite, submit, shortlist,
accept, close …) so the demo obeys the same rules as real use. The services stamp the current
time; the seed then backdates those stamps so the demo reads like a few weeks of activity.
"""

from __future__ import annotations

import datetime as dt
import zlib
from collections import Counter
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from marketplace.accounts.models import User
from marketplace.contracts.list_cache import contract_parties_changed
from marketplace.contracts.models import Contract, Milestone
from marketplace.demo.data import (
    CONTRACT,
    ENDORSEMENTS,
    FIRMS,
    GIGS,
    INVITATIONS,
    PEOPLE,
    PROPOSALS,
)
from marketplace.demo.logins import DEMO_ADMIN
from marketplace.demo.specs import (
    ContractSpec,
    FirmSpec,
    GigSpec,
    InvitationSpec,
    MemberSpec,
    PersonSpec,
    ProposalSpec,
)
from marketplace.endorsements.models import Endorsement
from marketplace.endorsements.services import endorsement_create
from marketplace.firms.models import Firm, FirmMembership
from marketplace.firms.services import firm_create, firm_member_add
from marketplace.gigs.models import Gig, GigStatus
from marketplace.gigs.services import gig_cancel, gig_close, gig_create, gig_publish
from marketplace.profiles.models import FreelancerProfile, ProfileVisibility
from marketplace.profiles.services import profile_create, profile_publish
from marketplace.proposals.models import (
    Invitation,
    InvitationStatus,
    Proposal,
    ProposalStatus,
)
from marketplace.proposals.services import (
    invitation_decline,
    invitation_send,
    proposal_accept,
    proposal_decline,
    proposal_shortlist,
    proposal_submit,
    proposal_withdraw,
)
from marketplace.skills.models import Skill
from marketplace.skills.services import skill_taxonomy_load

# A gig goes public a few hours after it was written; a firm answers a proposal, and a
# freelancer an invitation, about a day after receiving it.
PUBLISH_DELAY = dt.timedelta(hours=3)
ANSWER_DELAY = dt.timedelta(hours=20)
# Each event moves 0–8 hours further back (fixed per object, from its key) so lists don't show
# every timestamp at the same minute. 8 + PUBLISH_DELAY stays well under a day, so one day
# less in `days_ago` still puts an invitation after its gig's publication and a proposal after
# the invitation that prompted it.
SPREAD_HOURS = 9
# Accounts, profiles and firms joined between one month and two years before the seed (fixed
# per object), so "member since" varies and lists sorted by age are not in file order.
JOINED_DAYS = (30, 730)


@dataclass
class SeedReport:
    """How many objects of each kind this run created (all zero on a repeated run)."""

    created: Counter[str] = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return sum(self.created.values())


@transaction.atomic
def demo_seed() -> SeedReport:
    """Create whatever part of the demo marketplace is missing; all or nothing.

    Loads the skill taxonomy first when there are no skills. Every demo user gets
    `settings.DEMO_PASSWORD` and a verified primary email address, so they can sign in
    while email verification is mandatory.
    """
    seeder = _Seeder()
    seeder.run()
    return seeder.report


class _Seeder:
    def __init__(self) -> None:
        self.now = timezone.now()
        self.today = timezone.localdate(self.now)
        self.report = SeedReport()
        self.users: dict[str, User] = {}
        self.profiles: dict[str, FreelancerProfile] = {}
        self.firms: dict[str, Firm] = {}
        self.gigs: dict[str, Gig] = {}
        # Gigs created in this run: only these receive their final lifecycle move.
        self.fresh_gigs: set[str] = set()
        self._password_hash: str | None = None

    def run(self) -> None:
        if not Skill.objects.exists():
            self.report.created["skills"] += skill_taxonomy_load().skills
        self._user(DEMO_ADMIN, staff=True)
        for person in PEOPLE:
            self._profile(person)
        for firm in FIRMS:
            self._firm(firm)
        for gig in GIGS:
            self._gig(gig)
        for invitation in INVITATIONS:
            self._invitation(invitation)
        for proposal in PROPOSALS:
            self._proposal(proposal)
        self._contract(CONTRACT)
        for gig in GIGS:
            self._finish_gig(gig)
        for endorser, endorsee, skill in ENDORSEMENTS:
            self._endorsement(endorser, endorsee, skill)

    # --- people and firms ----------------------------------------------------------------------

    def _password(self) -> str:
        # One hash for every demo user: hashing costs ~0.5 s each at Django's iteration count.
        if self._password_hash is None:
            self._password_hash = make_password(settings.DEMO_PASSWORD)
        return self._password_hash

    def _user(self, spec: MemberSpec | PersonSpec, *, staff: bool = False) -> User:
        user = User.objects.filter(email__iexact=spec.email).first()
        if user is None:
            user = User.objects.create(
                email=spec.email.lower(),
                full_name=spec.full_name,
                language=spec.ui_language,
                time_zone=spec.time_zone,
                password=self._password(),
                is_staff=staff,
                is_superuser=staff,
            )
            self.report.created["users"] += 1
        _address, created = EmailAddress.objects.get_or_create(
            user=user,
            email__iexact=user.email,
            defaults={"email": user.email, "verified": True, "primary": True},
        )
        if created:
            self.report.created["email addresses"] += 1
        self.users[spec.email] = user
        return user

    def _profile(self, spec: PersonSpec) -> None:
        user = self._user(spec)
        profile = FreelancerProfile.objects.filter(user=user).first()
        if profile is None:
            available = spec.available_in_days
            profile = profile_create(
                user=user,
                slug=spec.slug,
                headline=spec.headline,
                country=spec.country,
                skills=[{"skill": s, "level": lvl, "years": y} for s, lvl, y in spec.skills],
                languages=[{"code": c, "proficiency": p} for c, p in spec.languages],
                bio=spec.bio,
                time_zone=spec.time_zone,
                working_hours_start=spec.working_hours[0],
                working_hours_end=spec.working_hours[1],
                hourly_rate_minor=spec.hourly_rate_minor,
                daily_rate_minor=spec.daily_rate_minor,
                rate_currency=spec.currency,
                hours_per_week=spec.hours_per_week,
                available_from=None if available is None else self._day(available),
                links=[{"label": label, "url": url} for label, url in spec.links],
            )
            if spec.visibility == ProfileVisibility.PUBLIC:
                profile = profile_publish(profile=profile, by=user)
            joined = self._joined(spec.slug)
            FreelancerProfile.objects.filter(pk=profile.pk).update(created_at=joined)
            User.objects.filter(pk=user.pk, date_joined__gt=joined).update(date_joined=joined)
            self.report.created["profiles"] += 1
        self.profiles[spec.slug] = profile

    def _firm(self, spec: FirmSpec) -> None:
        members = [self._user(member) for member in spec.members]
        firm = Firm.objects.filter(slug=spec.slug).first()
        if firm is None:
            owner = members[0]
            firm = firm_create(
                by=owner,
                name=spec.name,
                country=spec.country,
                slug=spec.slug,
                description=spec.description,
                time_zone=spec.time_zone,
                working_hours_start=spec.working_hours[0],
                working_hours_end=spec.working_hours[1],
                size=spec.size,
                website=spec.website,
            )
            for member_spec, user in zip(spec.members[1:], members[1:], strict=True):
                firm_member_add(firm=firm, by=owner, email=user.email, role=member_spec.role)
            joined = self._joined(spec.slug)
            Firm.objects.filter(pk=firm.pk).update(created_at=joined)
            FirmMembership.objects.filter(firm=firm).update(created_at=joined)
            User.objects.filter(pk__in=[u.pk for u in members], date_joined__gt=joined).update(
                date_joined=joined
            )
            self.report.created["firms"] += 1
        self.firms[spec.slug] = firm

    # --- gigs and what happens on them --------------------------------------------------------

    def _gig(self, spec: GigSpec) -> None:
        firm = self.firms[spec.firm]
        gig = Gig.objects.filter(firm=firm, title=spec.title).first()
        if gig is None:
            by = self.users[spec.created_by]
            gig = gig_create(
                firm=firm,
                by=by,
                title=spec.title,
                description=spec.description,
                engagement_type=spec.engagement_type,
                budget_min_minor=spec.budget_min_minor,
                budget_max_minor=spec.budget_max_minor,
                currency=spec.currency,
                required_skills=spec.required_skills,
                nice_skills=spec.nice_skills,
                languages=spec.languages,
                hours_per_week=spec.hours_per_week,
                duration_weeks=spec.duration_weeks,
                start_date=None if spec.start_in_days is None else self._day(spec.start_in_days),
                timezone_overlap_hours=spec.timezone_overlap_hours,
                location_type=spec.location_type,
                location_country=spec.location_country,
                location_city=spec.location_city,
            )
            written = self._ago(spec.days_ago, key=spec.ref)
            Gig.objects.filter(pk=gig.pk).update(created_at=written)
            if spec.status != GigStatus.DRAFT:
                gig = gig_publish(gig=gig, by=by)
                Gig.objects.filter(pk=gig.pk).update(published_at=written + PUBLISH_DELAY)
            gig.refresh_from_db()
            self.fresh_gigs.add(spec.ref)
            self.report.created["gigs"] += 1
        self.gigs[spec.ref] = gig

    def _takes_proposals(self, gig: Gig) -> bool:
        # Only an open gig takes invitations and proposals; one that moved on keeps its history.
        return Gig.objects.filter(pk=gig.pk, status=GigStatus.OPEN).exists()

    def _invitation(self, spec: InvitationSpec) -> None:
        gig, profile = self.gigs[spec.gig], self.profiles[spec.freelancer]
        if Invitation.objects.filter(gig=gig, freelancer=profile).exists():
            return
        if not self._takes_proposals(gig):
            return
        invitation = invitation_send(
            gig=gig,
            by=self.users[spec.invited_by],
            freelancer_profile=profile,
            message=spec.message,
        )
        sent = self._ago(spec.days_ago, key=f"invite:{spec.gig}:{spec.freelancer}")
        Invitation.objects.filter(pk=invitation.pk).update(created_at=sent)
        if spec.status == InvitationStatus.DECLINED:
            invitation_decline(invitation=invitation, by=profile.user)
            Invitation.objects.filter(pk=invitation.pk).update(responded_at=self._answered(sent))
        # A "proposed" invitation is answered by the proposal itself (see `_proposal`).
        self.report.created["invitations"] += 1

    def _proposal(self, spec: ProposalSpec) -> None:
        gig, profile = self.gigs[spec.gig], self.profiles[spec.freelancer]
        if Proposal.objects.filter(gig=gig, freelancer=profile).exists():
            return
        if not self._takes_proposals(gig):
            return
        proposal = proposal_submit(
            gig=gig,
            by=profile.user,
            cover_letter=spec.cover_letter,
            price_minor=spec.price_minor,
            currency=gig.currency,
            estimated_duration_days=spec.estimated_duration_days,
        )
        submitted = self._ago(spec.days_ago, key=f"propose:{spec.gig}:{spec.freelancer}")
        Proposal.objects.filter(pk=proposal.pk).update(created_at=submitted)
        Invitation.objects.filter(
            gig=gig, freelancer=profile, status=InvitationStatus.PROPOSED
        ).update(responded_at=submitted)
        firm_member = gig.created_by
        if spec.status == ProposalStatus.SHORTLISTED:
            proposal_shortlist(proposal=proposal, by=firm_member)
        elif spec.status == ProposalStatus.DECLINED:
            proposal_decline(proposal=proposal, by=firm_member)
        elif spec.status == ProposalStatus.WITHDRAWN:
            proposal_withdraw(proposal=proposal, by=profile.user)
        if spec.status in (ProposalStatus.DECLINED, ProposalStatus.WITHDRAWN):
            Proposal.objects.filter(pk=proposal.pk).update(decided_at=self._answered(submitted))
        self.report.created["proposals"] += 1

    def _contract(self, spec: ContractSpec) -> None:
        gig, profile = self.gigs[spec.gig], self.profiles[spec.freelancer]
        proposal = (
            Proposal.objects.filter(
                gig=gig,
                freelancer=profile,
                status__in=(ProposalStatus.SUBMITTED, ProposalStatus.SHORTLISTED),
            )
            .order_by("-created_at")
            .first()
        )
        if proposal is None or not self._takes_proposals(gig):
            return  # accepted already (or the gig moved on): nothing to do
        contract = proposal_accept(
            proposal=proposal,
            by=self.users[spec.accepted_by],
            milestones=[
                {
                    "title": m.title,
                    "amount_minor": m.amount_minor,
                    "due_date": self._day(m.due_in_days),
                    "description": m.description,
                }
                for m in spec.milestones
            ],
        )
        accepted = self._ago(spec.days_ago, key=f"accept:{spec.gig}")
        Proposal.objects.filter(pk=proposal.pk).update(decided_at=accepted)
        Contract.objects.filter(pk=contract.pk).update(
            created_at=accepted, terms={**contract.terms, "accepted_at": accepted.isoformat()}
        )
        Milestone.objects.filter(contract=contract).update(created_at=accepted)
        contract_parties_changed(contracts=Q(pk=contract.pk))  # update() sends no signal
        self.report.created["contracts"] += 1
        self.report.created["milestones"] += len(spec.milestones)

    def _endorsement(self, endorser: str, endorsee: str, skill_slug: str) -> None:
        giver, receiver = self.profiles[endorser], self.profiles[endorsee]
        skill = Skill.objects.get(slug=skill_slug)
        if Endorsement.objects.filter(endorser=giver, endorsee=receiver, skill=skill).exists():
            return
        endorsement_create(by=giver.user, endorsee=receiver, skill=skill)
        self.report.created["endorsements"] += 1

    def _finish_gig(self, spec: GigSpec) -> None:
        """Close or cancel a gig created in this run, once its proposals are in."""
        if spec.ref not in self.fresh_gigs:
            return
        gig = self.gigs[spec.ref]
        if spec.status == GigStatus.CLOSED:
            gig_close(gig=gig, by=gig.created_by)
        elif spec.status == GigStatus.CANCELLED:
            gig_cancel(gig=gig, by=gig.created_by)

    # --- time ----------------------------------------------------------------------------------

    def _ago(self, days: int, *, key: str) -> dt.datetime:
        hours = zlib.crc32(key.encode()) % SPREAD_HOURS
        return self.now - dt.timedelta(days=days, hours=hours)

    def _joined(self, key: str) -> dt.datetime:
        low, high = JOINED_DAYS
        return self.now - dt.timedelta(days=low + zlib.crc32(key.encode()) % (high - low))

    def _answered(self, received: dt.datetime) -> dt.datetime:
        return min(received + ANSWER_DELAY, self.now)

    def _day(self, offset_days: int) -> dt.date:
        return self.today + dt.timedelta(days=offset_days)
