"""Where media is stored and served from, by environment: the local folder served by Django
by default, an S3-compatible bucket through django-storages when `MEDIA_S3_BUCKET` is set.

Settings are read once at import, so each case loads them in a fresh interpreter."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

BACKEND_DIR = Path(__file__).resolve().parents[3] / "backend"

PROBE = """
import django, json
django.setup()
from django.conf import settings
from django.core.files.storage import storages
default_storage = storages["default"]
from django.urls import resolve, Resolver404
try:
    served = resolve("/media/images/ab/x.png").url_name
except Resolver404:
    served = None
print(json.dumps({
    "storage": type(default_storage).__module__ + "." + type(default_storage).__name__,
    "options": {k: v for k, v in settings.STORAGES["default"].get("OPTIONS", {}).items()
                if k != "secret_key"},
    "served": served,
    "url": default_storage.url("images/ab/x.png").split("?")[0],
}))
"""


def _probe(**variables: str) -> dict[str, object]:
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("MEDIA_", "DJANGO_"))
    }
    environment.update(DJANGO_SETTINGS_MODULE="config.settings", **variables)
    result = subprocess.run(  # noqa: S603  (fixed arguments, our own interpreter)
        [sys.executable, "-c", PROBE],
        cwd=BACKEND_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def test_by_default_media_is_a_local_folder_served_by_django() -> None:
    probe = _probe()

    assert probe["storage"] == "django.core.files.storage.filesystem.FileSystemStorage"
    assert probe["served"] == "media"
    assert probe["url"] == "/media/images/ab/x.png"


def test_a_bucket_switches_to_s3_with_a_public_media_domain() -> None:
    probe = _probe(
        MEDIA_S3_BUCKET="nanoguild-media",
        MEDIA_S3_ENDPOINT_URL="https://s3.example.test",
        MEDIA_S3_REGION="eu-central-1",
        MEDIA_S3_ACCESS_KEY_ID="test-key",
        MEDIA_S3_SECRET_ACCESS_KEY="test-secret",
        MEDIA_S3_CUSTOM_DOMAIN="media.nanoguild.test",
    )

    assert probe["storage"] == "storages.backends.s3.S3Storage"
    options = probe["options"]
    assert isinstance(options, dict)
    assert options["bucket_name"] == "nanoguild-media"
    assert options["endpoint_url"] == "https://s3.example.test"
    assert options["querystring_auth"] is False
    assert options["file_overwrite"] is False
    # Django no longer serves /media/: the media domain does
    assert probe["served"] is None
    assert probe["url"] == "https://media.nanoguild.test/images/ab/x.png"


def test_a_private_bucket_gets_signed_urls() -> None:
    probe = _probe(
        MEDIA_S3_BUCKET="nanoguild-media",
        MEDIA_S3_ENDPOINT_URL="https://s3.example.test",
        MEDIA_S3_ACCESS_KEY_ID="test-key",
        MEDIA_S3_SECRET_ACCESS_KEY="test-secret",
    )

    options = probe["options"]
    assert isinstance(options, dict)
    assert options["querystring_auth"] is True
    assert probe["url"] == "https://s3.example.test/nanoguild-media/images/ab/x.png"
