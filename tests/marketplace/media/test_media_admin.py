"""Images in Django admin: listed with a preview, never edited, deleted through the service
(row now, files after commit, avatar cleared)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from tests.conftest import client_for
from tests.factories import UserFactory
from tests.marketplace.media.conftest import stored_files
from tests.marketplace.media.images import png_bytes, upload

from marketplace.media.models import StoredImage

pytestmark = pytest.mark.django_db


def _avatar_for(user: Any, capture: Any) -> StoredImage:
    with capture(execute=True):
        response = client_for(user).put(
            "/api/v1/me/avatar/", {"image": upload(png_bytes())}, format="multipart"
        )
    assert response.status_code == 200
    return StoredImage.objects.get(uploaded_by=user)


def test_the_changelist_shows_a_preview_of_the_small_thumbnail(
    admin_client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    image = _avatar_for(UserFactory.create(), django_capture_on_commit_callbacks)

    response = admin_client.get(reverse("admin:marketplace_storedimage_changelist"))

    assert response.status_code == 200
    assert f'src="/media/{image.thumbnails["small"]["name"]}"' in response.content.decode()


def test_deleting_an_image_in_admin_removes_its_files_and_clears_the_avatar(
    admin_client: Client, django_capture_on_commit_callbacks: Any, media_root: Path
) -> None:
    # Given a user's avatar with its thumbnails on disk
    user = UserFactory.create()
    image = _avatar_for(user, django_capture_on_commit_callbacks)
    assert len(stored_files(media_root)) == 4

    # When a moderator deletes it with the bulk action
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:marketplace_storedimage_changelist"),
            {"action": "delete_selected", "_selected_action": [image.pk], "post": "yes"},
        )

    # Then the row and every file are gone, and the user has no avatar
    assert response.status_code == 302
    assert not StoredImage.objects.exists()
    assert stored_files(media_root) == []
    user.refresh_from_db()
    assert user.avatar is None


def test_images_cannot_be_changed_in_admin(
    admin_client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    image = _avatar_for(UserFactory.create(), django_capture_on_commit_callbacks)

    response = admin_client.post(
        reverse("admin:marketplace_storedimage_change", args=[image.pk]), {"purpose": "logo"}
    )

    assert response.status_code == 403
    image.refresh_from_db()
    assert image.purpose == "avatar"


def test_a_signed_in_user_whose_avatar_is_deleted_reads_their_page_without_it(
    django_capture_on_commit_callbacks: Any, media_root: Path
) -> None:
    # Given a signed-in user (a real session: their row is cached) with an avatar
    from rest_framework.test import APIClient

    from marketplace.media.services import image_delete

    user = UserFactory.create()
    image = _avatar_for(user, django_capture_on_commit_callbacks)
    client = APIClient()
    client.force_login(user)
    assert client.get("/api/v1/me/").json()["avatar"] is not None
    # When the image is deleted (its SET_NULL on the user is an update without signals)
    with django_capture_on_commit_callbacks(execute=True):
        image_delete(image=image)
    # Then the user's next request sees no avatar, rather than a missing image
    response = client.get("/api/v1/me/")
    assert (response.status_code, response.json()["avatar"]) == (200, None)
