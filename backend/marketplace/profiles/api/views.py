"""Freelancer profiles: the public list and page, and the signed-in user's own profile."""

from __future__ import annotations

from typing import Any, cast

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from common.throttling import WritesThrottleMixin
from marketplace.accounts.models import User
from marketplace.api_base import ActionView
from marketplace.profiles import selectors, services
from marketplace.profiles.api.filters import FreelancerFilter
from marketplace.profiles.api.serializers import (
    OwnProfileOutput,
    ProfileCardOutput,
    ProfileCreateInput,
    ProfileDetailOutput,
    ProfileUpdateInput,
)
from marketplace.profiles.models import FreelancerProfile


class FreelancerListView(generics.ListAPIView[FreelancerProfile]):
    """Public profiles, newest first. Skills and languages come with each row."""

    permission_classes = (AllowAny,)
    serializer_class = ProfileCardOutput
    filterset_class = FreelancerFilter

    def get_queryset(self) -> QuerySet[FreelancerProfile]:
        return selectors.profile_list_public()

    @extend_schema(summary="Public freelancer profiles")
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class FreelancerDetailView(APIView):
    """A public profile page; its owner and staff also see it while draft or hidden."""

    permission_classes = (AllowAny,)

    @extend_schema(responses=ProfileDetailOutput)
    def get(self, request: Request, slug: str) -> Response:
        profile = selectors.profile_get_visible(slug=slug, user=request.user)
        return Response(ProfileDetailOutput(profile).data)


class MyProfileView(WritesThrottleMixin):
    """The signed-in user's freelancer profile, in any state."""

    permission_classes = (IsAuthenticated,)

    @extend_schema(responses=OwnProfileOutput)
    def get(self, request: Request) -> Response:
        return Response(OwnProfileOutput(selectors.profile_get_own(user=request.user)).data)

    @extend_schema(
        request=ProfileCreateInput,
        responses={201: OwnProfileOutput},
    )
    def post(self, request: Request) -> Response:
        data = ProfileCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.profile_create(user=_me(request), **data.validated_data)
        profile = selectors.profile_get_own(user=request.user)
        return Response(OwnProfileOutput(profile).data, status=201)

    @extend_schema(
        request=ProfileUpdateInput,
        responses=OwnProfileOutput,
    )
    def patch(self, request: Request) -> Response:
        profile = selectors.profile_get_own(user=request.user)
        data = ProfileUpdateInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.profile_update(profile=profile, by=_me(request), **data.validated_data)
        profile = selectors.profile_get_own(user=request.user)
        return Response(OwnProfileOutput(profile).data)


@extend_schema(request=None, responses=OwnProfileOutput)
class _MyProfileActionView(ActionView[FreelancerProfile]):
    target_name = "profile"

    def get_target(self, request: Request) -> FreelancerProfile:
        return selectors.profile_get_own(user=request.user)

    def render(self, request: Request, target: FreelancerProfile) -> Response:
        return Response(OwnProfileOutput(selectors.profile_get_own(user=request.user)).data)


class MyProfilePublishView(_MyProfileActionView):
    """Make the draft public: needs a skill and a rate (`profile_incomplete`)."""

    service = staticmethod(services.profile_publish)


class MyProfileUnpublishView(_MyProfileActionView):
    """Take the public profile back to draft."""

    service = staticmethod(services.profile_unpublish)


def _me(request: Request) -> User:
    """The signed-in user; the views calling this require authentication."""
    return cast(User, request.user)
