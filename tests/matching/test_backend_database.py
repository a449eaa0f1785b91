"""The behavioural suite on the database backend (PostgreSQL in `make test`, SQLite in
`make test-matching-sqlite`)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from tests.matching.backend_suite import BackendSuite


class TestDatabaseBackend(BackendSuite):
    backend_name = "database"

    @pytest.fixture(autouse=True)
    def _configure(self, settings: Any) -> None:
        settings.SEARCH_BACKEND = "database"
        # SQLite matches substrings (so word forms sharing a stem-prefix meet); PostgreSQL's
        # `simple` text-search configuration does not stem.
        type(self).matches_word_forms = connection.vendor == "sqlite"
