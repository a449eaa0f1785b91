"""Endorsements in admin: read-only history, withdrawn ones included."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from marketplace.endorsements.models import Endorsement

ENDORSEMENT_FIELDS = ("endorser", "endorsee", "skill", "contract", "withdrawn_at", "created_at")


@admin.register(Endorsement)
class EndorsementAdmin(admin.ModelAdmin):
    list_display = ("endorser", "endorsee", "skill", "contract", "active", "created_at")
    list_filter = (("withdrawn_at", admin.EmptyFieldListFilter),)
    list_select_related = ("endorser", "endorsee", "skill")
    search_fields = ("endorser__slug", "endorsee__slug", "skill__slug")
    date_hierarchy = "created_at"
    fields = ENDORSEMENT_FIELDS
    readonly_fields = ENDORSEMENT_FIELDS

    @admin.display(boolean=True, description=_("Active"))
    def active(self, endorsement: Endorsement) -> bool:
        return endorsement.withdrawn_at is None

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
