"""The Celery app. Settings come from Django's (`CELERY_*`); tasks are discovered in every app.

In embedded mode `CELERY_TASK_ALWAYS_EAGER` runs each task in-process when it is enqueued —
tasks are enqueued with `delay_on_commit`, so still only after the transaction commits.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("nanoguild")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(
    lambda: ["marketplace.accounts", "marketplace.reviews", "marketplace.media"],
)
