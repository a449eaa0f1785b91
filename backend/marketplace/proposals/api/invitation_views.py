"""Invitation endpoints: a firm invites a freelancer to propose on a gig."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from common.errors import Forbidden
from common.fields import invalid
from common.throttling import WritesThrottleMixin
from marketplace.api_base import ActionView, signed_in_user
from marketplace.firms.selectors import firm_is_member
from marketplace.gigs.selectors import gig_get_visible
from marketplace.profiles.models import FreelancerProfile
from marketplace.proposals.api.filters import InvitationFilter
from marketplace.proposals.api.serializers import InvitationCreateInput, InvitationOutput
from marketplace.proposals.models import Invitation
from marketplace.proposals.selectors import (
    invitation_get_visible,
    invitation_list_for_gig,
    invitation_list_mine,
)
from marketplace.proposals.services import invitation_decline, invitation_revoke, invitation_send


def render_invitation(request: Request, invitation: Invitation, *, status: int = 200) -> Response:
    fresh = invitation_get_visible(invitation_id=invitation.pk, user=request.user)
    return Response(InvitationOutput(fresh).data, status=status)


class GigInvitationListCreateView(WritesThrottleMixin, generics.ListAPIView[Invitation]):
    """A gig's invitations; only the members of the gig's firm (and staff) list or send them."""

    permission_classes = (IsAuthenticated,)
    serializer_class = InvitationOutput
    filterset_class = InvitationFilter
    queryset = Invitation.objects.none()

    def get_queryset(self) -> QuerySet[Invitation]:
        gig = gig_get_visible(gig_id=self.kwargs["gig_id"], user=self.request.user, details=False)
        if not (
            self.request.user.is_staff or firm_is_member(firm=gig.firm, user=self.request.user)
        ):
            raise Forbidden("permission_denied", _("Only the gig's firm sees its invitations."))
        return invitation_list_for_gig(gig=gig)

    @extend_schema(summary="Invitations sent for a gig", responses=InvitationOutput(many=True))
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        summary="Invite a freelancer to propose on an open gig",
        request=InvitationCreateInput,
        responses={201: InvitationOutput},
    )
    def post(self, request: Request, gig_id: int) -> Response:
        gig = gig_get_visible(gig_id=gig_id, user=request.user, details=False)
        data = InvitationCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        profile = (
            FreelancerProfile.objects.select_related("user")
            .filter(slug=data.validated_data["freelancer"])
            .first()
        )
        if profile is None:
            raise invalid(freelancer=[str(_("No such freelancer."))])
        invitation = invitation_send(
            gig=gig,
            by=signed_in_user(request),
            freelancer_profile=profile,
            message=data.validated_data["message"],
        )
        return render_invitation(request, invitation, status=201)


class InvitationListView(generics.ListAPIView[Invitation]):
    """Invitations you received as a freelancer and those sent for your firms' gigs."""

    permission_classes = (IsAuthenticated,)
    serializer_class = InvitationOutput
    filterset_class = InvitationFilter
    queryset = Invitation.objects.none()

    def get_queryset(self) -> QuerySet[Invitation]:
        return invitation_list_mine(user=self.request.user)

    @extend_schema(summary="Your invitations", responses=InvitationOutput(many=True))
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class _InvitationActionView(ActionView[Invitation]):
    target_name = "invitation"

    def get_target(self, request: Request) -> Invitation:
        return invitation_get_visible(invitation_id=self.kwargs["invitation_id"], user=request.user)

    def render(self, request: Request, target: Invitation) -> Response:
        return render_invitation(request, target)


@extend_schema(summary="Decline an invitation", request=None, responses=InvitationOutput)
class InvitationDeclineView(_InvitationActionView):
    """The invited freelancer declines: pending → declined."""

    service = staticmethod(invitation_decline)


@extend_schema(summary="Revoke an invitation", request=None, responses=InvitationOutput)
class InvitationRevokeView(_InvitationActionView):
    """A member of the gig's firm takes the invitation back: pending → revoked."""

    service = staticmethod(invitation_revoke)
