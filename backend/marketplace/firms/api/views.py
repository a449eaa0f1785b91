"""Firms: my firms, a firm's public page, and its members (visible to members only)."""

from __future__ import annotations

from typing import Any, cast

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.permissions import IsAuthenticated, IsAuthenticatedOrReadOnly
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from common.throttling import WritesThrottleMixin
from marketplace.accounts.models import User
from marketplace.firms import selectors, services
from marketplace.firms.api.serializers import (
    FirmCreateInput,
    FirmPageOutput,
    FirmUpdateInput,
    MemberAddInput,
    MemberChangeInput,
    MemberOutput,
    MyFirmOutput,
)
from marketplace.firms.models import Firm, FirmMembership


class FirmListView(WritesThrottleMixin, generics.ListAPIView[Firm]):
    """The firms I belong to, with my role; POST creates one with me as its owner."""

    permission_classes = (IsAuthenticated,)
    serializer_class = MyFirmOutput

    def get_queryset(self) -> QuerySet[Firm]:
        return selectors.firm_list_of_user(user=self.request.user)

    @extend_schema(summary="Firms I belong to")
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(request=FirmCreateInput, responses={201: MyFirmOutput})
    def post(self, request: Request) -> Response:
        data = FirmCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        firm = services.firm_create(by=_me(request), **data.validated_data)
        return Response(MyFirmOutput(_with_role(firm, request)).data, status=201)


class FirmDetailView(WritesThrottleMixin):
    """A firm's public page; its owners edit it."""

    permission_classes = (IsAuthenticatedOrReadOnly,)

    @extend_schema(responses=FirmPageOutput)
    def get(self, request: Request, slug: str) -> Response:
        return Response(FirmPageOutput(selectors.firm_get(slug=slug, user=request.user)).data)

    @extend_schema(request=FirmUpdateInput, responses=FirmPageOutput)
    def patch(self, request: Request, slug: str) -> Response:
        firm = selectors.firm_get(slug=slug, user=request.user)
        data = FirmUpdateInput(data=request.data)
        data.is_valid(raise_exception=True)
        firm = services.firm_update(firm=firm, by=_me(request), **data.validated_data)
        return Response(FirmPageOutput(firm).data)


class MemberListView(WritesThrottleMixin, generics.ListAPIView[FirmMembership]):
    """The firm's members, newest first; only members (and staff) see them. Owners add people
    who have an account, by email."""

    permission_classes = (IsAuthenticated,)
    serializer_class = MemberOutput

    def get_queryset(self) -> QuerySet[FirmMembership]:
        if getattr(self, "swagger_fake_view", False):
            return FirmMembership.objects.none()
        firm = selectors.firm_get(slug=self.kwargs["slug"], user=self.request.user)
        return selectors.firm_member_list(firm=firm, user=self.request.user)

    @extend_schema(summary="Members of a firm")
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(request=MemberAddInput, responses={201: MemberOutput})
    def post(self, request: Request, slug: str) -> Response:
        firm = selectors.firm_get(slug=slug, user=request.user)
        selectors.firm_check_members_visible(firm=firm, user=request.user)
        data = MemberAddInput(data=request.data)
        data.is_valid(raise_exception=True)
        membership = services.firm_member_add(firm=firm, by=_me(request), **data.validated_data)
        return Response(MemberOutput(membership).data, status=201)


class MemberDetailView(APIView):
    """Owners change a member's role or remove them; members may remove themselves."""

    permission_classes = (IsAuthenticated,)
    throttle_scope = "writes"

    @extend_schema(request=MemberChangeInput, responses=MemberOutput)
    def patch(self, request: Request, slug: str, user_id: int) -> Response:
        firm = selectors.firm_get(slug=slug, user=request.user)
        selectors.firm_check_members_visible(firm=firm, user=request.user)
        data = MemberChangeInput(data=request.data)
        data.is_valid(raise_exception=True)
        membership = services.firm_member_change_role(
            firm=firm, by=_me(request), user_id=user_id, role=data.validated_data["role"]
        )
        return Response(MemberOutput(membership).data)

    @extend_schema(request=None, responses={204: None})
    def delete(self, request: Request, slug: str, user_id: int) -> Response:
        firm = selectors.firm_get(slug=slug, user=request.user)
        selectors.firm_check_members_visible(firm=firm, user=request.user)
        services.firm_member_remove(firm=firm, by=_me(request), user_id=user_id)
        return Response(status=204)


def _with_role(firm: Firm, request: Request) -> Firm:
    return selectors.firm_list_of_user(user=request.user).get(pk=firm.pk)


def _me(request: Request) -> User:
    """The signed-in user; the views calling this require authentication."""
    return cast(User, request.user)
