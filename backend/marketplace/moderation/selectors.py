"""Reads over the moderation audit log."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from marketplace.moderation.models import ModerationAction


def moderation_history(*, target: models.Model) -> QuerySet[ModerationAction]:
    """Every moderation decision about one object, newest first, with its actor loaded."""
    return (
        ModerationAction.objects.filter(
            content_type=ContentType.objects.get_for_model(target), object_id=target.pk
        )
        .select_related("actor", "content_type")
        .order_by("-created_at", "-id")
    )
