"""Django serves the SPA's index.html at `/` and at every client-side route, and nothing else."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from tests.factories import UserFactory

PAGE = (
    '<!doctype html><html><head><meta name="ng-signed-in" content="0" />'
    '<script type="module" src="/static/assets/index-abc.js"></script></head></html>'
)


@pytest.fixture
def built_index(settings: Any, tmp_path: Path) -> Path:
    index = tmp_path / "index.html"
    index.write_text(PAGE)
    settings.FRONTEND_INDEX = index
    return index


@pytest.mark.parametrize("path", ["/", "/gigs/12", "/chat/3", "/freelancers/ana-lima", "/settings"])
def test_every_client_route_gets_the_app_page(client: Client, built_index: Path, path: str) -> None:
    response = client.get(path)

    assert response.status_code == 200
    assert response.content.decode() == PAGE
    assert response["Cache-Control"] == "no-cache"
    # The first POST needs the CSRF token, read from this cookie
    assert response.cookies["csrftoken"].value


@pytest.mark.django_db
def test_a_signed_in_session_is_announced_to_the_app(client: Client, built_index: Path) -> None:
    client.force_login(UserFactory.create())

    body = client.get("/contracts/4").content.decode()

    assert '<meta name="ng-signed-in" content="1" />' in body
    assert 'content="0"' not in body


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/api/v1/no-such-thing/", "/healthz", "/admin/login/", "/media/x.png"]
)
def test_django_paths_never_get_the_app_page(client: Client, built_index: Path, path: str) -> None:
    response = client.get(path)

    assert b"ng-signed-in" not in response.content


def test_an_unbuilt_app_says_how_to_build_it(client: Client, settings: Any, tmp_path: Path) -> None:
    settings.FRONTEND_INDEX = tmp_path / "missing" / "index.html"

    response = client.get("/gigs/1")

    assert response.status_code == 503
    assert "make frontend" in response.content.decode()
