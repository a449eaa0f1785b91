"""The app's URLs plus the reference R: a plain Django `JsonResponse` view, same middleware."""

from django.http import HttpRequest, JsonResponse
from django.urls import include, path


def reference(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"hello": "world"})


urlpatterns = [
    path("bench/reference/", reference),
    path("", include("config.urls")),
]
