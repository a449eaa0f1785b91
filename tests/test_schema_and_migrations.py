"""Committed artefacts stay true: the OpenAPI schema and the migrations match the code."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.core.management import call_command

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "docs" / "openapi.yaml"


def test_committed_openapi_schema_is_fresh() -> None:
    out = io.StringIO()
    call_command("spectacular", "--validate", "--fail-on-warn", stdout=out)
    generated = yaml.safe_load(out.getvalue())
    committed = yaml.safe_load(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert committed == generated, "docs/openapi.yaml is stale: run `make schema`"


def test_schema_lists_every_error_code_and_the_error_shape() -> None:
    from common.errors import ERROR_CODES

    schema = yaml.safe_load(SCHEMA_FILE.read_text(encoding="utf-8"))
    components = schema["components"]["schemas"]
    assert set(components["ErrorCode"]["enum"]) == set(ERROR_CODES)
    assert components["Error"]["required"] == ["code", "message", "details"]


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration() -> None:
    out = io.StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)


@pytest.mark.django_db
def test_schema_and_docs_are_served(api: Any) -> None:
    schema = api.get("/api/schema/")
    assert schema.status_code == 200
    assert b"/api/v1/gigs/" in schema.content
    docs = api.get("/api/docs/")
    assert docs.status_code == 200
    assert b"swagger" in docs.content.lower()


@pytest.mark.django_db
def test_wall_clock_times_are_documented_as_they_are_sent(api: Any) -> None:
    """Found by the fuzzer: TimeField was `format: time` (RFC 3339, offset required), while the
    API sends "09:00:00"; every firm in a response broke a validating client."""
    import re

    from tests.factories import FirmMembershipFactory

    schema = yaml.safe_load(SCHEMA_FILE.read_text(encoding="utf-8"))
    field = schema["components"]["schemas"]["MyFirmOutput"]["properties"]["working_hours_start"]
    assert "format" not in field
    owner = FirmMembershipFactory.create(role="owner").user
    api.force_authenticate(owner)
    served = api.get("/api/v1/firms/").json()["results"][0]
    assert served["working_hours_start"] == "09:00:00"
    assert re.fullmatch(field["pattern"], served["working_hours_start"])
    assert re.fullmatch(field["pattern"], "09:00:00+01:00") is None


@pytest.mark.django_db
def test_a_body_of_an_unaccepted_content_type_is_a_documented_415(api: Any) -> None:
    """Found by the fuzzer: refund's idempotency digest reads the body before anything else, so
    a body DRF has no parser for answered 415, which the schema listed for uploads only."""
    from tests.hardening.world import world_build

    world = world_build()
    api.force_authenticate(world.firm_owner)
    url = f"/api/v1/payments/milestones/{world.milestone.id}/refund/"
    response = api.generic(
        "POST", url, b"amount_minor=1", content_type="text/plain", HTTP_IDEMPOTENCY_KEY="k1"
    )
    assert response.status_code == 415
    assert response.json()["code"] == "unsupported_media_type"
    served = api.get("/api/schema/", {"format": "json"}).json()
    refund = served["paths"]["/api/v1/payments/milestones/{milestone_id}/refund/"]["post"]
    assert "415" in refund["responses"]
    for path, item in served["paths"].items():
        for method, operation in item.items():
            if "requestBody" in operation:
                assert "415" in operation["responses"], f"{method.upper()} {path}"
