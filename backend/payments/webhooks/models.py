from __future__ import annotations

from django.db import models


class WebhookEvent(models.Model):
    """A verified provider event, stored once by its id, applied by a task after commit."""

    id = models.CharField(primary_key=True, max_length=120)
    type = models.CharField(max_length=80)
    endpoint = models.CharField(max_length=10)  # platform | connect
    account = models.CharField(max_length=120, blank=True)
    payload = models.JSONField()
    received_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ("-received_at",)

    def __str__(self) -> str:
        return f"{self.type} {self.id}"
