from __future__ import annotations

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class SkillCategory(models.Model):
    slug = models.SlugField(unique=True)
    label_en = models.CharField(max_length=100)
    label_de = models.CharField(max_length=100)
    label_fr = models.CharField(max_length=100)

    class Meta:
        ordering = ("slug",)
        verbose_name_plural = _("skill categories")

    def __str__(self) -> str:
        return self.label_en

    def label(self, language: str | None = None) -> str:
        lang = (language or translation.get_language() or "en")[:2]
        return str(getattr(self, f"label_{lang}", None) or self.label_en)


class Skill(models.Model):
    """A canonical skill of the taxonomy; free text maps to it through labels and aliases."""

    slug = models.SlugField(unique=True, max_length=80)
    category = models.ForeignKey(SkillCategory, on_delete=models.PROTECT, related_name="skills")
    label_en = models.CharField(max_length=120)
    label_de = models.CharField(max_length=120)
    label_fr = models.CharField(max_length=120)
    related = models.ManyToManyField("self", blank=True, symmetrical=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ("slug",)

    def __str__(self) -> str:
        return self.label_en

    def label(self, language: str | None = None) -> str:
        lang = (language or translation.get_language() or "en")[:2]
        return str(getattr(self, f"label_{lang}", None) or self.label_en)


class SkillAlias(models.Model):
    """Another name for a skill ("React.js" for React); `normalized` is the lookup key."""

    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(max_length=120)
    normalized = models.CharField(max_length=120, unique=True)

    class Meta:
        ordering = ("normalized",)
        verbose_name_plural = _("skill aliases")

    def __str__(self) -> str:
        return self.alias
