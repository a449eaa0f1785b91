"""Hostile and broken uploads through the API: each is refused with its code, or stored
re-encoded with nothing but pixels. Never a 500, never a row or file left by a refusal."""

from __future__ import annotations

import io
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from django.core.files.storage import default_storage
from PIL import ExifTags, Image
from rest_framework.test import APIClient
from tests.conftest import client_for
from tests.factories import UserFactory
from tests.marketplace.media.conftest import stored_files
from tests.marketplace.media.images import (
    BLUE,
    GREEN,
    PDF_BYTES,
    RED,
    decoded,
    fits_bytes,
    jpeg_bytes,
    jpeg_with_gps_and_orientation,
    png_bomb,
    png_bytes,
    upload,
    webp_bytes,
)

from marketplace.media.models import StoredImage, UploadQuotaDay

pytestmark = pytest.mark.django_db

URL = "/api/v1/attachments/images/"


@pytest.fixture
def user() -> Any:
    return UserFactory.create()


@pytest.fixture
def client(user: Any) -> APIClient:
    return client_for(user)


def _post(client: APIClient, data: bytes, name: str = "picture.png", **extra: Any) -> Any:
    return client.post(URL, {"image": upload(data, name), **extra}, format="multipart")


def _stored_bytes(image: StoredImage) -> bytes:
    with default_storage.open(str(image.file.name), "rb") as stored:
        return bytes(stored.read())


def _assert_nothing_stored(media_root: Path) -> None:
    assert StoredImage.objects.count() == 0
    assert UploadQuotaDay.objects.filter(uploads__gt=0).count() == 0
    assert stored_files(media_root) == []


def _close(pixel: Any, expected: tuple[int, int, int]) -> bool:
    """JPEG is lossy: each channel within 40 of the expected colour."""
    return all(abs(int(a) - b) <= 40 for a, b in zip(pixel[:3], expected, strict=True))


# --- accepted -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "content_type", "extension"),
    [
        (png_bytes(), "image/png", "png"),
        (jpeg_bytes(), "image/jpeg", "jpg"),
        (webp_bytes(), "image/webp", "webp"),
    ],
)
def test_each_accepted_format_is_stored_in_its_own_format(
    client: APIClient, user: Any, data: bytes, content_type: str, extension: str
) -> None:
    # When an image is uploaded under a misleading name
    response = _post(client, data, name="holiday.gif")

    # Then it is stored under a random name with the extension of its real format
    assert response.status_code == 201, response.json()
    body = response.json()
    image = StoredImage.objects.get()
    assert body["id"] == image.pk
    assert body["content_type"] == content_type
    assert (body["width"], body["height"]) == (64, 48)
    assert body["url"] == f"/media/{image.file.name}"
    assert str(image.file.name).startswith("images/")
    assert str(image.file.name).endswith(f".{extension}")
    assert "holiday" not in str(image.file.name)
    assert image.uploaded_by == user
    assert image.purpose == "attachment"
    assert image.upload_bytes == len(data)
    assert decoded(_stored_bytes(image)).size == (64, 48)


def test_a_jpeg_with_gps_and_orientation_is_stored_upright_without_any_metadata(
    client: APIClient,
) -> None:
    # Given a photo whose EXIF carries GPS, a camera, a rotation flag and a comment
    original = jpeg_with_gps_and_orientation()
    source = Image.open(io.BytesIO(original))
    assert source.getexif().get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitudeRef] == "N"
    assert source.size == (60, 40)

    # When it is uploaded
    response = _post(client, original, name="photo.jpg")

    # Then the stored image is turned upright: 40 × 60, red on top, blue below
    assert response.status_code == 201, response.json()
    assert (response.json()["width"], response.json()["height"]) == (40, 60)
    data = _stored_bytes(StoredImage.objects.get())
    stored = decoded(data)
    assert stored.format == "JPEG"
    assert stored.size == (40, 60)
    assert _close(stored.getpixel((20, 10)), RED)
    assert _close(stored.getpixel((20, 50)), BLUE)
    # And no metadata of any kind survives: no EXIF (GPS included), no comment, no ICC
    assert dict(stored.getexif()) == {}
    assert set(stored.info) <= {"jfif", "jfif_version", "jfif_unit", "jfif_density", "dpi"}
    for marker in (b"Exif", b"GPS", b"NanoCam", b"<script", b"ICC_PROFILE"):
        assert marker not in data


def test_a_png_with_html_appended_is_stored_reencoded_without_the_html(
    client: APIClient,
) -> None:
    # Given a valid PNG with an HTML page glued after its end (a polyglot)
    html = b"<html><body><script>alert(document.cookie)</script></body></html>"
    polyglot = png_bytes(color=GREEN) + html

    # When it is uploaded
    response = _post(client, polyglot, name="page.html")

    # Then the pixels are stored, re-encoded as PNG, and the HTML is gone
    assert response.status_code == 201, response.json()
    data = _stored_bytes(StoredImage.objects.get())
    assert b"<script" not in data
    assert b"<html" not in data
    assert data.endswith(b"IEND\xaeB`\x82")
    stored = decoded(data)
    assert stored.format == "PNG"
    assert stored.getpixel((10, 10)) == GREEN


def test_png_text_chunks_and_transparency(client: APIClient) -> None:
    # Given a transparent PNG carrying text chunks (author, a comment)
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Jane Doe, 52.5N 13.4E")
    info.add_text("Comment", "<svg onload=alert(1)>")
    out = io.BytesIO()
    Image.new("RGBA", (20, 20), (0, 0, 255, 128)).save(out, format="PNG", pnginfo=info)

    # When it is uploaded
    response = _post(client, out.getvalue())

    # Then the transparency is kept and the text is not
    assert response.status_code == 201, response.json()
    data = _stored_bytes(StoredImage.objects.get())
    stored = decoded(data)
    assert stored.mode == "RGBA"
    assert stored.getpixel((5, 5)) == (0, 0, 255, 128)
    assert b"Jane Doe" not in data
    assert b"onload" not in data
    assert "Author" not in stored.info


def test_a_large_photo_is_stored_at_most_2048_pixels_on_its_long_side(client: APIClient) -> None:
    response = _post(client, jpeg_bytes(size=(4000, 1000)))

    assert response.status_code == 201, response.json()
    assert (response.json()["width"], response.json()["height"]) == (2048, 512)


# --- refused ------------------------------------------------------------------------------------


def test_a_decompression_bomb_is_refused_before_decoding_with_bounded_memory(
    client: APIClient, media_root: Path
) -> None:
    # Given a 110 KB PNG declaring 30 000 × 30 000 pixels (900 MP, ~113 MB as 1-bit, 3.6 GB
    # had it been decoded as RGBA)
    bomb = png_bomb(30_000, 30_000)
    assert len(bomb) < 200_000
    images_before = Image.core.get_stats()["new_count"]

    # When it is uploaded, with Python's allocations traced
    tracemalloc.start()
    try:
        response = _post(client, bomb)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    # Then it is refused for its pixel count, no pixel buffer was ever allocated by Pillow,
    # and handling it took a few MB at most
    assert response.status_code == 400
    assert response.json()["code"] == "image_too_many_pixels"
    assert response.json()["details"]["max_pixels"] == 16_000_000
    assert Image.core.get_stats()["new_count"] == images_before
    assert peak < 8 * 1024 * 1024
    _assert_nothing_stored(media_root)


def test_an_image_over_our_pixel_limit_but_under_pillows_is_refused(
    client: APIClient, media_root: Path
) -> None:
    # Given 5000 × 5000 = 25 MP: Pillow's default (~89 MP) would decode it; ours (16 MP) not
    bomb = png_bomb(5000, 5000)
    assert (Image.MAX_IMAGE_PIXELS or 0) > 25_000_000

    response = _post(client, bomb)

    assert response.status_code == 400
    assert response.json()["code"] == "image_too_many_pixels"
    _assert_nothing_stored(media_root)


def test_an_oversized_file_is_refused_before_it_is_read(
    client: APIClient, media_root: Path
) -> None:
    # Given a file one byte over the default 10 MiB limit
    data = png_bytes() + b"\0" * (10 * 1024 * 1024 + 1 - len(png_bytes()))
    assert len(data) == 10 * 1024 * 1024 + 1

    response = _post(client, data)

    assert response.status_code == 413
    assert response.json()["code"] == "image_too_large"
    assert response.json()["details"]["max_bytes"] == 10 * 1024 * 1024
    _assert_nothing_stored(media_root)


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (PDF_BYTES, "scan.png"),
        (fits_bytes(), "telescope.png"),
        (b"GIF89a" + png_bytes()[8:], "animated.png"),
        (b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>", "logo.png"),
    ],
    ids=["pdf", "fits", "gif-magic", "svg"],
)
def test_files_that_are_not_jpeg_png_or_webp_are_refused(
    client: APIClient, media_root: Path, data: bytes, name: str
) -> None:
    response = _post(client, data, name=name)

    assert response.status_code == 400
    assert response.json()["code"] == "image_format_unsupported"
    assert response.json()["details"]["accepted"] == ["image/jpeg", "image/png", "image/webp"]
    _assert_nothing_stored(media_root)


def test_a_fits_file_is_one_pillow_could_read_without_the_format_list() -> None:
    # The FITS case above is meaningful: Pillow alone would open and decode it.
    image = Image.open(io.BytesIO(fits_bytes()))
    image.load()
    assert (image.format, image.size) == ("FITS", (4, 4))


@pytest.mark.parametrize(
    "data",
    [
        png_bytes(size=(200, 200))[:300],
        jpeg_bytes(size=(200, 200))[:400],
        webp_bytes(size=(200, 200))[:120],
        b"\x89PNG\r\n\x1a\n" + b"not really a png" * 10,
    ],
    ids=["png", "jpeg", "webp", "png-signature-then-garbage"],
)
def test_truncated_images_are_refused_as_corrupt(
    client: APIClient, media_root: Path, data: bytes
) -> None:
    response = _post(client, data)

    assert response.status_code == 400
    assert response.json()["code"] == "image_corrupt"
    _assert_nothing_stored(media_root)


def test_an_image_with_a_broken_data_chunk_is_refused_as_corrupt(
    client: APIClient, media_root: Path
) -> None:
    # Given a PNG whose compressed pixel data is overwritten with noise (header intact)
    data = bytearray(png_bytes(size=(100, 100)))
    start = data.index(b"IDAT") + 4
    data[start : start + 20] = b"\xff" * 20

    response = _post(client, bytes(data))

    assert response.status_code == 400
    assert response.json()["code"] == "image_corrupt"
    _assert_nothing_stored(media_root)


# --- the form itself ----------------------------------------------------------------------------


def test_a_file_under_another_field_name_is_a_validation_error(
    client: APIClient, media_root: Path
) -> None:
    response = client.post(URL, {"file": upload(png_bytes())}, format="multipart")

    assert response.status_code == 400
    assert response.json()["code"] == "validation_error"
    assert list(response.json()["details"]) == ["image"]
    _assert_nothing_stored(media_root)


def test_text_instead_of_a_file_is_a_validation_error(client: APIClient, media_root: Path) -> None:
    response = client.post(URL, {"image": "data:image/png;base64,iVBORw0"}, format="multipart")

    assert response.status_code == 400
    assert response.json()["code"] == "validation_error"
    assert list(response.json()["details"]) == ["image"]
    _assert_nothing_stored(media_root)


def test_an_empty_file_is_a_validation_error(client: APIClient, media_root: Path) -> None:
    response = _post(client, b"")

    assert response.status_code == 400
    assert response.json()["code"] == "validation_error"
    assert list(response.json()["details"]) == ["image"]
    _assert_nothing_stored(media_root)


def test_a_json_body_is_refused_as_the_wrong_media_type(
    client: APIClient, media_root: Path
) -> None:
    response = client.post(URL, {"image": "iVBORw0KGgo="}, format="json")

    assert response.status_code == 415
    assert response.json()["code"] == "unsupported_media_type"
    _assert_nothing_stored(media_root)


def test_anonymous_uploads_are_refused(api: APIClient, media_root: Path) -> None:
    response = _post(api, png_bytes())

    assert response.status_code in (401, 403)
    assert response.json()["code"] == "not_authenticated"
    assert stored_files(media_root) == []


def test_only_the_uploader_sees_an_attachment(client: APIClient, user: Any) -> None:
    # Given an attachment uploaded by `user`
    image_id = _post(client, png_bytes()).json()["id"]

    # Then its uploader sees it, anyone else gets not_found
    mine = client.get(f"{URL}{image_id}/")
    theirs = client_for(UserFactory.create()).get(f"{URL}{image_id}/")
    assert mine.status_code == 200
    assert mine.json()["id"] == image_id
    assert theirs.status_code == 404
    assert theirs.json()["code"] == "not_found"


def test_a_photo_with_damaged_exif_is_still_stored_upright_without_it(
    client: APIClient,
) -> None:
    # Given the GPS photo with one EXIF byte changed (found by fuzzing: Pillow reads the
    # orientation but then fails to rewrite the damaged EXIF block, with struct.error)
    data = bytearray(jpeg_with_gps_and_orientation())
    data[41] = 80

    response = _post(client, bytes(data), name="photo.jpg")

    # Then the pixels are stored, upright, and no EXIF survives
    assert response.status_code == 201, response.json()
    stored_bytes = _stored_bytes(StoredImage.objects.get())
    stored = decoded(stored_bytes)
    assert stored.size == (40, 60)
    assert _close(stored.getpixel((20, 10)), RED)
    assert dict(stored.getexif()) == {}
    assert b"GPS" not in stored_bytes
