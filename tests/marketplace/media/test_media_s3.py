"""The pipeline on S3-compatible storage (django-storages), against moto's S3 server on
loopback: no S3 service can be reached from these machines, so a stateful stand-in that
speaks the S3 HTTP API plays the bucket, as osmem-server plays Elasticsearch."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from moto.server import ThreadedMotoServer
from tests.conftest import client_for
from tests.factories import UserFactory
from tests.marketplace.media.images import jpeg_bytes, upload

from marketplace.accounts.models import User
from marketplace.media.models import StoredImage

pytestmark = pytest.mark.django_db

BUCKET = "nanoguild-media"
CREDENTIALS = {"aws_access_key_id": "test-key", "aws_secret_access_key": "test-secret"}


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield f"http://{host}:{port}"
    finally:
        server.stop()


@pytest.fixture
def bucket(s3_endpoint: str, settings: Any) -> Any:
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1", **CREDENTIALS)
    client.create_bucket(Bucket=BUCKET)
    # The same options config/integrations/media.py builds from MEDIA_S3_* variables.
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_endpoint,
                "region_name": "us-east-1",
                "access_key": CREDENTIALS["aws_access_key_id"],
                "secret_key": CREDENTIALS["aws_secret_access_key"],
                "custom_domain": "media.nanoguild.test",
                "querystring_auth": False,
                "file_overwrite": False,
                "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
            },
        },
    }
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def _keys(client: Any) -> list[str]:
    return sorted(item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []))


def test_an_avatar_lands_in_the_bucket_with_its_type_and_thumbnails(
    bucket: Any, django_capture_on_commit_callbacks: Any
) -> None:
    # When a user sets an avatar while media lives in the bucket
    client = client_for(UserFactory.create())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.put(
            "/api/v1/me/avatar/", {"image": upload(jpeg_bytes(size=(500, 400)))}, format="multipart"
        )

    # Then the image and its three thumbnails are objects, typed and cacheable
    assert response.status_code == 200, response.json()
    image = StoredImage.objects.get()
    name = str(image.file.name)
    thumbnails = [image.thumbnails[size]["name"] for size in ("small", "medium", "large")]
    assert _keys(bucket) == sorted([name, *thumbnails])
    head = bucket.head_object(Bucket=BUCKET, Key=name)
    assert head["ContentType"] == "image/jpeg"
    assert head["CacheControl"] == "public, max-age=31536000, immutable"
    assert bucket.head_object(Bucket=BUCKET, Key=thumbnails[0])["ContentType"] == "image/jpeg"
    # And the API points at the media domain, not at the app
    fresh = client_for(User.objects.get(pk=image.uploaded_by_id))  # as the next request would
    me = fresh.get("/api/v1/me/").json()["avatar"]
    assert me["url"] == f"https://media.nanoguild.test/{name}"
    assert me["thumbnails"]["small"] == f"https://media.nanoguild.test/{thumbnails[0]}"


def test_removing_the_avatar_deletes_its_objects(
    bucket: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client = client_for(UserFactory.create())
    with django_capture_on_commit_callbacks(execute=True):
        client.put("/api/v1/me/avatar/", {"image": upload(jpeg_bytes())}, format="multipart")
    assert len(_keys(bucket)) == 4

    with django_capture_on_commit_callbacks(execute=True):
        response = client.delete("/api/v1/me/avatar/")

    assert response.status_code == 204
    assert _keys(bucket) == []
