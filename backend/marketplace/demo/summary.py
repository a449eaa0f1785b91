"""What the database holds, counted for `manage.py seed_demo` to print."""

from __future__ import annotations

from django.db.models import Count

from marketplace.contracts.models import Contract, ContractStatus, Milestone
from marketplace.endorsements.models import Endorsement
from marketplace.firms.models import Firm
from marketplace.gigs.models import Gig, GigStatus
from marketplace.profiles.models import FreelancerProfile, ProfileVisibility
from marketplace.proposals.models import Invitation, Proposal


def demo_summary() -> list[tuple[str, str]]:
    """Counts of what the database holds now, as (label, text) lines for the command."""
    profiles = FreelancerProfile.objects.all()
    public = profiles.filter(visibility=ProfileVisibility.PUBLIC)
    gigs = dict(Gig.objects.values_list("status").annotate(n=Count("id")).order_by())
    open_currencies = sorted(
        set(Gig.objects.filter(status=GigStatus.OPEN).values_list("currency", flat=True))
    )
    proposals = dict(Proposal.objects.values_list("status").annotate(n=Count("id")).order_by())
    invitations = dict(Invitation.objects.values_list("status").annotate(n=Count("id")).order_by())
    active = Contract.objects.filter(status=ContractStatus.ACTIVE)
    return [
        (
            "Freelancers",
            f"{profiles.count()} ({public.count()} public) in "
            f"{profiles.values('country').distinct().count()} countries and "
            f"{profiles.values('time_zone').distinct().count()} time zones",
        ),
        ("Firms", str(Firm.objects.count())),
        (
            "Gigs",
            f"{gigs.get(GigStatus.OPEN, 0)} open in {len(open_currencies)} currencies "
            f"({', '.join(open_currencies)}); {_by_status(gigs, exclude=GigStatus.OPEN)}",
        ),
        ("Proposals", f"{sum(proposals.values())} ({_by_status(proposals)})"),
        ("Invitations", f"{sum(invitations.values())} ({_by_status(invitations)})"),
        (
            "Contracts",
            f"{active.count()} active with "
            f"{Milestone.objects.filter(contract__in=active).count()} milestones",
        ),
        (
            "Endorsements",
            str(Endorsement.objects.filter(withdrawn_at__isnull=True).count()),
        ),
    ]


def _by_status(counts: dict[str, int], *, exclude: str = "") -> str:
    return ", ".join(f"{n} {status}" for status, n in sorted(counts.items()) if status != exclude)
