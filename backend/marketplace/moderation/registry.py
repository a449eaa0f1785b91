"""What users can report: one registration per kind of content.

A kind says how to find a target as the reporter sees it (so nobody can report, or probe for,
what they cannot see), who answers for it (the owner: refused as reporter, warned, suspended or
banned from the queue), and how a moderator hides it (a service that checks the moderator role
and writes the audit row).

Adding a kind is one call, made when its app is ready, e.g. for reviews:

    reportable_register(Reportable(
        kind="review", label=_("Review"), model="marketplace.Review",
        find=lambda object_id, user: review_get_visible(review_id=object_id, user=user),
        owners=lambda review: [review.author_id],
        hide=lambda review, by, reason: review_hide(review=review, by=by, reason=reason),
    ))

Profiles, gigs and firms are registered in `marketplace.moderation.reportables`, chat messages
in `chat.apps`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from common.errors import ValidationFailed

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise


@dataclass(frozen=True)
class Reportable:
    kind: str
    label: str | StrPromise
    # "app_label.ModelName" of the target, for admin links and the audit log.
    model: str
    # (object_id, reporter) -> the target if the reporter may see it; raises NotFound if not.
    find: Callable[[int, Any], Model]
    # target -> ids of the users who answer for it, the main one first.
    owners: Callable[[Any], list[int]]
    # (target, moderator, reason) -> hides it; refuses what is hidden already (`invalid_state`).
    hide: Callable[[Any, Any, str], object]

    def model_class(self) -> type[Model]:
        return apps.get_model(self.model)


_KINDS: dict[str, Reportable] = {}


def reportable_register(reportable: Reportable) -> None:
    """Make a kind reportable (idempotent: the same kind registered again replaces it)."""
    _KINDS[reportable.kind] = reportable


def reportable_get(kind: str) -> Reportable:
    """The registration of `kind`; an unknown kind is `validation_error` on `kind`."""
    found = _KINDS.get(kind)
    if found is None:
        raise ValidationFailed(
            "validation_error",
            _("Some fields are invalid."),
            kind=[str(_("Unknown kind of content."))],
        )
    return found


def reportable_kinds() -> list[Reportable]:
    return sorted(_KINDS.values(), key=lambda r: r.kind)


def reportable_choices() -> list[tuple[str, str]]:
    return [(r.kind, str(r.label)) for r in reportable_kinds()]
