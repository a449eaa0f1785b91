"""Portfolio items through the API: create, edit, reorder, delete; limits; other people's
items; the public profile page showing them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rest_framework.test import APIClient
from tests.conftest import client_for
from tests.factories import FreelancerProfileFactory, UserFactory
from tests.marketplace.media.conftest import stored_files
from tests.marketplace.media.images import PDF_BYTES, jpeg_bytes, png_bytes, upload

from marketplace.media.models import PortfolioItem, StoredImage

pytestmark = pytest.mark.django_db

PORTFOLIO = "/api/v1/me/freelancer-profile/portfolio/"


@pytest.fixture
def profile() -> Any:
    return FreelancerProfileFactory.create(visibility="public")


@pytest.fixture
def client(profile: Any) -> APIClient:
    return client_for(profile.user)


def _add(client: APIClient, caption: str = "", link: str = "", data: bytes | None = None) -> Any:
    form = {"image": upload(data or png_bytes()), "caption": caption, "link": link}
    return client.post(PORTFOLIO, form, format="multipart")


def _order(profile: Any) -> list[tuple[str, int]]:
    items = PortfolioItem.objects.filter(profile=profile).order_by("position")
    return [(item.caption, item.position) for item in items]


def test_adding_items_appends_them_and_the_public_page_shows_them(
    client: APIClient, profile: Any, django_capture_on_commit_callbacks: Any
) -> None:
    # When the freelancer adds two items
    with django_capture_on_commit_callbacks(execute=True):
        first = _add(client, " Shop redesign ", "https://shop.example/case", jpeg_bytes())
        second = _add(client, "Logo", "")

    # Then they are stored in order, with their captions cleaned
    assert (first.status_code, second.status_code) == (201, 201), first.json()
    assert first.json()["caption"] == "Shop redesign"
    assert first.json()["link"] == "https://shop.example/case"
    assert first.json()["position"] == 0
    assert second.json()["position"] == 1
    assert _order(profile) == [("Shop redesign", 0), ("Logo", 1)]

    # And the public page lists them with image and thumbnail URLs
    page = client_for(None).get(f"/api/v1/freelancers/{profile.slug}/").json()
    assert [item["caption"] for item in page["portfolio"]] == ["Shop redesign", "Logo"]
    shown = page["portfolio"][0]["image"]
    image = StoredImage.objects.get(pk=shown["id"])
    assert image.purpose == "portfolio"
    assert shown["content_type"] == "image/jpeg"
    assert shown["thumbnails"]["medium"] == f"/media/{image.thumbnails['medium']['name']}"
    # And the owner's list agrees
    assert [item["id"] for item in client.get(PORTFOLIO).json()] == [
        first.json()["id"],
        second.json()["id"],
    ]


def test_a_bad_link_is_refused_before_the_image_is_stored(
    client: APIClient, profile: Any, media_root: Path
) -> None:
    response = _add(client, "Mine", "javascript:alert(1)")

    assert response.status_code == 400
    assert response.json()["code"] == "validation_error"
    assert list(response.json()["details"]) == ["link"]
    assert PortfolioItem.objects.count() == 0
    assert stored_files(media_root) == []


def test_a_bad_image_adds_no_item(client: APIClient, media_root: Path) -> None:
    response = _add(client, "Scan", data=PDF_BYTES)

    assert response.json()["code"] == "image_format_unsupported"
    assert PortfolioItem.objects.count() == 0
    assert StoredImage.objects.count() == 0
    assert stored_files(media_root) == []


def test_a_full_portfolio_refuses_another_item(
    client: APIClient, profile: Any, settings: Any, media_root: Path
) -> None:
    settings.MEDIA_PORTFOLIO_MAX_ITEMS = 2
    _add(client, "one")
    _add(client, "two")
    files = stored_files(media_root)

    response = _add(client, "three")

    assert (response.status_code, response.json()["code"]) == (409, "portfolio_full")
    assert _order(profile) == [("one", 0), ("two", 1)]
    assert stored_files(media_root) == files


def test_editing_caption_and_link_with_json(client: APIClient, profile: Any) -> None:
    item_id = _add(client, "Old", "https://old.example").json()["id"]

    response = client.patch(f"{PORTFOLIO}{item_id}/", {"caption": "New", "link": ""}, format="json")

    assert response.status_code == 200, response.json()
    assert (response.json()["caption"], response.json()["link"]) == ("New", "")
    item = PortfolioItem.objects.get(pk=item_id)
    assert (item.caption, item.link) == ("New", "")


def test_replacing_the_image_deletes_the_old_one(
    client: APIClient, media_root: Path, django_capture_on_commit_callbacks: Any
) -> None:
    # Given an item with its image
    item_id = _add(client, "Shot").json()["id"]
    old = StoredImage.objects.get()

    # When a new image is sent in a multipart PATCH
    with django_capture_on_commit_callbacks(execute=True):
        response = client.patch(
            f"{PORTFOLIO}{item_id}/", {"image": upload(jpeg_bytes())}, format="multipart"
        )

    # Then the item shows the new image and the old one is gone, files included
    assert response.status_code == 200, response.json()
    new = StoredImage.objects.get()
    assert new.pk != old.pk
    assert response.json()["image"]["id"] == new.pk
    assert response.json()["caption"] == "Shot"
    assert str(old.file.name) not in stored_files(media_root)


def test_deleting_an_item_closes_the_gap(client: APIClient, profile: Any) -> None:
    ids = [_add(client, caption).json()["id"] for caption in ("a", "b", "c")]

    response = client.delete(f"{PORTFOLIO}{ids[1]}/")

    assert response.status_code == 204
    assert _order(profile) == [("a", 0), ("c", 1)]
    assert StoredImage.objects.count() == 2


def test_reordering_puts_items_in_the_given_order(client: APIClient, profile: Any) -> None:
    ids = [_add(client, caption).json()["id"] for caption in ("a", "b", "c")]

    response = client.post(
        f"{PORTFOLIO}reorder/", {"item_ids": [ids[2], ids[0], ids[1]]}, format="json"
    )

    assert response.status_code == 200, response.json()
    assert [(i["caption"], i["position"]) for i in response.json()] == [
        ("c", 0),
        ("a", 1),
        ("b", 2),
    ]
    assert _order(profile) == [("c", 0), ("a", 1), ("b", 2)]


@pytest.mark.parametrize("mangle", ["missing", "duplicate", "foreign"])
def test_a_reorder_must_name_every_item_once(client: APIClient, profile: Any, mangle: str) -> None:
    ids = [_add(client, caption).json()["id"] for caption in ("a", "b")]
    other = FreelancerProfileFactory.create()
    foreign = _add(client_for(other.user), "theirs").json()["id"]
    item_ids = {
        "missing": [ids[1]],
        "duplicate": [ids[1], ids[1]],
        "foreign": [ids[1], foreign],
    }[mangle]

    response = client.post(f"{PORTFOLIO}reorder/", {"item_ids": item_ids}, format="json")

    assert (response.status_code, response.json()["code"]) == (400, "portfolio_order_invalid")
    assert _order(profile) == [("a", 0), ("b", 1)]


def test_someone_elses_items_are_not_found_and_stay_unchanged(
    profile: Any, client: APIClient, media_root: Path
) -> None:
    # Given an item of this profile, and another freelancer
    item_id = _add(client, "Mine", "https://mine.example").json()["id"]
    files = stored_files(media_root)
    intruder = client_for(FreelancerProfileFactory.create().user)

    # When the other freelancer edits, replaces and deletes it
    edited = intruder.patch(f"{PORTFOLIO}{item_id}/", {"caption": "Hacked"}, format="json")
    replaced = intruder.patch(
        f"{PORTFOLIO}{item_id}/", {"image": upload(png_bytes())}, format="multipart"
    )
    deleted = intruder.delete(f"{PORTFOLIO}{item_id}/")

    # Then each is not_found, and the item, its image and the files are as they were
    for response in (edited, replaced, deleted):
        assert (response.status_code, response.json()["code"]) == (404, "not_found")
    item = PortfolioItem.objects.get(pk=item_id)
    assert (item.caption, item.link) == ("Mine", "https://mine.example")
    assert StoredImage.objects.count() == 1
    assert stored_files(media_root) == files


def test_a_user_without_a_profile_has_no_portfolio(media_root: Path) -> None:
    client = client_for(UserFactory.create())

    listed = client.get(PORTFOLIO)
    added = _add(client, "x")

    assert (listed.status_code, listed.json()["code"]) == (404, "not_found")
    assert (added.status_code, added.json()["code"]) == (404, "not_found")
    assert stored_files(media_root) == []
