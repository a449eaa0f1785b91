"""Each user's contract list pages, kept in the cache until something they show changes.

The list is what both sides of a contract poll (the SPA's contracts page, the dashboard); most
of its cost was building and compiling its two queries (docs/benchmarks.md, "Profiling and
fixes", round 4), for a page that changes only when one of the user's contracts does. A page
is kept per user, URL, language and time zone (`common.versioned_cache.cached_response`),
under a version of that user's own, which every write that can change one of their pages bumps
(when written and again after commit) for every party of the contracts concerned — the
freelancer and each member of the hiring firm:

- a contract or a milestone saved or deleted (signals; the milestones a contract is created
  with are a bulk write in the contract's own transaction, covered by its bump after commit;
  the escrow state mirrored onto a milestone is an UPDATE, announced by `contracts.services`);
- a gig, a firm or a freelancer profile saved (their titles, names and headlines are shown):
  the parties of every contract on it;
- a firm membership begun or ended: that user (the list holds the firm's contracts).

So a read never shows a page older than the last acknowledged write; a write no one announces
(a row changed by hand in SQL) is at most CONTRACT_LIST_TTL old.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from rest_framework.request import Request
from rest_framework.response import Response

from common.versioned_cache import cache_version_bump, cached_response

CONTRACT_LIST_TTL = 300  # seconds


def _version_key(user_id: int) -> str:
    return f"contract-list:{user_id}:version"


def contract_list_cached(request: Request, build: Callable[[], Response]) -> Response:
    """`build()`'s response for the signed-in user, from their cached pages when current."""
    user_id = int(request.user.pk or 0)  # the view requires a signed-in user
    return cached_response(
        request,
        version_key=_version_key(user_id),
        scope=f"contract-list:{user_id}",
        ttl=CONTRACT_LIST_TTL,
        build=build,
    )


def contract_lists_changed(*, user_ids: Iterable[int]) -> None:
    """These users' contract lists changed: bump their versions now and after commit."""
    for user_id in set(user_ids):
        cache_version_bump(version_key=_version_key(user_id))


def contract_parties_changed(*, contracts: Q) -> None:
    """Bump the lists of every party (freelancer, hiring firm's members) of these contracts."""
    from marketplace.contracts.models import Contract
    from marketplace.firms.models import FirmMembership

    rows = list(Contract.objects.filter(contracts).values_list("freelancer__user_id", "firm_id"))
    if not rows:
        return
    members = FirmMembership.objects.filter(firm_id__in={firm for _, firm in rows})
    contract_lists_changed(
        user_ids=[*(user for user, _ in rows), *members.values_list("user_id", flat=True)]
    )


def _contract_written(sender: Any, instance: Any, **_: Any) -> None:
    from marketplace.firms.models import FirmMembership
    from marketplace.profiles.models import FreelancerProfile

    # From the instance's own keys: after a delete the row cannot be found any more.
    freelancers = FreelancerProfile.objects.filter(pk=instance.freelancer_id)
    members = FirmMembership.objects.filter(firm_id=instance.firm_id)
    contract_lists_changed(
        user_ids=[
            *freelancers.values_list("user_id", flat=True),
            *members.values_list("user_id", flat=True),
        ]
    )


def _milestone_written(sender: Any, instance: Any, **_: Any) -> None:
    contract_parties_changed(contracts=Q(pk=instance.contract_id))


def _gig_saved(sender: Any, instance: Any, **_: Any) -> None:
    contract_parties_changed(contracts=Q(gig_id=instance.pk))


def _firm_saved(sender: Any, instance: Any, **_: Any) -> None:
    contract_parties_changed(contracts=Q(firm_id=instance.pk) | Q(gig__firm_id=instance.pk))


def _profile_saved(sender: Any, instance: Any, **_: Any) -> None:
    contract_parties_changed(contracts=Q(freelancer_id=instance.pk))


def _membership_written(sender: Any, instance: Any, **_: Any) -> None:
    contract_lists_changed(user_ids=[instance.user_id])


def contract_lists_watch() -> None:
    from marketplace.contracts.models import Contract, Milestone
    from marketplace.firms.models import Firm, FirmMembership
    from marketplace.gigs.models import Gig
    from marketplace.profiles.models import FreelancerProfile

    watched: list[tuple[type[Any], Callable[..., None], bool]] = [
        (Contract, _contract_written, True),
        (Milestone, _milestone_written, True),
        (FirmMembership, _membership_written, True),
        # Deleting these is refused while a contract points at them (PROTECT).
        (Gig, _gig_saved, False),
        (Firm, _firm_saved, False),
        (FreelancerProfile, _profile_saved, False),
    ]
    for model, handler, on_delete in watched:
        uid = f"contract_lists.{model.__name__}"
        post_save.connect(handler, sender=model, dispatch_uid=f"{uid}.saved")
        if on_delete:
            post_delete.connect(handler, sender=model, dispatch_uid=f"{uid}.deleted")
