"""`/me/`: who is signed in, their preferences, their profile and firms."""

from __future__ import annotations

from typing import Any, cast

from django.conf import settings
from drf_spectacular.utils import extend_schema
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from common.throttling import WritesThrottleMixin
from marketplace.accounts.api.serializers import MeOutput, MeUpdateInput
from marketplace.accounts.models import User
from marketplace.accounts.services import user_update_preferences
from marketplace.firms.selectors import firm_memberships_of_user
from marketplace.profiles.selectors import profile_slug_of_user


class MeView(WritesThrottleMixin):
    """The signed-in user. PATCH changes name, interface language and time zone."""

    # Only PATCH counts against the `writes` rate: the SPA asks for /me/ on every load.
    permission_classes = (IsAuthenticated,)

    @extend_schema(responses=MeOutput)
    def get(self, request: Request) -> Response:
        return Response(_render(_me(request)))

    @extend_schema(request=MeUpdateInput, responses=MeOutput)
    def patch(self, request: Request) -> Response:
        data = MeUpdateInput(data=request.data)
        data.is_valid(raise_exception=True)
        changes = data.validated_data
        user = _me(request)
        old_language = user.language
        user = user_update_preferences(user=user, **changes)
        response = Response(_render(user))
        if user.language != old_language:
            # LocaleMiddleware runs before authentication and reads this cookie, so it is
            # what makes the next requests (and allauth's pages) follow the choice.
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                user.language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response


def _render(user: User) -> dict[str, Any]:
    return MeOutput(
        {
            "id": user.pk,
            "email": user.email,
            "full_name": user.full_name,
            "avatar": user.avatar,
            "language": user.language,
            "time_zone": user.time_zone,
            "date_joined": user.date_joined,
            "freelancer_profile": profile_slug_of_user(user=user),
            "firms": list(firm_memberships_of_user(user=user)),
        }
    ).data


def _me(request: Request) -> User:
    """The signed-in user; the views calling this require authentication."""
    return cast(User, request.user)
