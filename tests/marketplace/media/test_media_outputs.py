"""Images in other outputs (profile list and page, my firms) keep a fixed query count."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from tests.conftest import client_for
from tests.factories import FirmMembershipFactory, FreelancerProfileFactory, UserFactory

from marketplace.media.models import PortfolioItem, StoredImage

pytestmark = pytest.mark.django_db


def _image(user: Any, purpose: str) -> StoredImage:
    return StoredImage.objects.create(
        uploaded_by=user,
        purpose=purpose,
        format="PNG",
        file=f"images/ab/{purpose}-{user.pk}-{StoredImage.objects.count()}.png",
        width=10,
        height=10,
        upload_bytes=100,
        stored_bytes=90,
    )


def _profiles_with_avatars(count: int) -> None:
    for _ in range(count):
        profile = FreelancerProfileFactory.create(visibility="public")
        profile.user.avatar = _image(profile.user, "avatar")
        profile.user.save(update_fields=["avatar"])


def test_the_profile_list_with_avatars_does_not_grow_in_queries(
    django_assert_num_queries: Any,
) -> None:
    client = client_for(None)
    _profiles_with_avatars(2)
    with CaptureQueriesContext(connection) as few:
        rows = client.get("/api/v1/freelancers/").json()["results"]
    assert all(row["avatar"] is not None for row in rows)
    _profiles_with_avatars(4)
    with django_assert_num_queries(len(few)):
        assert len(client.get("/api/v1/freelancers/").json()["results"]) == 6


def test_the_profile_page_with_a_portfolio_does_not_grow_in_queries(
    django_assert_num_queries: Any,
) -> None:
    profile = FreelancerProfileFactory.create(visibility="public")
    client = client_for(None)
    url = f"/api/v1/freelancers/{profile.slug}/"

    def add(count: int) -> None:
        start = PortfolioItem.objects.filter(profile=profile).count()
        for position in range(start, start + count):
            image = _image(profile.user, "portfolio")
            PortfolioItem.objects.create(profile=profile, image=image, position=position)

    add(2)
    with CaptureQueriesContext(connection) as few:
        assert len(client.get(url).json()["portfolio"]) == 2
    add(5)
    with django_assert_num_queries(len(few)):
        body = client.get(url).json()
    assert [item["position"] for item in body["portfolio"]] == list(range(7))


def test_my_firms_with_logos_do_not_grow_in_queries(django_assert_num_queries: Any) -> None:
    user = UserFactory.create()
    client = client_for(user)

    def add(count: int) -> None:
        for _ in range(count):
            firm = FirmMembershipFactory.create(user=user).firm
            firm.logo = _image(user, "logo")
            firm.save(update_fields=["logo"])

    add(2)
    with CaptureQueriesContext(connection) as few:
        assert len(client.get("/api/v1/firms/").json()["results"]) == 2
    add(3)
    with django_assert_num_queries(len(few)):
        firms = client.get("/api/v1/firms/").json()["results"]
    assert all(firm["logo"]["content_type"] == "image/png" for firm in firms)
