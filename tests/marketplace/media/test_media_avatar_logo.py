"""Avatars and firm logos: set, replace, remove; who may; where they show."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tests.conftest import client_for
from tests.factories import FirmMembershipFactory, FreelancerProfileFactory, UserFactory
from tests.marketplace.media.conftest import stored_files
from tests.marketplace.media.images import PDF_BYTES, jpeg_bytes, png_bytes, upload

from marketplace.firms.models import Firm
from marketplace.media.models import StoredImage, UploadQuotaDay

pytestmark = pytest.mark.django_db

AVATAR = "/api/v1/me/avatar/"


def _logo_url(firm: Firm) -> str:
    return f"/api/v1/firms/{firm.slug}/logo/"


def _put(client: Any, url: str, data: bytes) -> Any:
    return client.put(url, {"image": upload(data)}, format="multipart")


def test_setting_an_avatar_shows_it_on_me_and_on_the_public_profile(
    django_capture_on_commit_callbacks: Any,
) -> None:
    # Given a freelancer with a public profile
    profile = FreelancerProfileFactory.create(visibility="public")
    client = client_for(profile.user)

    # When they set an avatar
    with django_capture_on_commit_callbacks(execute=True):
        response = _put(client, AVATAR, jpeg_bytes(size=(400, 400)))

    # Then it is theirs, and /me/, the public page and the list show it with thumbnails
    assert response.status_code == 200, response.json()
    image = StoredImage.objects.get()
    assert (image.uploaded_by, image.purpose) == (profile.user, "avatar")
    profile.user.refresh_from_db()
    assert profile.user.avatar == image
    expected = {
        "id": image.pk,
        "url": f"/media/{image.file.name}",
        "content_type": "image/jpeg",
        "width": 400,
        "height": 400,
        "thumbnails": {
            size: f"/media/{image.thumbnails[size]['name']}"
            for size in ("small", "medium", "large")
        },
    }
    assert client.get("/api/v1/me/").json()["avatar"] == expected
    anonymous = client_for(None)
    assert anonymous.get(f"/api/v1/freelancers/{profile.slug}/").json()["avatar"] == expected
    assert anonymous.get("/api/v1/freelancers/").json()["results"][0]["avatar"] == expected


def test_a_new_avatar_replaces_the_old_one_and_its_files(
    django_capture_on_commit_callbacks: Any, media_root: Path
) -> None:
    # Given a user with an avatar (and its thumbnails)
    user = UserFactory.create()
    client = client_for(user)
    with django_capture_on_commit_callbacks(execute=True):
        _put(client, AVATAR, png_bytes())
    old = StoredImage.objects.get()
    old_files = stored_files(media_root)
    assert len(old_files) == 4

    # When they upload another
    with django_capture_on_commit_callbacks(execute=True):
        response = _put(client, AVATAR, jpeg_bytes())

    # Then only the new one remains, in the database and on disk
    assert response.status_code == 200
    new = StoredImage.objects.get()
    assert new.pk != old.pk
    user.refresh_from_db()
    assert user.avatar == new
    remaining = stored_files(media_root)
    assert set(remaining).isdisjoint(old_files)
    assert len(remaining) == 4


def test_removing_the_avatar_deletes_it(
    django_capture_on_commit_callbacks: Any, media_root: Path
) -> None:
    user = UserFactory.create()
    client = client_for(user)
    _put(client, AVATAR, png_bytes())

    with django_capture_on_commit_callbacks(execute=True):
        response = client.delete(AVATAR)

    assert response.status_code == 204
    user.refresh_from_db()
    assert user.avatar is None
    assert StoredImage.objects.count() == 0
    assert stored_files(media_root) == []
    assert client.get("/api/v1/me/").json()["avatar"] is None


def test_a_refused_avatar_keeps_the_old_one(media_root: Path) -> None:
    user = UserFactory.create()
    client = client_for(user)
    _put(client, AVATAR, png_bytes())
    before = stored_files(media_root)

    response = _put(client, AVATAR, PDF_BYTES)

    assert response.json()["code"] == "image_format_unsupported"
    user.refresh_from_db()
    assert user.avatar == StoredImage.objects.get()
    assert stored_files(media_root) == before


def test_an_owner_sets_the_firm_logo_and_the_public_page_shows_it() -> None:
    # Given a firm and its owner
    owner = FirmMembershipFactory.create(role="owner")
    firm = owner.firm

    # When the owner uploads a logo
    response = _put(client_for(owner.user), _logo_url(firm), png_bytes(size=(300, 100)))

    # Then the firm's public page shows it
    assert response.status_code == 200, response.json()
    image = StoredImage.objects.get()
    assert (image.purpose, image.uploaded_by) == ("logo", owner.user)
    page = client_for(None).get(f"/api/v1/firms/{firm.slug}/").json()
    assert page["logo"]["id"] == image.pk
    assert (page["logo"]["width"], page["logo"]["height"]) == (300, 100)
    assert page["logo"]["content_type"] == "image/png"
    # And its members' "my firms" list too
    mine = client_for(owner.user).get("/api/v1/firms/").json()["results"]
    assert [f["logo"]["id"] for f in mine] == [image.pk]


@pytest.mark.parametrize("who", ["member", "stranger"])
def test_only_owners_may_set_or_remove_the_logo(media_root: Path, who: str) -> None:
    # Given a firm with a logo, and a plain member or an outsider
    owner = FirmMembershipFactory.create(role="owner")
    firm = owner.firm
    _put(client_for(owner.user), _logo_url(firm), png_bytes())
    logo = StoredImage.objects.get()
    files = stored_files(media_root)
    if who == "member":
        user = FirmMembershipFactory.create(firm=firm, role="member").user
    else:
        user = UserFactory.create()
    client = client_for(user)

    # When they try to replace it, then to remove it
    replaced = _put(client, _logo_url(firm), jpeg_bytes())
    removed = client.delete(_logo_url(firm))

    # Then both are refused, and nothing was stored, counted or removed
    assert (replaced.status_code, replaced.json()["code"]) == (403, "permission_denied")
    assert (removed.status_code, removed.json()["code"]) == (403, "permission_denied")
    firm.refresh_from_db()
    assert firm.logo == logo
    assert list(StoredImage.objects.all()) == [logo]
    assert stored_files(media_root) == files
    assert not UploadQuotaDay.objects.filter(user=user).exists()


def test_the_logo_of_an_unknown_firm_is_not_found(media_root: Path) -> None:
    response = _put(client_for(UserFactory.create()), "/api/v1/firms/nope/logo/", png_bytes())

    assert (response.status_code, response.json()["code"]) == (404, "not_found")
    assert stored_files(media_root) == []


def test_an_owner_removes_the_logo(media_root: Path) -> None:
    owner = FirmMembershipFactory.create(role="owner")
    client = client_for(owner.user)
    _put(client, _logo_url(owner.firm), png_bytes())

    response = client.delete(_logo_url(owner.firm))

    assert response.status_code == 204
    owner.firm.refresh_from_db()
    assert owner.firm.logo is None
    assert StoredImage.objects.count() == 0


def test_anonymous_callers_cannot_set_an_avatar(media_root: Path) -> None:
    response = _put(client_for(None), AVATAR, png_bytes())

    assert response.json()["code"] == "not_authenticated"
    assert stored_files(media_root) == []
