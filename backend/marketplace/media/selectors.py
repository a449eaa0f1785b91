"""Reads of the image pipeline: who sees which upload, and portfolio querysets.

A portfolio is shown wherever its profile is (the profile's visibility decides); an attachment
is seen by its uploader only until something links it (the linking app then decides).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from common.errors import NotFound
from marketplace.media.models import ImagePurpose, PortfolioItem, StoredImage
from marketplace.profiles.models import FreelancerProfile


def portfolio_items_prefetch() -> Prefetch[Any]:
    """Add to a profile queryset: its items in display order with their images, in one query."""
    return Prefetch(
        "portfolio_items",
        queryset=PortfolioItem.objects.select_related("image").order_by("position", "id"),
    )


def portfolio_list(*, profile: FreelancerProfile) -> QuerySet[PortfolioItem]:
    return (
        PortfolioItem.objects.filter(profile=profile)
        .select_related("image")
        .order_by("position", "id")
    )


def portfolio_item_get_own(*, item_id: int, user: Any) -> PortfolioItem:
    """An item of the user's own profile; `NotFound` for anyone else's (they cannot probe)."""
    if not getattr(user, "is_authenticated", False):
        raise NotFound()
    item = (
        PortfolioItem.objects.select_related("image", "profile")
        .filter(pk=item_id, profile__user_id=user.pk)
        .first()
    )
    if item is None:
        raise NotFound()
    return item


def attachment_get_own(*, image_id: int, user: Any) -> StoredImage:
    """An attachment the user uploaded; `NotFound` for others' and for other purposes."""
    if not getattr(user, "is_authenticated", False):
        raise NotFound()
    image = StoredImage.objects.filter(
        pk=image_id, purpose=ImagePurpose.ATTACHMENT, uploaded_by_id=user.pk
    ).first()
    if image is None:
        raise NotFound()
    return image
