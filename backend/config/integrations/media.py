"""Settings of the image pipeline (`marketplace.media`; read from the environment, see
.env.example and docs/media.md).

Uploaded images are stored through Django's storage API: a local folder (`MEDIA_ROOT`, served by
Django itself in embedded mode) unless `MEDIA_S3_BUCKET` names an S3-compatible bucket, which
django-storages then writes to. Production serves media from its own domain or bucket, never
from the application's origin, so an image can never run as a page of the site.
"""

from __future__ import annotations

from typing import Any

from config.env import VAR_DIR, env

MEDIA_URL = env.str("MEDIA_URL", default="/media/")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(VAR_DIR / "media"))

MEDIA_S3_BUCKET = env.str("MEDIA_S3_BUCKET", default="")


def media_storage() -> dict[str, Any]:
    """The `STORAGES["default"]` entry: the local folder, or S3 when a bucket is named."""
    if not MEDIA_S3_BUCKET:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    custom_domain = env.str("MEDIA_S3_CUSTOM_DOMAIN", default="") or None
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "endpoint_url": env.str("MEDIA_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("MEDIA_S3_REGION", default="") or None,
            "access_key": env.str("MEDIA_S3_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("MEDIA_S3_SECRET_ACCESS_KEY", default="") or None,
            # A public media domain (CDN or the bucket's website) serves plain URLs; without
            # one the bucket stays private and every URL is signed for an hour.
            "custom_domain": custom_domain,
            "querystring_auth": custom_domain is None,
            "querystring_expire": 3600,
            # Names are random and never reused, so nothing is overwritten and caches may
            # keep a file for a year.
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        },
    }


# Django serves MEDIA_URL itself only when it is a path on the app's own origin and the files
# are local (embedded mode); production points MEDIA_URL at the media domain instead.
MEDIA_SERVE_LOCALLY = MEDIA_URL.startswith("/") and not MEDIA_S3_BUCKET

# Limits checked on the header, before a single pixel is decoded. 10 MiB holds any sensible
# photo; 16 megapixels (4096 × 4096, about 64 MB decoded as RGBA) is far below Pillow's own
# bomb threshold of ~89 MP and bounds what one upload can make a worker allocate.
MEDIA_IMAGE_MAX_BYTES = env.int("MEDIA_IMAGE_MAX_BYTES", default=10 * 1024 * 1024)
MEDIA_IMAGE_MAX_PIXELS = env.int("MEDIA_IMAGE_MAX_PIXELS", default=16_000_000)
# The stored image is at most this many pixels on its long side: a portfolio page never shows
# more, and it keeps every later thumbnail job small.
MEDIA_IMAGE_STORED_MAX_SIDE = env.int("MEDIA_IMAGE_STORED_MAX_SIDE", default=2048)
# Per user and UTC day, across avatars, logos, portfolio and attachments: 50 uploads and
# 100 MiB let someone rebuild a portfolio twice in a day and stop a script at once.
MEDIA_UPLOADS_PER_DAY = env.int("MEDIA_UPLOADS_PER_DAY", default=50)
MEDIA_UPLOAD_BYTES_PER_DAY = env.int("MEDIA_UPLOAD_BYTES_PER_DAY", default=100 * 1024 * 1024)
# A portfolio shows at most this many items.
MEDIA_PORTFOLIO_MAX_ITEMS = env.int("MEDIA_PORTFOLIO_MAX_ITEMS", default=30)
