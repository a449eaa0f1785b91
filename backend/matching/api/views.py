"""Matching endpoints: a gig's matches, a freelancer's feed, search, skill suggestions."""

from __future__ import annotations

from typing import Any

from django.utils import translation
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from common.errors import NotFound
from marketplace.gigs.selectors import gig_get_visible
from marketplace.profiles.selectors import profile_get_own
from marketplace.skills.api.serializers import SkillOutput
from marketplace.skills.selectors import skill_list
from matching.api import serializers as s
from matching.api.render import freelancer_page, gig_page
from matching.backends.base import GigFilters, ProfileFilters
from matching.result_cache import match_page_cached
from matching.selectors import (
    WorkingWindow,
    gig_match_document_of_my_firms,
    match_freelancers_for_gig_document,
    match_gigs_for_profile,
    search_freelancers,
    search_gigs,
)

# Ranked lists are computed whole and paged in memory: 50 pages × 100 is the deepest read.
MAX_RESULTS = 1000


def _parse(
    serializer_class: type[s.serializers.Serializer[Any]], request: Request
) -> dict[str, Any]:
    serializer = serializer_class(data=request.query_params)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def _limit(params: dict[str, Any]) -> int:
    return min(MAX_RESULTS, params["page"] * params["page_size"] + 1)


class GigMatchesView(APIView):
    """Freelancers ranked for a gig, with the reasons; only the gig's firm members see them."""

    permission_classes = (IsAuthenticated,)

    @extend_schema(
        summary="Freelancers matching a gig",
        parameters=[s.GigMatchesInput],
        responses=s.FreelancerMatchPage,
    )
    def get(self, request: Request, gig_id: int) -> Response:
        # Only the gig's firm members get here, so ask for the gig among their firms' first:
        # one query, no separate visibility and membership checks; always before the cache.
        doc = gig_match_document_of_my_firms(gig_id=gig_id, user=request.user)
        if doc is None:
            gig_get_visible(gig_id=gig_id, user=request.user, details=False)  # 404 if unseen
            raise NotFound("not_found", _("No such gig."))
        params = _parse(s.GigMatchesInput, request)

        def build() -> tuple[dict[str, Any], bool]:
            ranked = match_freelancers_for_gig_document(
                doc=doc, limit=_limit(params), min_rating=params.get("min_rating")
            )
            page = freelancer_page(ranked, page=params["page"], page_size=params["page_size"])
            return page, not page["degraded"]

        request_key = {**params, "language": translation.get_language() or ""}
        return Response(match_page_cached(gig_doc=doc, request_key=request_key, build=build))


class GigFeedView(APIView):
    """Open gigs ranked for the signed-in freelancer."""

    permission_classes = (IsAuthenticated,)

    @extend_schema(
        summary="Gigs matching my profile", parameters=[s.PageInput], responses=s.GigMatchPage
    )
    def get(self, request: Request) -> Response:
        profile = profile_get_own(user=request.user)
        params = _parse(s.PageInput, request)
        ranked = match_gigs_for_profile(profile=profile, limit=_limit(params))
        return Response(gig_page(ranked, page=params["page"], page_size=params["page_size"]))


class FreelancerSearchView(APIView):
    """Search public profiles with free text, filters and facet counts."""

    permission_classes = (AllowAny,)

    @extend_schema(
        summary="Search freelancers",
        parameters=[s.FreelancerSearchInput],
        responses=s.FreelancerSearchPage,
    )
    def get(self, request: Request) -> Response:
        p = _parse(s.FreelancerSearchInput, request)
        filters = ProfileFilters(
            q=p["q"],
            skills=p.get("skills", []),
            currency=p.get("currency", ""),
            rate_min=p.get("rate_min"),
            rate_max=p.get("rate_max"),
            languages=p.get("languages", []),
            countries=p.get("country", []),
            min_hours_per_week=p.get("min_hours_per_week"),
            available_by=p.get("available_by"),
            min_completed_contracts=p.get("min_completed_contracts"),
            min_rating=p.get("min_rating"),
        )
        window = None
        if p.get("min_overlap_hours"):
            start, end = p["overlap_start"], p["overlap_end"]
            window = WorkingWindow(
                tz=p["overlap_tz"],
                start=start.hour * 60 + start.minute,
                end=end.hour * 60 + end.minute,
                min_hours=p["min_overlap_hours"],
            )
        ranked = search_freelancers(filters=filters, window=window, limit=_limit(p))
        return Response(
            freelancer_page(ranked, page=p["page"], page_size=p["page_size"], facets=True)
        )


class GigSearchView(APIView):
    """Search open gigs with free text, filters and facet counts."""

    permission_classes = (AllowAny,)

    @extend_schema(summary="Search gigs", parameters=[s.GigSearchInput], responses=s.GigSearchPage)
    def get(self, request: Request) -> Response:
        p = _parse(s.GigSearchInput, request)
        filters = GigFilters(
            q=p["q"],
            skills=p.get("skills", []),
            currency=p.get("currency", ""),
            budget_min=p.get("budget_min"),
            budget_max=p.get("budget_max"),
            languages=p.get("languages", []),
            countries=p.get("country", []),
            engagement_types=p.get("engagement_type", []),
            location_types=p.get("location_type", []),
        )
        ranked = search_gigs(filters=filters, limit=_limit(p))
        return Response(gig_page(ranked, page=p["page"], page_size=p["page_size"], facets=True))


class SkillSuggestView(APIView):
    """Skill autocomplete on labels (en/de/fr) and aliases, canonical skills only."""

    permission_classes = (AllowAny,)

    @extend_schema(
        summary="Suggest skills", parameters=[s.SuggestInput], responses=SkillOutput(many=True)
    )
    def get(self, request: Request) -> Response:
        p = _parse(s.SuggestInput, request)
        skills = skill_list(query=p["q"].strip())[: p["limit"]]
        return Response(SkillOutput(skills, many=True, context={"request": request}).data)
