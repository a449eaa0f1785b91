"""Cursor pagination: stable under inserts, no COUNT(*) on large tables."""

from rest_framework.pagination import CursorPagination


class CreatedCursorPagination(CursorPagination):
    """Newest first; `id` breaks ties between rows created in the same microsecond."""

    ordering = ("-created_at", "-id")
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
