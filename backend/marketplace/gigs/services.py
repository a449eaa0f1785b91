"""Gig rules: who may post and edit a gig, what a valid gig is, and its lifecycle.

    draft ──publish──▶ open ──start (a proposal is accepted)──▶ in_progress ──complete──▶ completed
                       │  ▲                                         │
                  close│  │reopen                 contract cancelled│
                       ▼  │                                         ▼
                      closed ◀──────────────────────────────────────┘
    draft / open / closed ──cancel──▶ cancelled

Only members of the gig's firm (any role) act on it. Every transition locks the gig's row,
so two requests cannot both move it; an invalid one is refused with `invalid_state`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.errors import Conflict, Forbidden, NotFound
from common.fields import reject_unknown_fields
from marketplace.accounts.models import User
from marketplace.events import emit_on_commit, gig_changed
from marketplace.firms.models import Firm
from marketplace.firms.selectors import firm_is_member
from marketplace.gigs.models import Gig, GigStatus, LocationType, ModerationState
from marketplace.gigs.validation import (
    clean_languages,
    replace_languages,
    replace_skills,
    resolve_skills,
    validate_gig,
)
from marketplace.skills.models import Skill

# Fields `gig_update` may change; `firm`, `status` and moderation fields have their own paths.
EDITABLE_FIELDS = frozenset(
    {
        "title",
        "description",
        "engagement_type",
        "budget_min_minor",
        "budget_max_minor",
        "currency",
        "required_skills",
        "nice_skills",
        "languages",
        "hours_per_week",
        "duration_weeks",
        "start_date",
        "timezone_overlap_hours",
        "location_type",
        "location_country",
        "location_city",
    }
)
_RELATION_FIELDS = frozenset({"required_skills", "nice_skills", "languages"})


def gig_create(
    *,
    firm: Firm,
    by: User,
    title: str,
    description: str,
    engagement_type: str,
    budget_min_minor: int,
    budget_max_minor: int,
    currency: str,
    required_skills: Sequence[str | int],
    nice_skills: Sequence[str | int] = (),
    languages: Sequence[str] = (),
    hours_per_week: int | None = None,
    duration_weeks: int | None = None,
    start_date: dt.date | None = None,
    timezone_overlap_hours: int = 0,
    location_type: str = LocationType.REMOTE,
    location_country: str = "",
    location_city: str = "",
) -> Gig:
    """Create a draft gig for `firm`; `by` must be a member of the firm (any role).

    Skills are resolved against the taxonomy (ids, slugs, labels or aliases); a skill cannot
    be both required and nice to have. The budget is 0 < min ≤ max ≤ `MAX_AMOUNT_MINOR` in an
    accepted currency; on-site and hybrid gigs name a country. A draft may lack required
    skills; publishing needs at least one.
    """
    if not firm_is_member(firm=firm, user=by):
        raise Forbidden("permission_denied", _("Only members of the firm may post its gigs."))
    gig = Gig(
        firm=firm,
        created_by=by,
        title=title,
        description=description,
        engagement_type=engagement_type,
        budget_min_minor=budget_min_minor,
        budget_max_minor=budget_max_minor,
        currency=currency,
        hours_per_week=hours_per_week,
        duration_weeks=duration_weeks,
        start_date=start_date,
        timezone_overlap_hours=timezone_overlap_hours,
        location_type=location_type,
        location_country=location_country,
        location_city=location_city,
    )
    required, nice = resolve_skills(required=required_skills, nice=nice_skills)
    codes = clean_languages(languages)
    validate_gig(gig)
    with transaction.atomic():
        gig.save()
        replace_skills(gig, required=required, nice=nice)
        replace_languages(gig, codes)
    emit_on_commit(gig_changed, gig_id=gig.id, firm_id=gig.firm_id, status=gig.status)
    return gig


def gig_update(*, gig: Gig, by: User, **changes: Any) -> Gig:
    """Change a draft or open gig (`gig_not_editable` otherwise); the result is re-validated.

    `changes` holds any of `EDITABLE_FIELDS`; `required_skills`, `nice_skills` and `languages`
    replace the whole list when given. An open gig must keep a required skill
    (`gig_incomplete`), and its currency cannot change once active proposals quote in it.
    """
    reject_unknown_fields(changes, EDITABLE_FIELDS, owner="gig")
    _require_member(gig=gig, user=by)
    resolved: tuple[list[Skill], list[Skill]] | None = None
    if {"required_skills", "nice_skills"} & set(changes):
        current = list(gig.gig_skills.select_related("skill"))
        resolved = resolve_skills(
            required=changes.get(
                "required_skills", [gs.skill_id for gs in current if gs.is_required]
            ),
            nice=changes.get("nice_skills", [gs.skill_id for gs in current if not gs.is_required]),
        )
    codes = clean_languages(changes["languages"]) if "languages" in changes else None
    with transaction.atomic():
        gig = _lock(gig)
        if gig.status not in (GigStatus.DRAFT, GigStatus.OPEN):
            raise Conflict(
                "gig_not_editable",
                _("Only a draft or open gig can be edited."),
                status=gig.status,
            )
        currency = changes.get("currency", gig.currency)
        if (
            currency != gig.currency
            and gig.proposals.filter(status__in=("submitted", "shortlisted", "accepted")).exists()
        ):
            raise Conflict(
                "gig_not_editable",
                _("The currency cannot change once proposals quote in it."),
                currency=[str(_("Proposals quote in %(currency)s.") % {"currency": gig.currency})],
            )
        for field, value in changes.items():
            if field not in _RELATION_FIELDS:
                setattr(gig, field, value)
        validate_gig(gig)
        if gig.status == GigStatus.OPEN and resolved is not None and not resolved[0]:
            raise Conflict(
                "gig_incomplete",
                _("An open gig needs at least one required skill."),
                required_skills=[str(_("Name at least one required skill."))],
            )
        gig.save()
        if resolved is not None:
            replace_skills(gig, required=resolved[0], nice=resolved[1])
        if codes is not None:
            replace_languages(gig, codes)
    emit_on_commit(gig_changed, gig_id=gig.id, firm_id=gig.firm_id, status=gig.status)
    return gig


def gig_publish(*, gig: Gig, by: User) -> Gig:
    """draft → open: the gig becomes public and takes proposals.

    Needs at least one required skill (`gig_incomplete`); a gig hidden by moderation cannot
    go public (`invalid_state`). Stamps `published_at`.
    """
    _require_member(gig=gig, user=by)
    with transaction.atomic():
        gig = _lock(gig)
        _require_status(gig, GigStatus.DRAFT)
        _require_not_hidden(gig)
        if not gig.gig_skills.filter(is_required=True).exists():
            raise Conflict(
                "gig_incomplete",
                _("Publishing needs at least one required skill."),
                required_skills=[str(_("Name at least one required skill."))],
            )
        gig.status = GigStatus.OPEN
        gig.published_at = timezone.now()
        gig.save(update_fields=["status", "published_at", "updated_at"])
    emit_on_commit(gig_changed, gig_id=gig.id, firm_id=gig.firm_id, status=gig.status)
    return gig


def gig_close(*, gig: Gig, by: User) -> Gig:
    """open → closed: stop taking proposals; those received stay as they are."""
    return _transition(gig=gig, by=by, sources=(GigStatus.OPEN,), target=GigStatus.CLOSED)


def gig_reopen(*, gig: Gig, by: User) -> Gig:
    """closed → open: take proposals again; a gig hidden by moderation stays closed."""
    _require_member(gig=gig, user=by)
    with transaction.atomic():
        gig = _lock(gig)
        _require_status(gig, GigStatus.CLOSED)
        _require_not_hidden(gig)
        gig.status = GigStatus.OPEN
        gig.save(update_fields=["status", "updated_at"])
    emit_on_commit(gig_changed, gig_id=gig.id, firm_id=gig.firm_id, status=gig.status)
    return gig


def gig_cancel(*, gig: Gig, by: User) -> Gig:
    """draft / open / closed → cancelled, for good.

    Active proposals (submitted, shortlisted) become declined and pending invitations are
    revoked, in the same transaction.
    """
    from marketplace.proposals.services import invitations_revoke_for_gig, proposals_decline_for_gig

    _require_member(gig=gig, user=by)
    with transaction.atomic():
        gig = _lock(gig)
        _require_status(gig, GigStatus.DRAFT, GigStatus.OPEN, GigStatus.CLOSED)
        gig.status = GigStatus.CANCELLED
        gig.save(update_fields=["status", "updated_at"])
        proposals_decline_for_gig(gig=gig)
        invitations_revoke_for_gig(gig=gig)
    emit_on_commit(gig_changed, gig_id=gig.id, firm_id=gig.firm_id, status=gig.status)
    return gig


def gig_start(*, gig: Gig, by: User) -> Gig:
    """open → in_progress, when a firm member accepts a proposal (`proposal_accept`)."""
    return _transition(gig=gig, by=by, sources=(GigStatus.OPEN,), target=GigStatus.IN_PROGRESS)


def gig_complete(*, gig: Gig, by: User) -> Gig:
    """in_progress → completed, when a firm member completes its contract."""
    return _transition(gig=gig, by=by, sources=(GigStatus.IN_PROGRESS,), target=GigStatus.COMPLETED)


def gig_unstaff(*, gig: Gig) -> Gig:
    """in_progress → closed, when the gig's contract is cancelled by either party.

    Closed rather than cancelled: the firm decides whether to reopen it and hire someone
    else, or to cancel it. Called inside `contract_cancel`, which checked the caller.
    """
    with transaction.atomic():
        gig = _lock(gig)
        _require_status(gig, GigStatus.IN_PROGRESS)
        gig.status = GigStatus.CLOSED
        gig.save(update_fields=["status", "updated_at"])
    emit_on_commit(gig_changed, gig_id=gig.id, firm_id=gig.firm_id, status=gig.status)
    return gig


def gig_lock_shared(*, gig: Gig) -> Gig:
    """The gig's current row under a shared lock (PostgreSQL `FOR SHARE`).

    For writes that add to a gig (proposals, invitations) and must not land on one that a
    concurrent transition has just stopped; call it inside the caller's transaction.

    Shared locks do not block each other, but they make `select_for_update()` in the gig's
    transitions (close, cancel, accept) wait until this transaction ends, so nothing is added
    to a gig that has just stopped taking proposals. SQLite (the embedded mode) has no row
    locks and serialises writers on its own, so a plain read is enough there.
    """
    if connection.vendor == "postgresql":
        table = connection.ops.quote_name(Gig._meta.db_table)
        # The table name is the model's own, never input; the id is a bound parameter.
        sql = f"SELECT * FROM {table} WHERE id = %s FOR SHARE"  # noqa: S608  # nosec
        found = next(iter(Gig.objects.raw(sql, [gig.pk])), None)
    else:
        found = Gig.objects.filter(pk=gig.pk).first()
    if found is None:
        raise NotFound()
    if Gig.firm.is_cached(gig):
        found.firm = gig.firm  # the same row; spares a query
    return found


# --- helpers -----------------------------------------------------------------------------------


def _transition(*, gig: Gig, by: User, sources: tuple[str, ...], target: str) -> Gig:
    _require_member(gig=gig, user=by)
    with transaction.atomic():
        gig = _lock(gig)
        _require_status(gig, *sources)
        gig.status = target
        gig.save(update_fields=["status", "updated_at"])
    emit_on_commit(gig_changed, gig_id=gig.id, firm_id=gig.firm_id, status=gig.status)
    return gig


def _lock(gig: Gig) -> Gig:
    """The gig's row, locked until the transaction ends, with its current values."""
    locked = Gig.objects.select_for_update().filter(pk=gig.pk).first()
    if locked is None:
        raise NotFound()
    return locked


def _require_member(*, gig: Gig, user: User) -> None:
    if not firm_is_member(firm=gig.firm, user=user):
        raise Forbidden("permission_denied", _("Only members of the gig's firm may do this."))


def _require_status(gig: Gig, *allowed: str) -> None:
    if gig.status not in allowed:
        raise Conflict(
            "invalid_state",
            _("Not possible while the gig is in status “%(status)s”.")
            % {"status": GigStatus(gig.status).label},
            status=gig.status,
        )


def _require_not_hidden(gig: Gig) -> None:
    if gig.moderation_state == ModerationState.HIDDEN:
        raise Conflict(
            "invalid_state",
            _("Moderation hid this gig; it cannot be opened."),
            status=gig.status,
            moderation_state=gig.moderation_state,
        )
