"""Settings for both modes, driven by the environment (see `.env.example`).

Embedded mode (no variables): SQLite under var/, local-memory cache, in-memory channel layer,
Celery tasks run in-process, console email, local media. Production (`DJANGO_ENV=production`):
PostgreSQL, Redis, Celery workers, SMTP; every required variable is checked at import.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import django_stubs_ext
from django.utils.translation import gettext_lazy as _

from config.env import BASE_DIR, PRODUCTION, REPO_DIR, VAR_DIR, env, require_production_settings

if PRODUCTION:
    require_production_settings()

# Lets annotations such as `admin.ModelAdmin[Gig]` and `forms.ModelForm[Skill]` run.
django_stubs_ext.monkeypatch()

VAR_DIR.mkdir(exist_ok=True)

DEBUG = env.bool("DJANGO_DEBUG", default=not PRODUCTION)
SECRET_KEY = env.str("SECRET_KEY", default="embedded-only-insecure-key-never-used-in-production")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list(
    "CSRF_TRUSTED_ORIGINS", default=["http://127.0.0.1:8000", "http://localhost:8000"]
)
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "channels",
    "common",
    "allauth",
    "allauth.account",
    "allauth.headless",
    "marketplace",
    "matching",
    "payments",
    "chat",
]

MIDDLEWARE = [
    # Probes and the scrape hit pods by IP over plain HTTP: answered before host checks.
    "common.probes.ProbeMiddleware",
    # First and last: the metrics middlewares time everything in between.
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "common.middleware.UserLanguageMiddleware",
    "common.middleware.UserTimezoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "common.middleware.DatabaseUnavailableMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'nanoguild.sqlite3'}")
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Connections live a minute: long enough to skip a handshake per request, short enough
    # that a terminated backend is replaced quickly. Health checks catch a dead one first.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = 5
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the single embedded process read while a background task writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, channel layer, Celery ---------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "common.redis_cache.ReusedClientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="ng"),
            # A hung Redis must fail a request in seconds, not hold a worker for minutes.
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            # channels-redis blocks up to 5 s per receive; redis-py's own 5 s socket timeout
            # would race it and drop live sockets, so the socket waits longer than the poll.
            # 1,000 connections per process: one per open websocket group read, with room.
            "CONFIG": {
                "hosts": [{"address": REDIS_URL, "socket_timeout": 30, "max_connections": 1000}]
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="memory://")
CELERY_RESULT_BACKEND = None
# Without a broker the embedded mode runs each task in-process, right after the enqueueing
# transaction commits (tasks are enqueued with delay_on_commit), so the effect is the same.
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not PRODUCTION)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Worker processes per worker (None: one per CPU); scale workers out rather than up.
CELERY_WORKER_CONCURRENCY = env.int("CELERY_WORKER_CONCURRENCY", default=None)
CELERY_TASK_TIME_LIMIT = 120
CELERY_TASK_SOFT_TIME_LIMIT = 100
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "UTC"

# --- Auth and accounts -----------------------------------------------------------------------
AUTH_USER_MODEL = "marketplace.User"
# Django's and allauth's backends, refusing suspended and banned users (accounts/access.py).
AUTHENTICATION_BACKENDS = [
    "marketplace.accounts.access.SanctionAwareModelBackend",
    "marketplace.accounts.access.SanctionAwareAllauthBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_HASHERS = env.list(
    "PASSWORD_HASHERS",
    default=[
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.Argon2PasswordHasher",
    ],
)
LOGIN_REDIRECT_URL = "/"
ACCOUNT_ADAPTER = "marketplace.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = env.str("ACCOUNT_EMAIL_VERIFICATION", default="mandatory")
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Nanoguild] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if PRODUCTION else "http"
# allauth counts failed logins per IP and per account in the cache: 10 per 5 minutes and 50 per
# hour per account (then locked out; ASVS 2.2.1 allows at most 100 an hour, and 10 per 5 minutes
# alone would let 120 through) and 20 per minute per IP, so a guessing script stalls in seconds.
ACCOUNT_RATE_LIMITS = {
    "login": "20/m/ip",
    "login_failed": "10/5m/key,50/h/key,20/m/ip",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "change_password": "5/m/user",
}
HEADLESS_ONLY = False
HEADLESS_CLIENTS = ("browser",)
# Links in account emails open the web app's pages, which post the key to allauth headless.
HEADLESS_FRONTEND_URLS = {
    "account_confirm_email": f"{SITE_URL}/verify-email/{{key}}",
    "account_reset_password": f"{SITE_URL}/password/reset",
    "account_reset_password_from_key": f"{SITE_URL}/password/reset/{{key}}",
    "account_signup": f"{SITE_URL}/signup",
}
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
# With Redis, sessions are read from the cache and written through to the database (a signed-in
# request reads no session row); logout deletes both. Embedded mode keeps them in the database
# only: its local-memory cache is per process.
SESSION_ENGINE = "common.sessions" if REDIS_URL else "django.contrib.sessions.backends.db"

# --- Email ----------------------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Nanoguild <hello@nanoguild.test>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Internationalisation -----------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("de", _("German")), ("fr", _("French"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

# --- Static, media, frontend --------------------------------------------------------------------
STATIC_URL = "/static/"
# Production images collect static files at build time into a fixed folder (STATIC_ROOT).
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "static")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns on every request when missing
# The SPA's build (`make frontend`): Vite writes hashed assets for /static/ and index.html here.
# Created empty when missing so the static-files check stays quiet before the first build.
FRONTEND_DIST = REPO_DIR / "frontend" / "dist"
FRONTEND_DIST.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [FRONTEND_DIST]
# MEDIA_URL, MEDIA_ROOT, the media storage and the upload limits: config/integrations/media.py.
from config.integrations.media import *  # noqa: E402, F403

STORAGES = {
    "default": media_storage(),  # noqa: F405
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
FRONTEND_INDEX = FRONTEND_DIST / "index.html"

# --- REST API -------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Session authentication that refuses suspended and banned users with their code.
        "marketplace.accounts.authentication.SanctionAwareSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "common.pagination.CreatedCursorPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "common.errors.api_exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        # DRF's three, each checking and recording in one Redis round trip.
        "common.throttle_classes.AnonRateThrottle",
        "common.throttle_classes.SignedInRateThrottle",
        "common.throttle_classes.ScopedRateThrottle",
    ],
    # Generous enough for the SPA's bursts; abuse limits per action live in services.
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("THROTTLE_ANON", default="300/min"),
        "user": env.str("THROTTLE_USER", default="1200/min"),
        "writes": env.str("THROTTLE_WRITES", default="120/min"),
    },
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Nanoguild API",
    "DESCRIPTION": (
        "The marketplace API: freelancer profiles, firms, skills, gigs, invitations, proposals "
        "and contracts. Every error is `{code, message, details}`; accounts live under "
        "`/_allauth/browser/v1/` (django-allauth headless)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    # Name each status enum once, after its model choices, instead of per serializer field.
    "ENUM_NAME_OVERRIDES": {
        "EngagementType": "marketplace.gigs.models.EngagementType",
        "GigStatus": "marketplace.gigs.models.GigStatus",
        "ModerationState": "marketplace.gigs.models.ModerationState",
        "LocationType": "marketplace.gigs.models.LocationType",
        "ProfileVisibility": "marketplace.profiles.models.ProfileVisibility",
        "SkillLevel": "marketplace.profiles.models.SkillLevel",
        "FirmSize": "marketplace.firms.models.FirmSize",
        "FirmRole": "marketplace.firms.models.FirmRole",
        "ContractSide": "marketplace.contracts.models.ContractSide",
        "InvitationStatus": "marketplace.proposals.models.InvitationStatus",
        "ProposalStatus": "marketplace.proposals.models.ProposalStatus",
        "ContractStatus": "marketplace.contracts.models.ContractStatus",
        "MilestoneStatus": "marketplace.contracts.models.MilestoneStatus",
        "LanguageProficiency": "common.models.LanguageProficiency",
        "ReportReason": "marketplace.moderation.models.ReportReason",
        "ReportStatus": "marketplace.moderation.models.ReportStatus",
        "Currency": "common.money.CURRENCY_CHOICES",
        "UserLanguage": "config.settings.LANGUAGES",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "common.schema.add_error_codes",
    ],
}

# --- Nanoguild ------------------------------------------------------------------------------------
DEMO_PASSWORD = env.str("DEMO_PASSWORD", default="nanoguild-demo")
HEALTH_CHECK_TIMEOUT = timedelta(seconds=2)

# --- Integrations: one module each, so an app's settings live next to each other ----------------
from config.integrations.abuse import *  # noqa: E402, F403
from config.integrations.chat import *  # noqa: E402, F403
from config.integrations.matching import *  # noqa: E402, F403
from config.integrations.moderation import *  # noqa: E402, F403
from config.integrations.observability import *  # noqa: E402, F403
from config.integrations.payments import *  # noqa: E402, F403
from config.integrations.security import *  # noqa: E402, F403
from config.integrations.trust import *  # noqa: E402, F403

# Celery beat runs every app's periodic jobs; each integration module names its own entries.
CELERY_BEAT_SCHEDULE = {
    **CHAT_BEAT_SCHEDULE,  # noqa: F405
    **MODERATION_BEAT_SCHEDULE,  # noqa: F405
    **PAYMENTS_BEAT_SCHEDULE,  # noqa: F405
    **TRUST_BEAT_SCHEDULE,  # noqa: F405
}
