"""gunicorn settings for production HTTP (API, admin): `gunicorn -c config/gunicorn.py
config.wsgi:application`, run from backend/.

Sync workers: every view is synchronous and the measured DRF throughput is best this way
(docs/deploy.md); websockets go to the ASGI server instead. Values come from the environment
(documented in .env.example) so compose and Kubernetes tune them without another file.
"""

from __future__ import annotations

import gc
import os
import tempfile
from pathlib import Path
from typing import Any

# Each worker writes its metric samples to files in this folder and /metrics merges them
# (prometheus-client multiprocess mode). It must exist, empty, before any worker imports the
# client, hence here, in the master, at config load; samples of a previous run are removed.
_metrics_dir = Path(
    os.environ.get("PROMETHEUS_MULTIPROC_DIR") or tempfile.mkdtemp(prefix="ng-metrics-")
)
_metrics_dir.mkdir(parents=True, exist_ok=True)
for _stale in _metrics_dir.glob("*.db"):
    _stale.unlink()
os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(_metrics_dir)

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY") or min(8, 2 * (os.cpu_count() or 1) + 1))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# SIGTERM lets in-flight requests finish for this long; Kubernetes' grace period is longer.
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then so a slow leak never becomes an outage; jitter staggers them.
max_requests = 2000
max_requests_jitter = 200
# The app is imported once, in the master, and every worker is a fork of it: a recycled worker
# serves again within milliseconds. Each worker importing Django itself took seconds, and under
# load both workers, recycled together, served nothing for longer than a benchmark run
# (docs/benchmarks.md, "Profiling and fixes").
preload_app = True
# The proxy already limits bodies; these keep a malformed header from costing memory.
limit_request_line = 8190
limit_request_fields = 100
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# No runtime control socket: containers have read-only homes and nothing here uses it.
control_socket_disable = True
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'

# The master's own lines (boot, worker restarts, shutdown) as JSON like the app's, unless the
# operator asked for plain text.
if os.environ.get("LOG_FORMAT", "json") == "json":
    _json: dict[str, Any] = {
        "()": "pythonjsonlogger.json.JsonFormatter",
        "fmt": "%(asctime)s %(levelname)s %(name)s %(process)d %(message)s",
        "rename_fields": {
            "asctime": "time",
            "levelname": "level",
            "name": "logger",
            "process": "pid",
        },
    }
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": _json},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "stream": "ext://sys.stdout",
            }
        },
        "loggers": {
            "gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False},
            "gunicorn.access": {"handlers": ["console"], "level": "INFO", "propagate": False},
        },
    }


def when_ready(server: Any) -> None:
    """Runs once in the master after the app loaded: import every view module now (Django
    imports the URLconf at the first request, about a second: the Stripe SDK alone is half)
    so no worker, new or recycled, spends its first request on imports."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - the property imports the URLconf


def pre_fork(server: Any, worker: Any) -> None:
    """Runs in the master before each fork, with the app loaded (preload_app)."""
    # A connection the master opened would be one socket shared by every worker: never keep one.
    from django.db import connections

    connections.close_all()
    # The loaded app's objects live as long as the worker: frozen, the collector's full passes
    # no longer walk them (those took tens of ms inside requests) and pages stay shared.
    gc.freeze()


def child_exit(server: Any, worker: Any) -> None:
    """A dead worker's live gauges must leave the merged metrics."""
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
