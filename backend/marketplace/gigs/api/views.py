"""Gig endpoints: browse, post, edit and move a gig through its lifecycle."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.exceptions import NotAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from common.fields import invalid
from common.throttling import WritesThrottleMixin
from marketplace.api_base import (
    ActionView,
    SkipIdleFiltersMixin,
    member_firm_ids,
    signed_in_user,
)
from marketplace.firms.models import Firm
from marketplace.firms.reputation import firm_reputation_get
from marketplace.gigs.api.filters import GigFilter
from marketplace.gigs.api.render import gig_payloads
from marketplace.gigs.api.serializers import (
    GigCreateInput,
    GigDetailOutput,
    GigOutput,
    GigUpdateInput,
)
from marketplace.gigs.models import Gig
from marketplace.gigs.selectors import (
    gig_get_visible,
    gig_get_visible_row,
    gig_list_of_my_firms_rows,
    gig_list_public_rows,
)
from marketplace.gigs.services import (
    gig_cancel,
    gig_close,
    gig_create,
    gig_publish,
    gig_reopen,
    gig_update,
)
from marketplace.public_cache import public_read
from marketplace.reviews.api.serializers import FirmReputationOutput


def render_gig(
    request: Request,
    gig: Gig,
    *,
    status: int = 200,
    reload: bool = True,
    output: type[GigOutput] = GigOutput,
) -> Response:
    """Render the gig; after a write, reload it with its details as the caller sees it."""
    fresh = gig_get_visible(gig_id=gig.pk, user=request.user) if reload else gig
    context = {"request": request, "member_firm_ids": member_firm_ids(request.user)}
    return Response(output(fresh, context=context).data, status=status)


class GigListCreateView(SkipIdleFiltersMixin, WritesThrottleMixin, generics.ListAPIView[Gig]):
    """Open gigs anyone may browse, newest first; `scope=mine` lists your firms' gigs."""

    serializer_class = GigOutput
    filterset_class = GigFilter
    queryset = Gig.objects.none()

    def get_queryset(self) -> QuerySet[Gig, dict[str, Any]]:
        # Rows, not instances: the page is rendered by `gig_payloads` (same output as GigOutput).
        if self.request.query_params.get("scope") == "mine":
            if not self.request.user.is_authenticated:
                raise NotAuthenticated()
            return gig_list_of_my_firms_rows(user=self.request.user)
        return gig_list_public_rows()

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        payloads = gig_payloads(page or [], member_firm_ids=member_firm_ids(request.user))
        return self.get_paginated_response(payloads)

    @extend_schema(
        summary="Browse open gigs, or every gig of your firms with scope=mine",
        responses=GigOutput(many=True),
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return public_read(request, lambda: super(GigListCreateView, self).get(request))

    @extend_schema(
        summary="Post a gig (as a draft) for one of your firms",
        request=GigCreateInput,
        responses={201: GigOutput},
    )
    def post(self, request: Request) -> Response:
        data = GigCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        firm = Firm.objects.filter(slug=values.pop("firm")).first()
        if firm is None:
            raise invalid(firm=[str(_("No such firm."))])
        gig = gig_create(firm=firm, by=signed_in_user(request), **values)
        return render_gig(request, gig, status=201)


class GigDetailView(WritesThrottleMixin, APIView):
    """One gig: public while open; its firm's members see it in every state."""

    @extend_schema(summary="A gig", responses=GigDetailOutput)
    def get(self, request: Request, gig_id: int) -> Response:
        return public_read(request, lambda: self._render(request, gig_id))

    def _render(self, request: Request, gig_id: int) -> Response:
        row = gig_get_visible_row(gig_id=gig_id, user=request.user)
        (payload,) = gig_payloads([row], member_firm_ids=member_firm_ids(request.user))
        reputation = firm_reputation_get(firm_id=row["firm_id"])
        payload["firm_reputation"] = FirmReputationOutput(reputation).data
        return Response(payload)

    @extend_schema(
        summary="Edit a draft or open gig (firm members)",
        request=GigUpdateInput,
        responses=GigOutput,
    )
    def patch(self, request: Request, gig_id: int) -> Response:
        gig = gig_get_visible(gig_id=gig_id, user=request.user, details=False)
        data = GigUpdateInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        gig = gig_update(gig=gig, by=signed_in_user(request), **data.validated_data)
        return render_gig(request, gig)


@extend_schema(request=None, responses=GigOutput)
class _GigActionView(ActionView[Gig]):
    target_name = "gig"

    def get_target(self, request: Request) -> Gig:
        return gig_get_visible(gig_id=self.kwargs["gig_id"], user=request.user, details=False)

    def render(self, request: Request, target: Gig) -> Response:
        return render_gig(request, target)


class GigPublishView(_GigActionView):
    """draft → open: the gig becomes public and takes proposals (needs a required skill)."""

    service = staticmethod(gig_publish)


class GigCloseView(_GigActionView):
    """open → closed: stop taking proposals; those received stay."""

    service = staticmethod(gig_close)


class GigReopenView(_GigActionView):
    """closed → open: take proposals again."""

    service = staticmethod(gig_reopen)


class GigCancelView(_GigActionView):
    """draft / open / closed → cancelled: active proposals are declined, invitations revoked."""

    service = staticmethod(gig_cancel)
