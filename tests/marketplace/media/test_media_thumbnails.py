"""Thumbnails: made after commit by an idempotent task; served with the right type."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.storage import default_storage
from tests.conftest import client_for
from tests.factories import UserFactory
from tests.marketplace.media.conftest import stored_files
from tests.marketplace.media.images import decoded, jpeg_bytes, png_bytes, upload, webp_bytes

from marketplace.media.models import StoredImage
from marketplace.media.tasks import image_thumbnails_make

pytestmark = pytest.mark.django_db

ATTACH = "/api/v1/attachments/images/"


def _upload(client: Any, data: bytes, capture: Any) -> dict[str, Any]:
    with capture(execute=True):
        response = client.post(ATTACH, {"image": upload(data)}, format="multipart")
    assert response.status_code == 201, response.json()
    return dict(response.json())


def test_thumbnails_are_made_after_commit_in_three_sizes(
    django_capture_on_commit_callbacks: Any,
) -> None:
    # Given an upload of a 1200 × 600 JPEG (the task runs when the upload commits)
    client = client_for(UserFactory.create())
    body = _upload(client, jpeg_bytes(size=(1200, 600)), django_capture_on_commit_callbacks)

    # Then the answer already lists the thumbnails, and each is the right size and type
    image = StoredImage.objects.get()
    detail = client.get(f"{ATTACH}{image.pk}/").json()
    names = {size: image.thumbnails[size]["name"] for size in ("small", "medium", "large")}
    assert detail["thumbnails"] == {size: f"/media/{name}" for size, name in names.items()}
    dimensions = {}
    for size, name in names.items():
        with default_storage.open(name, "rb") as stored:
            thumbnail = decoded(stored.read())
        assert thumbnail.format == "JPEG"
        dimensions[size] = thumbnail.size
    assert dimensions == {"small": (96, 48), "medium": (320, 160), "large": (960, 480)}
    assert body["id"] == image.pk


def test_the_thumbnail_task_is_idempotent(
    django_capture_on_commit_callbacks: Any, media_root: Path
) -> None:
    # Given an image whose thumbnails were made
    client = client_for(UserFactory.create())
    _upload(client, png_bytes(size=(500, 500)), django_capture_on_commit_callbacks)
    image = StoredImage.objects.get()
    files = stored_files(media_root)
    assert len(files) == 4
    contents = {name: (media_root / name).read_bytes() for name in files}
    recorded = dict(image.thumbnails)

    # When the task runs again (a redelivery), twice
    first = image_thumbnails_make(image.pk)
    second = image_thumbnails_make(image.pk)

    # Then it makes nothing and changes nothing
    assert (first, second) == ([], [])
    assert stored_files(media_root) == files
    assert {name: (media_root / name).read_bytes() for name in files} == contents
    image.refresh_from_db()
    assert image.thumbnails == recorded


def test_a_run_that_died_midway_is_completed_without_duplicate_files(
    django_capture_on_commit_callbacks: Any, media_root: Path
) -> None:
    # Given an image whose "large" thumbnail file was written but never recorded
    client = client_for(UserFactory.create())
    _upload(client, webp_bytes(size=(1500, 1000)), django_capture_on_commit_callbacks)
    image = StoredImage.objects.get()
    large = image.thumbnails.pop("large")
    image.save(update_fields=["thumbnails"])
    files = stored_files(media_root)

    # When the task runs again
    made = image_thumbnails_make(image.pk)

    # Then it makes only the missing one, under the same name, with no stray copy
    assert made == ["large"]
    image.refresh_from_db()
    assert image.thumbnails["large"] == large
    assert stored_files(media_root) == files


def test_the_task_for_a_deleted_image_does_nothing() -> None:
    assert image_thumbnails_make(987_654) == []


def test_stored_images_are_served_with_their_type_and_nosniff(
    django_capture_on_commit_callbacks: Any, client: Any
) -> None:
    # Given a stored PNG and its thumbnail
    uploader = client_for(UserFactory.create())
    image_id = _upload(uploader, png_bytes(), django_capture_on_commit_callbacks)["id"]
    body = uploader.get(f"{ATTACH}{image_id}/").json()

    # When anyone fetches them by URL
    for url in (body["url"], body["thumbnails"]["small"]):
        response = client.get(url)

        # Then they come as PNG, never sniffed, sandboxed, cacheable for good
        assert response.status_code == 200
        assert response["Content-Type"] == "image/png"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
        assert response["Cache-Control"] == "public, max-age=31536000, immutable"
        assert decoded(b"".join(response.streaming_content)).format == "PNG"


@pytest.mark.parametrize(
    "path",
    [
        "/media/images/ab/missing.png",
        "/media/images/../../etc/passwd.png",
        "/media/other/file.png",
        "/media/images/ab/page.html",
        "/media/images/ab/image.svg",
    ],
)
def test_anything_but_a_stored_image_is_not_found(client: Any, media_root: Path, path: str) -> None:
    # Even when a file of that name exists in the media folder
    (media_root / "images" / "ab").mkdir(parents=True)
    (media_root / "images" / "ab" / "page.html").write_text("<script>alert(1)</script>")
    (media_root / "images" / "ab" / "image.svg").write_text("<svg onload='alert(1)'/>")
    (media_root / "other").mkdir()
    (media_root / "other" / "file.png").write_bytes(png_bytes())

    response = client.get(path)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == "not_found"


@pytest.mark.django_db(transaction=True)
def test_with_in_process_tasks_the_upload_answer_has_its_thumbnails() -> None:
    # Given the embedded mode's in-process tasks (the tests' default, as `make run`'s) and
    # real commits (no test transaction around the request)
    from config.celery import app

    assert app.conf.task_always_eager is True
    client = client_for(UserFactory.create())

    # When an image is uploaded
    response = client.post(ATTACH, {"image": upload(png_bytes())}, format="multipart")

    # Then the thumbnails were made on commit, before the answer was rendered
    assert response.status_code == 201
    image = StoredImage.objects.get()
    assert response.json()["thumbnails"] == {
        size: f"/media/{image.thumbnails[size]['name']}" for size in ("small", "medium", "large")
    }
