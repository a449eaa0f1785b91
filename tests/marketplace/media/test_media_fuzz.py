"""Damaged files of every shape get one of the pipeline's codes, never another exception
(which the API would answer with a 500)."""

from __future__ import annotations

import io
import struct
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.conftest import client_for
from tests.factories import UserFactory
from tests.marketplace.media.images import jpeg_bytes, png_bytes, upload, webp_bytes

from common.errors import DomainError
from marketplace.media.processing import CleanImage, image_clean

SEEDS = {
    "png": png_bytes(size=(40, 30)),
    "jpeg": jpeg_bytes(size=(40, 30)),
    "webp": webp_bytes(size=(40, 30)),
}
CODES = {"image_too_large", "image_too_many_pixels", "image_format_unsupported", "image_corrupt"}


def _clean(data: bytes) -> CleanImage | str:
    try:
        return image_clean(source=io.BytesIO(data), size=len(data))
    except DomainError as exc:
        return exc.code


@settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    seed=st.sampled_from(sorted(SEEDS)),
    edits=st.lists(
        st.tuples(st.integers(min_value=0, max_value=2000), st.integers(0, 255)), max_size=8
    ),
    cut=st.one_of(st.none(), st.integers(min_value=0, max_value=2000)),
)
def test_mutated_images_are_cleaned_or_refused_with_a_code(
    seed: str, edits: list[tuple[int, int]], cut: int | None
) -> None:
    data = bytearray(SEEDS[seed])
    for offset, value in edits:
        data[offset % len(data)] = value
    if cut is not None:
        data = data[:cut]

    outcome = _clean(bytes(data))

    assert isinstance(outcome, CleanImage) or outcome in CODES


def _jpeg_claiming(width: int, height: int) -> bytes:
    """A small JPEG whose frame header (SOF0) claims other dimensions."""
    data = bytearray(jpeg_bytes(size=(16, 16)))
    sof = data.index(b"\xff\xc0")
    data[sof + 5 : sof + 9] = struct.pack(">HH", height, width)
    return bytes(data)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "code"),
    [
        (_jpeg_claiming(60_000, 60_000), "image_too_many_pixels"),
        (_jpeg_claiming(5_000, 4_000), "image_too_many_pixels"),
        (_jpeg_claiming(0, 16), "image_corrupt"),
    ],
    ids=["jpeg-3.6-gigapixels", "jpeg-20-megapixels", "jpeg-zero-width"],
)
def test_jpeg_headers_lying_about_their_size_are_refused(data: bytes, code: str) -> None:
    client: Any = client_for(UserFactory.create())

    response = client.post(
        "/api/v1/attachments/images/", {"image": upload(data)}, format="multipart"
    )

    assert response.status_code == 400
    assert response.json()["code"] == code
