"""Endorsement rules: a freelancer vouches for a skill another freelancer lists.

Every refusal has its own code and writes nothing (docs/trust.md explains each rule):

    endorser_not_public      the endorser has no public freelancer profile (403)
    self_endorsement         endorsing oneself (400)
    account_too_new          the endorser's account is younger than the minimum age (403)
    skill_not_listed         the endorsee does not list the skill (400)
    contract_not_shared      the named contract is not one the two shared (400)
    endorsement_exists       an active endorsement for this skill exists already (409)
    endorsement_mutual_cap   B endorses A, and A reached the cap of endorsements back (409)
    endorsement_ring         the endorsement would close a cycle of 3 or 4 freelancers (409)

An endorsement tied to a shared contract is exempt from the last two: shared work is what
those rules cannot otherwise tell apart from collusion.
Lock order: both profiles' rows by ascending id, so A→B and B→A cannot both pass the caps.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.errors import Conflict, Forbidden, NotFound, ValidationFailed
from marketplace.accounts.models import User
from marketplace.contracts.models import Contract
from marketplace.endorsements.models import Endorsement
from marketplace.endorsements.selectors import contracts_shared_with, profile_endorsed_ids
from marketplace.events import emit_on_commit, profile_changed
from marketplace.profiles.models import FreelancerProfile, ProfileSkill, ProfileVisibility
from marketplace.skills.models import Skill


def endorsement_create(
    *, by: User, endorsee: FreelancerProfile, skill: Skill, contract_id: int | None = None
) -> Endorsement:
    """`by` (a freelancer) endorses `endorsee` for `skill`, optionally for one contract."""
    endorser = FreelancerProfile.objects.filter(user=by).first()
    if endorser is None or endorser.visibility != ProfileVisibility.PUBLIC or not by.is_active:
        raise Forbidden(
            "endorser_not_public", _("Only freelancers with a public profile may endorse.")
        )
    if endorser.pk == endorsee.pk:
        raise ValidationFailed("self_endorsement", _("You cannot endorse yourself."))
    min_age = dt.timedelta(days=settings.TRUST_ENDORSER_MIN_ACCOUNT_AGE_DAYS)
    if timezone.now() - by.date_joined < min_age:
        raise Forbidden(
            "account_too_new",
            _("Accounts may endorse once they are %(days)d days old.")
            % {"days": settings.TRUST_ENDORSER_MIN_ACCOUNT_AGE_DAYS},
        )
    if not ProfileSkill.objects.filter(profile=endorsee, skill=skill).exists():
        raise ValidationFailed(
            "skill_not_listed",
            _("%(name)s does not list this skill.") % {"name": endorsee.user.full_name},
            skill=[skill.slug],
        )
    contract = None
    if contract_id is not None:
        contract = _shared_contract(endorser=endorser, endorsee=endorsee, contract_id=contract_id)
    with transaction.atomic():
        list(
            FreelancerProfile.objects.select_for_update()
            .filter(pk__in=[endorser.pk, endorsee.pk])
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        active = Endorsement.objects.filter(withdrawn_at__isnull=True)
        if active.filter(endorser=endorser, endorsee=endorsee, skill=skill).exists():
            raise _exists()
        if contract is None:
            _check_mutual_cap(endorser_id=endorser.pk, endorsee_id=endorsee.pk)
            _check_ring(endorser_id=endorser.pk, endorsee_id=endorsee.pk)
        try:
            with transaction.atomic():
                endorsement = Endorsement.objects.create(
                    endorser=endorser, endorsee=endorsee, skill=skill, contract=contract
                )
        except IntegrityError as error:
            raise _exists() from error
        profile_reputation_announce(profile_ids=[endorsee.pk])
    return endorsement


def endorsement_withdraw(*, endorsement: Endorsement, by: User) -> Endorsement:
    """The endorser takes the endorsement back (kept as history, no longer counted)."""
    if endorsement.endorser.user_id != by.pk:
        raise Forbidden("permission_denied", _("Only the endorser may withdraw it."))
    with transaction.atomic():
        locked = Endorsement.objects.select_for_update().filter(pk=endorsement.pk).first()
        if locked is None:
            raise NotFound()
        if locked.withdrawn_at is not None:
            raise Conflict("invalid_state", _("This endorsement was withdrawn already."))
        locked.withdrawn_at = timezone.now()
        locked.save(update_fields=["withdrawn_at", "updated_at"])
        profile_reputation_announce(profile_ids=[locked.endorsee_id])
    return locked


def profile_reputation_announce(*, profile_ids: Iterable[int]) -> None:
    """Emit `profile_changed` (after commit) for profiles whose reputation changed, and for the
    profiles they endorse: an endorser's standing sets the weight of what they gave.

    One level is enough: standing counts endorsers, not their weights (endorsements.selectors).
    """
    changed = set(profile_ids)
    affected = changed | profile_endorsed_ids(profile_ids=changed)
    users = dict(FreelancerProfile.objects.filter(pk__in=affected).values_list("pk", "user_id"))
    for profile_id in sorted(users):
        emit_on_commit(profile_changed, profile_id=profile_id, user_id=users[profile_id])


# --- rules -------------------------------------------------------------------------------------


def _shared_contract(
    *, endorser: FreelancerProfile, endorsee: FreelancerProfile, contract_id: int
) -> Contract:
    """The endorsee's contract `contract_id` if the endorser shared it (`contracts_shared_with`)."""
    shared = contracts_shared_with(endorser=endorser, endorsee=endorsee)
    contract = shared.filter(pk=contract_id).first()
    if contract is not None:
        return contract
    raise ValidationFailed(
        "contract_not_shared",
        _("That is not a contract you shared with this freelancer."),
        contract_id=[str(_("Not a shared contract."))],
    )


def _check_mutual_cap(*, endorser_id: int, endorsee_id: int) -> None:
    active = Endorsement.objects.filter(withdrawn_at__isnull=True)
    if not active.filter(endorser_id=endorsee_id, endorsee_id=endorser_id).exists():
        return
    given = active.filter(
        endorser_id=endorser_id, endorsee_id=endorsee_id, contract__isnull=True
    ).count()
    if given >= settings.TRUST_MUTUAL_ENDORSEMENT_CAP:
        raise Conflict(
            "endorsement_mutual_cap",
            _(
                "You two endorse each other already; without a shared contract you may endorse "
                "them back for at most %(cap)d skills."
            )
            % {"cap": settings.TRUST_MUTUAL_ENDORSEMENT_CAP},
        )


def _check_ring(*, endorser_id: int, endorsee_id: int) -> None:
    """Refuse A→B when B already reaches A through 2 or 3 endorsements (B→X→A, B→X→Y→A),
    i.e. when A→B would close a cycle of 3 or 4 freelancers. X ≠ A and Y ≠ B: paths through
    the pair itself are the mutual case, capped above."""
    active = Endorsement.objects.filter(withdrawn_at__isnull=True)
    from_b = active.filter(endorser_id=endorsee_id).exclude(endorsee_id=endorser_id)
    to_a = active.filter(endorsee_id=endorser_id).exclude(endorser_id=endorsee_id)
    b_reaches = from_b.values("endorsee_id")
    reaches_a = to_a.values("endorser_id")
    closes_three = to_a.filter(endorser_id__in=b_reaches).exists()
    closes_four = (
        not closes_three
        and active.filter(endorser_id__in=b_reaches, endorsee_id__in=reaches_a).exists()
    )
    if closes_three or closes_four:
        raise Conflict(
            "endorsement_ring",
            _(
                "This endorsement would close a ring of freelancers endorsing each other; "
                "tie it to a contract you shared to vouch for this work."
            ),
        )


def _exists() -> Conflict:
    return Conflict("endorsement_exists", _("You endorse this skill already."))
