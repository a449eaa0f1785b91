"""Services of portfolio items: a freelancer's pieces of work, each an image with a caption
and an optional link, shown in the order the freelancer chooses.

Every change locks the profile's row first, so positions stay 0, 1, 2 … without gaps or
duplicates even when two tabs add, delete or reorder at once, and the item limit holds.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO, Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from common.errors import Conflict, Forbidden, NotFound, ValidationFailed
from common.fields import FieldError, clean_fields, clean_text, is_http_url
from marketplace.accounts.models import User
from marketplace.media.models import ImagePurpose, PortfolioItem, StoredImage
from marketplace.media.services import image_delete, image_store
from marketplace.profiles.models import FreelancerProfile

CAPTION_MAX_LENGTH = 300
LINK_MAX_LENGTH = 500


def portfolio_item_create(
    *,
    profile: FreelancerProfile,
    by: User,
    source: IO[bytes],
    size: int,
    caption: str = "",
    link: str = "",
) -> PortfolioItem:
    """Add an item at the end of the profile's portfolio; the profile's owner only, at most
    `MEDIA_PORTFOLIO_MAX_ITEMS` items (`portfolio_full`). Caption and link are checked, and the
    limit counted, before the image is decoded."""
    _require_owner(profile=profile, by=by)
    values = clean_fields({"caption": caption, "link": link}, _CLEANERS)
    _require_room(profile=profile)
    created: list[PortfolioItem] = []

    def attach(image: StoredImage) -> None:
        locked = _profile_locked(profile)
        position = _require_room(profile=locked)
        created.append(
            PortfolioItem.objects.create(profile=locked, image=image, position=position, **values)
        )

    image_store(by=by, purpose=ImagePurpose.PORTFOLIO, source=source, size=size, attach=attach)
    return created[0]


def portfolio_item_update(
    *,
    item: PortfolioItem,
    by: User,
    source: IO[bytes] | None = None,
    size: int = 0,
    **fields: Any,
) -> PortfolioItem:
    """Change an item's caption or link, and its image when a new one is given (the old image
    is deleted); the profile's owner only."""
    _require_owner(profile=item.profile, by=by)
    unknown = sorted(set(fields) - set(_CLEANERS))
    if unknown:
        raise TypeError(f"Unknown portfolio item fields: {', '.join(unknown)}")
    values = clean_fields(fields, _CLEANERS)

    def apply(image: StoredImage | None) -> None:
        _profile_locked(item.profile)
        locked = PortfolioItem.objects.select_related("image").filter(pk=item.pk).first()
        if locked is None:
            raise NotFound()
        for name, value in values.items():
            setattr(locked, name, value)
        update = [*values, "updated_at"]
        previous = None
        if image is not None:
            previous, locked.image = locked.image, image
            update.append("image")
        locked.save(update_fields=update)
        if previous is not None:
            image_delete(image=previous)

    if source is None:
        with transaction.atomic():
            apply(None)
    else:
        image_store(by=by, purpose=ImagePurpose.PORTFOLIO, source=source, size=size, attach=apply)
    return PortfolioItem.objects.select_related("image").get(pk=item.pk)


def portfolio_item_delete(*, item: PortfolioItem, by: User) -> None:
    """Delete the item and its image; the items after it move up one place."""
    _require_owner(profile=item.profile, by=by)
    with transaction.atomic():
        profile = _profile_locked(item.profile)
        locked = PortfolioItem.objects.select_related("image").filter(pk=item.pk).first()
        if locked is None:
            raise NotFound()
        image_delete(image=locked.image)  # the item goes with its image (CASCADE)
        _renumber(profile=profile, ids=_ids_in_order(profile))


def portfolio_reorder(
    *, profile: FreelancerProfile, by: User, item_ids: Sequence[int]
) -> list[PortfolioItem]:
    """Put the items in the order of `item_ids`, which must name each of the profile's items
    exactly once (`portfolio_order_invalid` otherwise, so a stale list cannot drop one)."""
    _require_owner(profile=profile, by=by)
    with transaction.atomic():
        locked = _profile_locked(profile)
        current = _ids_in_order(locked)
        if len(item_ids) != len(current) or set(item_ids) != set(current):
            message = _("List every item of the portfolio exactly once.")
            raise ValidationFailed("portfolio_order_invalid", message, item_ids=[message])
        _renumber(profile=locked, ids=list(item_ids))
    return list(PortfolioItem.objects.filter(profile=profile).select_related("image"))


def _require_owner(*, profile: FreelancerProfile, by: User) -> None:
    if profile.user_id != by.pk:
        raise Forbidden("permission_denied", _("Only the profile's owner may change it."))


def _profile_locked(profile: FreelancerProfile) -> FreelancerProfile:
    locked = FreelancerProfile.objects.select_for_update().filter(pk=profile.pk).first()
    if locked is None:
        raise NotFound()
    return locked


def _require_room(*, profile: FreelancerProfile) -> int:
    """The next free position, or `portfolio_full`."""
    count = PortfolioItem.objects.filter(profile=profile).count()
    limit = settings.MEDIA_PORTFOLIO_MAX_ITEMS
    if count >= limit:
        raise Conflict(
            "portfolio_full",
            _("A portfolio holds at most %(n)d items; delete one first.") % {"n": limit},
            max_items=limit,
        )
    return count


def _ids_in_order(profile: FreelancerProfile) -> list[int]:
    return list(
        PortfolioItem.objects.filter(profile=profile)
        .order_by("position", "id")
        .values_list("id", flat=True)
    )


def _renumber(*, profile: FreelancerProfile, ids: list[int]) -> None:
    items = {item.pk: item for item in PortfolioItem.objects.filter(profile=profile)}
    changed = []
    for position, item_id in enumerate(ids):
        item = items[item_id]
        if item.position != position:
            item.position = position
            changed.append(item)
    PortfolioItem.objects.bulk_update(changed, ["position"])


def _link(value: Any) -> str:
    if not isinstance(value, str):
        raise FieldError(_("Enter a web address."))
    value = value.strip()
    if not value:
        return ""
    if len(value) > LINK_MAX_LENGTH:
        raise FieldError(_("At most %(n)d characters.") % {"n": LINK_MAX_LENGTH})
    if not is_http_url(value):
        raise FieldError(_("Enter an http(s) address."))
    return value


_CLEANERS = {
    "caption": lambda v: clean_text(v, max_length=CAPTION_MAX_LENGTH, required=False),
    "link": _link,
}
