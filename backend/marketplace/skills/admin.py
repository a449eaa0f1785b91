"""The skill taxonomy: categories, skills with their labels, aliases and related skills."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from marketplace.skills.models import Skill, SkillAlias, SkillCategory
from marketplace.skills.normalize import normalize_skill_name


class SkillAliasForm(forms.ModelForm):
    """Derives the lookup key from the alias, as the taxonomy loader does, and keeps it unique."""

    class Meta:
        model = SkillAlias
        fields = ("skill", "alias")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        alias = cleaned.get("alias")
        if alias:
            normalized = normalize_skill_name(alias)
            clash = SkillAlias.objects.filter(normalized=normalized).exclude(pk=self.instance.pk)
            if not normalized:
                self.add_error("alias", _("The alias needs letters or digits."))
            elif clash.exists():
                self.add_error("alias", _("Another skill already has this alias."))
            else:
                self.instance.normalized = normalized
        return cleaned


@admin.register(SkillCategory)
class SkillCategoryAdmin(admin.ModelAdmin):
    list_display = ("slug", "label_en", "label_de", "label_fr", "skill_count")
    search_fields = ("slug", "label_en", "label_de", "label_fr")
    fieldsets = (
        (None, {"fields": ("slug",)}),
        (_("Labels"), {"fields": ("label_en", "label_de", "label_fr")}),
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[SkillCategory]:
        return super().get_queryset(request).annotate(skill_total=Count("skills"))

    @admin.display(description=_("skills"), ordering="skill_total")
    def skill_count(self, obj: Any) -> int:
        return int(obj.skill_total)


class SkillAliasInline(admin.TabularInline):
    model = SkillAlias
    form = SkillAliasForm
    fields = ("alias", "normalized")
    readonly_fields = ("normalized",)
    extra = 1


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    list_display = ("slug", "label_en", "label_de", "label_fr", "category", "is_active")
    list_filter = ("is_active", "category")
    list_select_related = ("category",)
    search_fields = ("slug", "label_en", "label_de", "label_fr", "aliases__alias")
    fieldsets = (
        (None, {"fields": ("slug", "category", "is_active")}),
        (_("Labels"), {"fields": ("label_en", "label_de", "label_fr")}),
        (_("Related skills"), {"fields": ("related",)}),
    )
    filter_horizontal = ("related",)
    inlines = (SkillAliasInline,)


@admin.register(SkillAlias)
class SkillAliasAdmin(admin.ModelAdmin):
    form = SkillAliasForm
    list_display = ("alias", "normalized", "skill")
    list_select_related = ("skill",)
    list_filter = ("skill__category",)
    search_fields = ("alias", "normalized", "skill__slug", "skill__label_en")
    autocomplete_fields = ("skill",)
    fields = ("skill", "alias", "normalized")
    readonly_fields = ("normalized",)
