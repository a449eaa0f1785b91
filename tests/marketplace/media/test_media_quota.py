"""Per-user daily upload quotas: counts and bytes, across every kind of upload, and not
bypassable by uploads racing each other (threads on real PostgreSQL connections)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from django.db import connection, connections
from tests.conftest import client_for
from tests.factories import UserFactory
from tests.marketplace.media.conftest import stored_files
from tests.marketplace.media.images import png_bytes, upload

from marketplace.media.models import StoredImage, UploadQuotaDay

ATTACH = "/api/v1/attachments/images/"
AVATAR = "/api/v1/me/avatar/"


def _post(client: Any, data: bytes) -> Any:
    return client.post(ATTACH, {"image": upload(data)}, format="multipart")


@pytest.mark.django_db
def test_the_upload_after_the_daily_count_is_refused_with_429(
    settings: Any, media_root: Path
) -> None:
    # Given a limit of 3 uploads a day and a user who used 2 on attachments and 1 on an avatar
    settings.MEDIA_UPLOADS_PER_DAY = 3
    user = UserFactory.create()
    client = client_for(user)
    assert [_post(client, png_bytes()).status_code for _ in range(2)] == [201, 201]
    assert client.put(AVATAR, {"image": upload(png_bytes())}, format="multipart").status_code == 200
    files_before = stored_files(media_root)

    # When they upload once more
    response = _post(client, png_bytes())

    # Then it is refused with the stable code, saying the limits, and nothing is stored
    assert response.status_code == 429
    body = response.json()
    assert body["code"] == "upload_quota_exceeded"
    assert body["details"] == {
        "max_uploads": 3,
        "max_bytes": 100 * 1024 * 1024,
        "uploads": 3,
        "upload_bytes": 3 * len(png_bytes()),
    }
    assert StoredImage.objects.filter(uploaded_by=user).count() == 3
    assert stored_files(media_root) == files_before
    # And another user is not affected
    assert _post(client_for(UserFactory.create()), png_bytes()).status_code == 201


@pytest.mark.django_db
def test_the_daily_bytes_are_a_limit_too(settings: Any) -> None:
    # Given a byte budget that fits two of these images but not three
    size = len(png_bytes())
    settings.MEDIA_UPLOAD_BYTES_PER_DAY = 2 * size + size // 2
    user = UserFactory.create()
    client = client_for(user)

    statuses = [_post(client, png_bytes()).status_code for _ in range(3)]

    assert statuses == [201, 201, 429]
    quota = UploadQuotaDay.objects.get(user=user)
    assert (quota.uploads, quota.upload_bytes) == (2, 2 * size)


@pytest.mark.django_db
def test_refused_files_do_not_use_the_quota(settings: Any) -> None:
    settings.MEDIA_UPLOADS_PER_DAY = 1
    user = UserFactory.create()
    client = client_for(user)

    assert _post(client, b"%PDF-1.4 not an image").status_code == 400
    assert _post(client, png_bytes()).status_code == 201
    assert UploadQuotaDay.objects.get(user=user).uploads == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs row locks")
def test_racing_uploads_cannot_pass_the_quota(settings: Any, media_root: Path) -> None:
    # Given a limit of 3 uploads a day and 8 uploads of one user released at the same instant,
    # each on its own connection, as 8 web workers would run them
    settings.MEDIA_UPLOADS_PER_DAY = 3
    user = UserFactory.create()
    barrier = threading.Barrier(8)
    statuses: list[int] = []
    lock = threading.Lock()

    def upload_once() -> None:
        client = client_for(user)
        try:
            barrier.wait(timeout=10)
            status = _post(client, png_bytes()).status_code
            with lock:
                statuses.append(status)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=upload_once) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    # Then exactly 3 were stored and 5 refused, and the counter agrees
    assert sorted(statuses) == [201] * 3 + [429] * 5
    assert StoredImage.objects.filter(uploaded_by=user).count() == 3
    assert UploadQuotaDay.objects.get(user=user).uploads == 3
    originals = [f for f in stored_files(media_root) if "_" not in Path(f).name]
    assert len(originals) == 3


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs row locks")
def test_racing_portfolio_additions_cannot_pass_the_item_limit(settings: Any) -> None:
    # Given room for 2 portfolio items and 6 additions released at the same instant
    from tests.factories import FreelancerProfileFactory

    from marketplace.media.models import PortfolioItem

    settings.MEDIA_PORTFOLIO_MAX_ITEMS = 2
    profile = FreelancerProfileFactory.create()
    barrier = threading.Barrier(6)
    outcomes: list[tuple[int, str]] = []
    lock = threading.Lock()

    def add() -> None:
        client = client_for(profile.user)
        try:
            barrier.wait(timeout=10)
            response = client.post(
                "/api/v1/me/freelancer-profile/portfolio/",
                {"image": upload(png_bytes())},
                format="multipart",
            )
            with lock:
                outcomes.append((response.status_code, response.json().get("code", "")))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=add) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    # Then two items exist, at positions 0 and 1, and the rest were told the portfolio is full
    assert sorted(outcomes) == [(201, "")] * 2 + [(409, "portfolio_full")] * 4
    positions = PortfolioItem.objects.filter(profile=profile).values_list("position", flat=True)
    assert sorted(positions) == [0, 1]
    assert StoredImage.objects.filter(uploaded_by=profile.user).count() == 2
