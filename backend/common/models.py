"""Small building blocks shared by the marketplace's models."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TimestampedModel(models.Model):
    created_at = models.DateTimeField(default=timezone.now, db_index=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class LanguageProficiency(models.TextChoices):
    BASIC = "basic", _("Basic")
    CONVERSATIONAL = "conversational", _("Conversational")
    FLUENT = "fluent", _("Fluent")
    NATIVE = "native", _("Native or bilingual")


def spoken_language_choices() -> list[tuple[str, str]]:
    """ISO 639-1 codes Django knows a name for; the set users may list on profiles and gigs."""
    from django.conf.locale import LANG_INFO

    return sorted(
        (code, str(info["name"]))
        for code, info in LANG_INFO.items()
        if len(code) == 2 and "name" in info
    )
