"""Image uploads: my avatar, a firm's logo, my portfolio, attachment images.

Uploads are `multipart/form-data` with the file in the `image` field; any other body is
`unsupported_media_type`. The views parse the form and call `media.services`/`media.portfolio`,
which run the image through `media.processing` and store it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from drf_spectacular.utils import extend_schema
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from common.throttling import WritesThrottleMixin
from marketplace.api_base import signed_in_user
from marketplace.firms.selectors import firm_get
from marketplace.media import portfolio, selectors, services
from marketplace.media.api.serializers import (
    ImageOutput,
    ImageUploadInput,
    PortfolioItemCreateInput,
    PortfolioItemOutput,
    PortfolioItemUpdateInput,
    PortfolioReorderInput,
)
from marketplace.media.models import PortfolioItem
from marketplace.profiles.selectors import profile_get_own

MULTIPART = {"multipart/form-data": ImageUploadInput}


def _upload(request: Request, serializer: type[Any] = ImageUploadInput) -> dict[str, Any]:
    data = serializer(data=request.data)
    data.is_valid(raise_exception=True)
    return dict(data.validated_data)


def _file(upload: UploadedFile) -> dict[str, Any]:
    """The service's `source` and `size` for an uploaded file; `size` is what the client sent,
    known before anything is read."""
    return {"source": upload, "size": int(upload.size or 0)}


class MyAvatarView(APIView):
    """PUT sets the signed-in user's avatar (replacing the old one); DELETE removes it."""

    permission_classes = (IsAuthenticated,)
    parser_classes = (MultiPartParser,)
    throttle_scope = "writes"

    @extend_schema(request=MULTIPART, responses=ImageOutput)
    def put(self, request: Request) -> Response:
        image = _upload(request)["image"]
        user = services.user_avatar_set(user=signed_in_user(request), **_file(image))
        return Response(ImageOutput(user.avatar).data)

    @extend_schema(request=None, responses={204: None})
    def delete(self, request: Request) -> Response:
        services.user_avatar_remove(user=signed_in_user(request))
        return Response(status=204)


class FirmLogoView(APIView):
    """PUT sets the firm's logo, DELETE removes it; the firm's owners only."""

    permission_classes = (IsAuthenticated,)
    parser_classes = (MultiPartParser,)
    throttle_scope = "writes"

    @extend_schema(request=MULTIPART, responses=ImageOutput)
    def put(self, request: Request, slug: str) -> Response:
        firm = firm_get(slug=slug)
        image = _upload(request)["image"]
        firm = services.firm_logo_set(firm=firm, by=signed_in_user(request), **_file(image))
        return Response(ImageOutput(firm.logo).data)

    @extend_schema(request=None, responses={204: None})
    def delete(self, request: Request, slug: str) -> Response:
        services.firm_logo_remove(firm=firm_get(slug=slug), by=signed_in_user(request))
        return Response(status=204)


class MyPortfolioView(WritesThrottleMixin):
    """The signed-in freelancer's portfolio in display order; POST adds an item at the end."""

    permission_classes = (IsAuthenticated,)
    parser_classes = (MultiPartParser,)

    @extend_schema(responses=PortfolioItemOutput(many=True))
    def get(self, request: Request) -> Response:
        profile = profile_get_own(user=request.user)
        items = selectors.portfolio_list(profile=profile)
        return Response(_items(items))

    @extend_schema(
        request={"multipart/form-data": PortfolioItemCreateInput},
        responses={201: PortfolioItemOutput},
    )
    def post(self, request: Request) -> Response:
        profile = profile_get_own(user=request.user)
        values = _upload(request, PortfolioItemCreateInput)
        item = portfolio.portfolio_item_create(
            profile=profile,
            by=signed_in_user(request),
            caption=values["caption"],
            link=values["link"],
            **_file(values["image"]),
        )
        return Response(PortfolioItemOutput(item).data, status=201)


class MyPortfolioItemView(APIView):
    """PATCH changes an item's caption, link or image; DELETE removes it. Items of other
    profiles are `not_found`."""

    permission_classes = (IsAuthenticated,)
    parser_classes = (MultiPartParser, FormParser, JSONParser)
    throttle_scope = "writes"

    @extend_schema(
        request={
            "multipart/form-data": PortfolioItemUpdateInput,
            "application/json": PortfolioItemUpdateInput,
        },
        responses=PortfolioItemOutput,
    )
    def patch(self, request: Request, item_id: int) -> Response:
        item = selectors.portfolio_item_get_own(item_id=item_id, user=request.user)
        values = _upload(request, PortfolioItemUpdateInput)
        image = values.pop("image", None)
        files = _file(image) if image is not None else {}
        item = portfolio.portfolio_item_update(
            item=item, by=signed_in_user(request), **files, **values
        )
        return Response(PortfolioItemOutput(item).data)

    @extend_schema(request=None, responses={204: None})
    def delete(self, request: Request, item_id: int) -> Response:
        item = selectors.portfolio_item_get_own(item_id=item_id, user=request.user)
        portfolio.portfolio_item_delete(item=item, by=signed_in_user(request))
        return Response(status=204)


class MyPortfolioReorderView(APIView):
    """Put the portfolio in a new order: `item_ids` lists every item once."""

    permission_classes = (IsAuthenticated,)
    throttle_scope = "writes"

    @extend_schema(request=PortfolioReorderInput, responses=PortfolioItemOutput(many=True))
    def post(self, request: Request) -> Response:
        profile = profile_get_own(user=request.user)
        data = PortfolioReorderInput(data=request.data)
        data.is_valid(raise_exception=True)
        items = portfolio.portfolio_reorder(
            profile=profile, by=signed_in_user(request), item_ids=data.validated_data["item_ids"]
        )
        return Response(_items(items))


class AttachmentImageView(APIView):
    """Upload an image to attach later (to a chat message): answers its id and URLs."""

    permission_classes = (IsAuthenticated,)
    parser_classes = (MultiPartParser,)
    throttle_scope = "writes"

    @extend_schema(request=MULTIPART, responses={201: ImageOutput})
    def post(self, request: Request) -> Response:
        image = _upload(request)["image"]
        stored = services.attachment_upload(by=signed_in_user(request), **_file(image))
        return Response(ImageOutput(stored).data, status=201)


class AttachmentImageDetailView(APIView):
    """One of my attachment images, e.g. to see whether its thumbnails are ready."""

    permission_classes = (IsAuthenticated,)

    @extend_schema(responses=ImageOutput)
    def get(self, request: Request, image_id: int) -> Response:
        image = selectors.attachment_get_own(image_id=image_id, user=request.user)
        return Response(ImageOutput(image).data)


def _items(items: Iterable[PortfolioItem]) -> list[dict[str, Any]]:
    return [PortfolioItemOutput(item).data for item in items]
