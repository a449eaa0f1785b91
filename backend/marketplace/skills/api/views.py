"""Read-only taxonomy endpoints: listing, autocomplete in en/de/fr, and skill detail."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from marketplace.skills.api.serializers import (
    SkillCategoryOutput,
    SkillDetailOutput,
    SkillOutput,
)
from marketplace.skills.models import Skill, SkillCategory
from marketplace.skills.selectors import skill_list


class SkillQuery(serializers.Serializer[None]):
    q = serializers.CharField(required=False, allow_blank=True, max_length=120)
    category = serializers.SlugField(required=False, allow_blank=True, max_length=50)


class SkillListView(generics.ListAPIView[Skill]):
    """Skills of the taxonomy; `q` autocompletes on labels in every language and on aliases."""

    permission_classes = (AllowAny,)
    serializer_class = SkillOutput
    pagination_class = None

    # Autocomplete asks on every keystroke: 20 suggestions are plenty; the full list
    # (without `q`) is a few hundred rows, small enough to cache client-side in one response.
    AUTOCOMPLETE_LIMIT = 20

    def get_queryset(self) -> QuerySet[Skill]:
        query = SkillQuery(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        text = query.validated_data.get("q", "").strip()
        skills = skill_list(query=text, category=query.validated_data.get("category", ""))
        return skills[: self.AUTOCOMPLETE_LIMIT] if text else skills

    @extend_schema(
        parameters=[
            OpenApiParameter("q", OpenApiTypes.STR, description="Prefix of a label or alias."),
            OpenApiParameter("category", OpenApiTypes.STR, description="Category slug."),
        ]
    )
    def get(self, request: Request, *args: object, **kwargs: object) -> Response:
        return super().get(request, *args, **kwargs)


class SkillDetailView(APIView):
    permission_classes = (AllowAny,)

    @extend_schema(responses=SkillDetailOutput)
    def get(self, request: Request, slug: str) -> Response:
        skill = get_object_or_404(
            Skill.objects.filter(is_active=True)
            .select_related("category")
            .prefetch_related(
                "aliases", Prefetch("related", queryset=Skill.objects.select_related("category"))
            ),
            slug=slug,
        )
        return Response(SkillDetailOutput(skill, context={"request": request}).data)


class SkillCategoryListView(generics.ListAPIView[SkillCategory]):
    permission_classes = (AllowAny,)
    serializer_class = SkillCategoryOutput
    pagination_class = None
    queryset = SkillCategory.objects.order_by("slug")
