from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from marketplace.skills.models import Skill, SkillCategory


class SkillCategoryOutput(serializers.ModelSerializer[SkillCategory]):
    label = serializers.SerializerMethodField()  # type: ignore[assignment]

    class Meta:
        model = SkillCategory
        fields = ("slug", "label", "label_en", "label_de", "label_fr")

    def get_label(self, obj: SkillCategory) -> str:
        return obj.label()


class SkillOutput(serializers.ModelSerializer[Skill]):
    """A skill with its label in the request's language and all three for editors."""

    label = serializers.SerializerMethodField()  # type: ignore[assignment]
    category: serializers.SlugRelatedField[SkillCategory] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )

    class Meta:
        model = Skill
        fields: tuple[str, ...] = (
            "id",
            "slug",
            "label",
            "label_en",
            "label_de",
            "label_fr",
            "category",
        )

    def get_label(self, obj: Skill) -> str:
        return obj.label()


class SkillDetailOutput(SkillOutput):
    aliases = serializers.SerializerMethodField()
    related = serializers.SerializerMethodField()

    class Meta(SkillOutput.Meta):
        fields = (*SkillOutput.Meta.fields, "aliases", "related")

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_aliases(self, obj: Skill) -> list[str]:
        return [a.alias for a in obj.aliases.all()]

    @extend_schema_field(SkillOutput(many=True))
    def get_related(self, obj: Skill) -> list[dict[str, Any]]:
        related = [s for s in obj.related.all() if s.is_active]
        return list(SkillOutput(related, many=True, context=self.context).data)
