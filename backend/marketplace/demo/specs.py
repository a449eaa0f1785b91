"""The shapes of the demo data: plain frozen records, no database access.

The data modules (`people_*.py`, `firms.py`, `gigs_*.py`, `invitations.py`, `proposals.py`)
fill these in; `seed.py` turns them into rows. Amounts are integer minor units of the stated
currency (so 9500 EUR is 95.00 EUR and 9500 JPY is 9,500 yen). Dates are offsets in days from
the day the demo is first seeded, so a fresh demo always looks current; a second run creates
nothing and therefore never moves them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# (skill slug from skills.json, level 1–4, years of experience)
SkillEntry = tuple[str, int, int]
# (ISO 639-1 code, proficiency: basic / conversational / fluent / native)
LanguageEntry = tuple[str, str]
# (label, url)
LinkEntry = tuple[str, str]


@dataclass(frozen=True)
class PersonSpec:
    """A freelancer: the user account and the public profile behind it."""

    email: str
    full_name: str
    ui_language: str  # en / de / fr: the language the interface and emails use
    slug: str
    headline: str
    bio: str
    country: str
    time_zone: str
    currency: str
    skills: tuple[SkillEntry, ...]
    languages: tuple[LanguageEntry, ...]
    hourly_rate_minor: int | None = None
    daily_rate_minor: int | None = None
    working_hours: tuple[str, str] = ("09:00", "17:00")
    hours_per_week: int = 20
    available_in_days: int | None = 0
    links: tuple[LinkEntry, ...] = ()
    visibility: str = "public"


@dataclass(frozen=True)
class MemberSpec:
    """A firm member who is not (necessarily) a freelancer."""

    email: str
    full_name: str
    ui_language: str
    time_zone: str
    role: str = "owner"


@dataclass(frozen=True)
class FirmSpec:
    slug: str
    name: str
    description: str
    country: str
    time_zone: str
    size: str
    members: tuple[MemberSpec, ...]
    working_hours: tuple[str, str] = ("09:00", "17:00")
    website: str = ""


@dataclass(frozen=True)
class GigSpec:
    """A gig keyed in the database on (firm, title); `ref` names it inside the demo data."""

    ref: str
    firm: str  # firm slug
    created_by: str  # member email
    title: str
    description: str
    engagement_type: str  # fixed / hourly / retainer
    budget_min_minor: int
    budget_max_minor: int
    currency: str
    required_skills: tuple[str, ...]
    nice_skills: tuple[str, ...] = ()
    languages: tuple[str, ...] = ("en",)
    hours_per_week: int | None = None
    duration_weeks: int | None = None
    start_in_days: int | None = None
    timezone_overlap_hours: int = 0
    location_type: str = "remote"
    location_country: str = ""
    location_city: str = ""
    status: str = "open"  # the state the seed leaves it in
    days_ago: int = 3  # when it was written; published a day later unless it is a draft


@dataclass(frozen=True)
class InvitationSpec:
    gig: str  # GigSpec.ref
    freelancer: str  # profile slug
    invited_by: str  # member email
    message: str
    status: str = "pending"  # pending / proposed / declined
    days_ago: int = 2


@dataclass(frozen=True)
class ProposalSpec:
    gig: str  # GigSpec.ref
    freelancer: str  # profile slug
    cover_letter: str
    price_minor: int
    estimated_duration_days: int
    status: str = "submitted"  # submitted / shortlisted / declined / withdrawn / accepted
    days_ago: int = 1


@dataclass(frozen=True)
class MilestoneSpec:
    title: str
    amount_minor: int
    due_in_days: int
    description: str = ""


@dataclass(frozen=True)
class ContractSpec:
    """The accepted proposal (gig ref + freelancer slug) and its milestones."""

    gig: str
    freelancer: str
    accepted_by: str
    milestones: tuple[MilestoneSpec, ...] = field(default_factory=tuple)
    days_ago: int = 6
