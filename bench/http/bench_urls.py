"""The app's URLs plus the reference R: a plain Django `JsonResponse` view, same middleware;
and which worker answered, so the benchmark starts once every worker serves."""

import os

from django.http import HttpRequest, JsonResponse
from django.urls import include, path


def reference(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"hello": "world"})


def worker(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"pid": os.getpid()})


urlpatterns = [
    path("bench/reference/", reference),
    path("bench/worker/", worker),
    path("", include("config.urls")),
]
