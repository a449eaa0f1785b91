"""Environment reading for settings: one place that knows which variables production requires.

Embedded mode (the default) runs with no variables at all; production mode refuses to start
without its required variables and names the first one missing, so a misconfigured deploy fails
at boot instead of at the first request.
"""

from __future__ import annotations

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent  # backend/
REPO_DIR = BASE_DIR.parent
VAR_DIR = REPO_DIR / "var"

env = environ.Env()

# A developer's own overrides; never read in production, where the process manager sets them.
if (REPO_DIR / ".env").exists():
    environ.Env.read_env(REPO_DIR / ".env")

DJANGO_ENV = env.str("DJANGO_ENV", default="embedded")
if DJANGO_ENV not in {"embedded", "production"}:
    raise ImproperlyConfigured(
        f"DJANGO_ENV must be 'embedded' or 'production', not {DJANGO_ENV!r}."
    )
PRODUCTION = DJANGO_ENV == "production"

PRODUCTION_REQUIRED = (
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "DATABASE_URL",
    "REDIS_URL",
    "CELERY_BROKER_URL",
    "EMAIL_URL",
    "DEFAULT_FROM_EMAIL",
    "MEDIA_URL",
)


def require_production_settings() -> None:
    """Fail fast, naming the variable, when production runs without what it needs."""
    for name in PRODUCTION_REQUIRED:
        if not env.str(name, default="").strip():
            raise ImproperlyConfigured(
                f"DJANGO_ENV=production requires the environment variable {name}; "
                "see .env.example for what it means."
            )
