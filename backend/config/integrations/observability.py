"""Logs, errors and metrics (read from the environment; see .env.example).

- Logs: one JSON object per line in production (python-json-logger), so a log shipper needs no
  parsing rules; plain text embedded, for people reading a terminal. gunicorn's own master
  logs use the same formatter through `config/gunicorn.py`.
- Errors: Sentry only when SENTRY_DSN is set; nothing is imported or sent otherwise.
- Metrics: django-prometheus counts requests, latencies and responses by view; `/metrics`
  serves them to a scraper presenting METRICS_TOKEN (`common.metrics`).
"""

from __future__ import annotations

from typing import Any

from config.env import DJANGO_ENV, PRODUCTION, env

LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
LOG_FORMAT = env.str("LOG_FORMAT", default="json" if PRODUCTION else "plain")
JSON_LOG_FORMATTER: dict[str, Any] = {
    "()": "pythonjsonlogger.json.JsonFormatter",
    "fmt": "%(asctime)s %(levelname)s %(name)s %(process)d %(message)s",
    "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger", "process": "pid"},
}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": JSON_LOG_FORMATTER,
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if LOG_FORMAT == "json" else "plain",
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    # The ASGI server configures these before Django loads; re-pointing them here puts its
    # startup and access lines in the same format as everything else.
    "loggers": {
        name: {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False}
        for name in ("uvicorn", "uvicorn.access")
    },
}
# Celery logs through the root logger above instead of installing its own text handlers.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

SENTRY_DSN = env.str("SENTRY_DSN", default="")
if SENTRY_DSN:
    import sentry_sdk

    # The Django, Celery and Redis integrations enable themselves when those libraries load.
    # No personal data (emails, IPs, cookies) leaves unless an operator opts in.
    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=env.str("SENTRY_ENVIRONMENT", default=DJANGO_ENV),
        release=env.str("SENTRY_RELEASE", default="") or None,
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
        send_default_pii=False,
    )

# Bearer token a Prometheus scraper must send to /metrics; empty disables the endpoint (404).
METRICS_TOKEN = env.str("METRICS_TOKEN", default="")
# django-prometheus would query the migration tables at startup to export them: not worth a
# database round trip in every process start.
PROMETHEUS_EXPORT_MIGRATIONS = False
