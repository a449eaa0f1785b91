"""The behavioural suite on the Elasticsearch backend, against osmem-server (an
OpenSearch-compatible fake; research notes §5). Reads go to Elasticsearch; writes go to it and
to the database index (the degraded-mode fallback)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from matching import backends
from tests.matching.backend_suite import BackendSuite
from tests.matching.es_transport import PlainJsonNode


@pytest.fixture
def es_settings(settings: Any, osmem_url: str) -> Iterator[Any]:
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = osmem_url
    settings.SEARCH_INDEX_PREFIX = "test"
    settings.MATCHING_ES_CLIENT_OPTIONS = {"node_class": PlainJsonNode}
    settings.MATCHING_ES_REFRESH_ON_WRITE = True
    # Creating an index in osmem can take over the 2 s production default on a busy machine.
    settings.SEARCH_TIMEOUT = 30.0
    backends.reset_for_tests()
    yield settings
    backends.reset_for_tests()


class TestElasticsearchBackend(BackendSuite):
    backend_name = "elasticsearch"
    # The english/german/french sub-fields stem: "ceramic" finds "ceramics".
    matches_word_forms = True

    @pytest.fixture(autouse=True)
    def _configure(self, es_settings: Any) -> None:
        pass

    def test_reads_really_use_elasticsearch(self, world: Any) -> None:
        from matching.selectors import match_freelancers_for_gig

        assert match_freelancers_for_gig(gig=world.gig).backend == "elasticsearch"
