"""Schemathesis over the live OpenAPI schema: every operation, as a freelancer and a firm member.

The schema is fetched from the running application (`/api/schema/`) and requests go through the
real WSGI stack in process: middleware, session authentication, CSRF, the exception handler.
The checks are the gate of reliability.md A7 #2: no server error, and every response conforms
to the schema (documented status code, content type, headers, body). Schemathesis's
positive/negative "acceptance" heuristics are not run: they assume the schema spells out every
validation rule (a country code list, IANA zones), and a 400 with a code is the right answer
there.

`make test` runs a bounded, derandomised pass: FUZZ_EXAMPLES generated cases per operation and
actor plus a short stateful run. `make fuzz` runs at least 100 per operation and actor with fresh
seeds, and adds schemathesis's coverage phase (FUZZ_COVERAGE=1: every boundary and type
mutation of every parameter and body property, ~6,400 cases per actor), split over FUZZ_JOBS
processes. Where the time goes and what the runs found: docs/hardening.md.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections, transaction
from django.utils import timezone
from hypothesis import HealthCheck, settings
from rest_framework.views import APIView
from schemathesis.checks import not_a_server_error
from schemathesis.core.parameters import ParameterLocation
from schemathesis.generation.stateful.state_machine import StepInput
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from config.wsgi import application
from marketplace.models import ProfileSkill, Skill, User
from tests.hardening.actors import Credentials, credentials_for
from tests.hardening.tally import STATUSES
from tests.hardening.world import World, world_build

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "5"))
RANDOM = os.environ.get("FUZZ_RANDOM") == "1"

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]

# The actor fixture builds the world once per operation and actor, not per example: the
# examples of one operation share it (and each other's writes) inside the test's transaction.
# Hypothesis's function-scoped-fixture check warns of exactly that sharing, which is wanted.
# too_slow / large_base_example: the big bodies (gig, profile) are slow to generate on a loaded
# 2-core machine, and that is the schema's size, not a generation problem to fix.
HEALTH_CHECKS = [
    HealthCheck.function_scoped_fixture,
    HealthCheck.too_slow,
    HealthCheck.large_base_example,
]

schema = schemathesis.openapi.from_wsgi("/api/schema/", application)
# The coverage phase sends a fixed set of ~6,400 cases per actor whatever max_examples says
# (it alone was 7 of the 7.5 minutes of a 1-example run): the long run only.
schema.config.phases.coverage.enabled = os.environ.get("FUZZ_COVERAGE") == "1"


@pytest.fixture
def _wsgi_keeps_the_test_connection() -> Iterator[None]:
    """As Django's test client does: the handler must not close the test's transaction."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def _no_throttles(monkeypatch: Any) -> None:
    """Abuse limits have their own tests (tests/abuse); here a 429 would only hide the endpoint
    behind it, and the throttles' two cache round trips a request are pure cost."""
    monkeypatch.setattr(APIView, "check_throttles", lambda self, request: None)


@dataclass(frozen=True)
class Actor:
    credentials: Credentials
    world: World


@pytest.fixture(params=["freelancer", "firm_owner"])
def actor(
    request: Any, db: Any, _no_throttles: None, _wsgi_keeps_the_test_connection: None
) -> Actor:
    """The hardening world (tests/hardening/world.py) and one of its people, signed in."""
    world = _world_for_fuzzing()
    return Actor(credentials_for(getattr(world, request.param)), world)


def _world_for_fuzzing() -> World:
    """The world, with what lets an endorsement get past its gates to the handler's logic:
    accounts older than the endorser minimum age, and a peer who lists a skill to endorse."""
    world = world_build()
    User.objects.update(date_joined=timezone.now() - timedelta(days=365))
    ProfileSkill.objects.create(
        profile=world.peer.freelancer_profile, skill=Skill.objects.get(slug="python"), level=3
    )
    return world


def _world_ids(world: World, path: str) -> dict[str, Any]:
    """The world's object for every path parameter: a generated id is a 404 for all but one
    value in millions, so without these the handlers behind /{gig_id}/ would never run."""
    slug = {
        "/api/v1/firms/": world.firm.slug,
        # One endorses someone else: the peer, who lists python (the body's skill).
        "/api/v1/freelancers/": (
            world.peer if path.endswith("/endorsements/") else world.freelancer
        ).freelancer_profile.slug,
        "/api/v1/skills/": "python",
    }
    return {
        "gig_id": (world.draft if path.endswith("/publish/") else world.gig).id,
        "proposal_id": world.proposal.id,
        "invitation_id": world.invitation.id,
        "contract_id": world.contract.id,
        "milestone_id": world.milestone.id,
        "endorsement_id": world.endorsement.id,
        "image_id": world.image.id,
        "item_id": world.portfolio_item.id,
        "conversation_id": world.conversation_id,
        "message_id": world.message.id,
        "notification_id": world.notification.id,
        "user_id": world.member.id,
        "slug": next((v for prefix, v in slug.items() if path.startswith(prefix)), None),
    }


def _body_refs(world: World) -> dict[str, Any]:
    """Request-body fields that name another object, and the world's object for each."""
    return {
        "firm": world.firm.slug,
        "freelancer": world.peer.freelancer_profile.slug,  # not yet invited to the gig
        "skill": "python",
        "gig_id": world.gig.id,
        "proposal_id": world.proposal.id,
        "contract_id": world.contract.id,
        "message_id": world.message.id,
        "email": world.stranger.email,
    }


def _aim_body(value: Any, refs: dict[str, Any]) -> Any:
    if isinstance(value, dict):
        return {
            key: refs[key] if key in refs and isinstance(item, str | int) else _aim_body(item, refs)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_aim_body(item, refs) for item in value]
    return value


PATH = ParameterLocation.PATH


def _is_positive(case: Any, location: ParameterLocation) -> bool:
    component = case.meta.components.get(location) if case.meta else None
    return component is not None and component.mode.is_positive


def aim_at_world(case: Any, world: World, *, linked: frozenset[str] | None = None) -> None:
    """Valid (positive) path parameters name the world's objects; invalid ones stay, so
    `/gigs/abc/` and `/gigs/-1/` are still sent. Every other valid body has its references
    (a firm slug, a freelancer, an e-mail to add as member) pointed at the world too: the other
    half keeps its generated ones, which must be refused with a 4xx. The half is chosen from
    the case itself: a replayed case (shrinking) is aimed the same way. `linked`: a stateful
    link filled this case from an earlier response; its path parameters in `linked` and its
    body stay as they are."""
    if case.path_parameters and _is_positive(case, PATH):
        ids = _world_ids(world, case.operation.path)
        for name in case.path_parameters:
            if name not in (linked or ()) and ids.get(name) is not None:
                case.path_parameters[name] = ids[name]
    aim_body = linked is None and zlib.crc32(repr(case.body).encode()) % 2
    if aim_body and _is_positive(case, ParameterLocation.BODY):
        case.body = _aim_body(case.body, _body_refs(world))


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    derandomize=not RANDOM,
    deadline=None,
    suppress_health_check=HEALTH_CHECKS,
    database=None,
)
def test_every_operation_conforms(case: Any, actor: Actor) -> None:
    aim_at_world(case, actor.world)
    signed = actor.credentials
    # Every case meets the world as built: a savepoint rolled back after each (two statements,
    # where rebuilding the world is ~40). Cases stay independent, so hypothesis's replays while
    # shrinking see what the first run saw; chains of writes are the stateful test's job.
    with transaction.atomic():
        response = case.call(headers=dict(signed.headers), cookies=dict(signed.cookies))
        STATUSES.record(case, response.status_code)
        case.validate_response(response, checks=CHECKS)
        transaction.set_rollback(True)


# Stateful: schemathesis infers links between operations (dependency analysis of the schema:
# POST /gigs/ → {gig_id} → publish, proposals, …) and chains them, feeding ids from responses.
STEPS = int(os.environ.get("FUZZ_STATEFUL_EXAMPLES", str(max(EXAMPLES, 5))))


@pytest.mark.usefixtures("_wsgi_keeps_the_test_connection", "_no_throttles")
@pytest.mark.parametrize("who", ["freelancer", "firm_owner"])
def test_linked_operations_conform(who: str, db: Any) -> None:
    world = _world_for_fuzzing()
    credentials = credentials_for(getattr(world, who))

    class Workflow(schema.as_state_machine()):  # type: ignore[misc]
        """Each run (a sequence of up to 10 linked calls) starts from the world as built: hypothesis
        replays runs and must see the same responses, or it reports its strategy as flaky."""

        def setup(self) -> None:
            self._run = transaction.atomic()
            self._run.__enter__()

        def teardown(self) -> None:
            transaction.set_rollback(True)
            self._run.__exit__(None, None, None)

        def step(self, input: StepInput) -> Any:
            # A first step, or a link that could not be followed, has generated ids (404s):
            # those name the world's objects too. Link-fed parameters are left alone.
            if input.transition is None or not input.is_applied:
                aim_at_world(input.case, world)
            else:
                linked = {n for where, n in input.applied_parameters if n and where == PATH}
                aim_at_world(input.case, world, linked=frozenset(linked))
            return super().step(input)

        def get_call_kwargs(self, case: Any) -> dict[str, Any]:
            return {"headers": dict(credentials.headers), "cookies": dict(credentials.cookies)}

        def validate_response(self, response: Any, case: Any, **kwargs: Any) -> None:
            STATUSES.record(case, response.status_code, stateful=True)
            case.validate_response(response, checks=CHECKS)

    Workflow.run(
        settings=settings(
            max_examples=STEPS,
            derandomize=not RANDOM,
            deadline=None,
            suppress_health_check=HEALTH_CHECKS,
            database=None,
            stateful_step_count=10,
        )
    )
