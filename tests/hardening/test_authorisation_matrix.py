"""BOLA / BFLA (ASVS 4.2.1, 8.2.2; API1, API5): every /api/ route × owner, counterparty,
stranger, anonymous, staff gets exactly the status of its matrix line, and a refused write
changes nothing. The matrix lives in tests/hardening/matrix.py, one line per route and method.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import models
from django.urls import reverse
from rest_framework.test import APIClient

from marketplace.models import FirmMembership
from tests.hardening.matrix import MATRIX, Entry
from tests.hardening.routes import api_routes
from tests.hardening.world import ROLES, SUBJECTS, World, world_build

pytestmark = pytest.mark.django_db

SAFE = ("get",)


def test_every_api_route_has_a_matrix_entry() -> None:
    routes = {(name, method) for name, methods in api_routes().items() for method in methods}
    assert sorted(routes - MATRIX.keys()) == [], "add these routes to tests/hardening/matrix.py"
    assert sorted(MATRIX.keys() - routes) == [], "these matrix lines name no route any more"


def _snapshot(world: World) -> dict[str, Any]:
    """Every row of the world as stored, and how many rows each of their tables holds."""
    rows: dict[str, Any] = {}
    model_types: set[type[models.Model]] = {FirmMembership}
    for name, value in vars(world).items():
        if isinstance(value, models.Model):
            model = type(value)
            model_types.add(model)
            rows[name] = model._default_manager.filter(pk=value.pk).values().first()
    for model in model_types:
        rows[f"count:{model._meta.label}"] = model._default_manager.count()
    return rows


def _call(entry: Entry, name: str, method: str, role: str, world: World) -> tuple[int, Any]:
    if entry.subject is None:
        url = reverse(name)
        user = {"owner": world.freelancer, "anonymous": None}.get(role, getattr(world, role, None))
    else:
        subject = SUBJECTS[entry.subject]
        url = reverse(name, kwargs=subject.kwargs(world))
        user = subject.user(world, role)
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    body = entry.body(world) if callable(entry.body) else (entry.body or {})
    response = client.get(url) if method in SAFE else getattr(client, method)(url, body)
    return response.status_code, response


@pytest.mark.parametrize(("name", "method"), sorted(MATRIX), ids=lambda v: str(v))
def test_matrix(name: str, method: str) -> None:
    entry = MATRIX[(name, method)]
    world = world_build()
    seen: dict[str, int] = {}
    for role in ROLES:
        expected = entry.expected(role)
        if expected is None:
            continue
        if method not in SAFE:
            world = world_build()  # a write that succeeds must not change the next role's world
        before = _snapshot(world)
        status, response = _call(entry, name, method, role, world)
        seen[role] = status
        if method not in SAFE and status >= 400:
            assert _snapshot(world) == before, (name, method, role, "a refused write wrote")
        if status in (401, 403) and role == "anonymous":
            assert response.json()["code"] == "not_authenticated"
        elif status == 404:
            assert response.json()["code"] == "not_found"
    wanted = {r: entry.expected(r) for r in ROLES if entry.expected(r) is not None}
    assert seen == wanted, f"{name} {method}: {seen}"


# Lists a stranger may open must not show the world's rows (API1: no foreign rows in lists).
FOREIGN_LISTS: dict[str, dict[str, Any]] = {
    "proposal-list": {},
    "invitation-list": {},
    "contract-list": {},
    "conversation-list": {},
    "notification-list": {},
    "report-list": {},
    "me-portfolio": {},
}


@pytest.mark.parametrize("name", sorted(FOREIGN_LISTS))
def test_lists_show_a_stranger_no_foreign_rows(name: str) -> None:
    world = world_build()
    client = APIClient()
    client.force_authenticate(world.stranger)
    response = client.get(reverse(name))
    assert response.status_code in (200, 404)
    if response.status_code == 200:
        body = response.json()
        assert (body["results"] if isinstance(body, dict) else body) == []


def test_the_proposals_of_a_gig_are_hidden_from_a_stranger_and_the_other_freelancers() -> None:
    world = world_build()
    for user, expected in ((world.stranger, []), (world.firm_owner, [world.proposal.id])):
        client = APIClient()
        client.force_authenticate(user)
        response = client.get(reverse("gig-proposals", kwargs={"gig_id": world.gig.id}))
        assert response.status_code == 200
        assert [p["id"] for p in response.json()["results"]] == expected
