"""API pieces shared by the marketplace packages' views: the signed-in user, the caller's
firms, and `ActionView` for lifecycle POSTs (publish, withdraw, complete …)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, Generic, TypeVar, cast

from rest_framework.generics import GenericAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from marketplace.accounts.models import User

_T = TypeVar("_T")


def signed_in_user(request: Request) -> User:
    """The request's user, for views whose permission classes required a signed-in one."""
    return cast(User, request.user)


def member_firm_ids(user: Any) -> frozenset[int]:
    """Ids of the caller's firms, once per request, to decide who sees firm-only fields."""
    from marketplace.firms.selectors import firm_ids_of_user

    if not getattr(user, "is_authenticated", False):
        return frozenset()
    return frozenset(firm_ids_of_user(user=user))


class SkipIdleFiltersMixin(GenericAPIView[Any]):
    """List views: with none of the filterset's query parameters, skip django-filter.

    Its filterset filters nothing then, yet it would still build a form per request, deep-copying
    every filter's field and choices (currencies, languages): about a millisecond of the gig
    list's few (docs/benchmarks.md, "Profiling and fixes").
    """

    filterset_class: Any

    def filter_queryset(self, queryset: Any) -> Any:
        if not any(name in self.request.query_params for name in self.filterset_class.base_filters):
            return queryset
        return super().filter_queryset(queryset)


class ActionView(APIView, Generic[_T]):
    """A POST without a body that moves one object through its lifecycle (publish, withdraw,
    complete …): find the object as the caller sees it, run `service` as the caller, render
    the result.

    The lookup comes first so an object the caller may not see is a 404 before the service is
    asked; the service then decides who may act (403) and whether the state allows it (409).
    Subclasses set `service` and `target_name`, and say how to find the object (`get_target`,
    from the URL's `self.kwargs`) and render it; the schema's request and response are declared
    with `@extend_schema` on them.
    """

    permission_classes = (IsAuthenticated,)
    throttle_scope = "writes"
    # A keyword-only service `(<target_name>=obj, by=user) -> obj`, e.g. `gig_publish`.
    service: ClassVar[Callable[..., Any]]
    target_name: ClassVar[str]

    def get_target(self, request: Request) -> _T:
        raise NotImplementedError

    def render(self, request: Request, target: _T) -> Response:
        """The object as the caller sees it after the write."""
        raise NotImplementedError

    def post(self, request: Request, **kwargs: Any) -> Response:
        target = self.get_target(request)
        done = type(self).service(**{self.target_name: target}, by=signed_in_user(request))
        return self.render(request, done)
