"""Schemathesis over the live OpenAPI schema: every operation, as a freelancer and a firm member.

The schema is fetched from the running application (`/api/schema/`) and requests go through the
real WSGI stack in process: middleware, session authentication, CSRF, the exception handler.
The checks are the gate of reliability.md A7 #2: no server error, and every response conforms
to the schema (documented status code, content type, headers, body). Schemathesis's
positive/negative "acceptance" heuristics are not run: they assume the schema spells out every
validation rule (a country code list, IANA zones), and a 400 with a code is the right answer
there. `make test` runs a bounded, derandomised pass (FUZZ_EXAMPLES per operation and actor);
`make fuzz` runs at least 100 per operation and actor with fresh seeds.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.throttling import SimpleRateThrottle
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from config.wsgi import application
from tests.hardening.actors import Credentials, credentials_for
from tests.hardening.world import world_build

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "5"))

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]

schema = schemathesis.openapi.from_wsgi("/api/schema/", application)


@pytest.fixture
def _wsgi_keeps_the_test_connection() -> Iterator[None]:
    """As Django's test client does: the handler must not close the test's transaction."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture(params=["freelancer", "firm_owner"])
def actor(request: Any, db: Any, monkeypatch: Any, _wsgi_keeps_the_test_connection: None) -> Any:
    """The hardening world (tests/hardening/world.py) and one of its people, signed in."""
    # Abuse limits have their own tests; here a 429 would only hide the endpoint behind it.
    monkeypatch.setattr(
        SimpleRateThrottle,
        "THROTTLE_RATES",
        {"anon": "100000/min", "user": "100000/min", "writes": "100000/min"},
    )
    world = world_build()
    return credentials_for(getattr(world, request.param))


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    derandomize=os.environ.get("FUZZ_RANDOM") != "1",
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
)
def test_every_operation_conforms(case: Any, actor: Credentials) -> None:
    case.call_and_validate(headers=dict(actor.headers), cookies=dict(actor.cookies), checks=CHECKS)


# Stateful: schemathesis infers links between operations (dependency analysis of the schema:
# POST /gigs/ → {gig_id} → publish, proposals, …) and chains them, feeding ids from responses.
STEPS = int(os.environ.get("FUZZ_STATEFUL_EXAMPLES", str(max(EXAMPLES, 5))))


@pytest.mark.usefixtures("_wsgi_keeps_the_test_connection")
@pytest.mark.parametrize("who", ["freelancer", "firm_owner"])
def test_linked_operations_conform(who: str, db: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr(
        SimpleRateThrottle,
        "THROTTLE_RATES",
        {"anon": "100000/min", "user": "100000/min", "writes": "100000/min"},
    )
    credentials = credentials_for(getattr(world_build(), who))

    class Workflow(schema.as_state_machine()):  # type: ignore[misc]
        def get_call_kwargs(self, case: Any) -> dict[str, Any]:
            return {"headers": dict(credentials.headers), "cookies": dict(credentials.cookies)}

        def validate_response(self, response: Any, case: Any, **kwargs: Any) -> None:
            case.validate_response(response, checks=CHECKS)

    Workflow.run(
        settings=settings(
            max_examples=STEPS,
            derandomize=os.environ.get("FUZZ_RANDOM") != "1",
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
            stateful_step_count=10,
        )
    )
