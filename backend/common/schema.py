"""drf-spectacular hook: publish the error format and every error code in the schema."""

from __future__ import annotations

from typing import Any

from common.errors import ERROR_CODES

_ERROR_STATUSES = {
    "400": "Invalid input (`validation_error`, `malformed_request`, or a domain code).",
    "401": "Not signed in (`not_authenticated`).",
    "403": "Not allowed (`permission_denied`).",
    "404": "Not found or not visible to the caller (`not_found`).",
    "409": "The object's state forbids the action (`invalid_state` or a domain code).",
    "429": (
        "Throttled (`throttled`, `rate_limited`, `upload_quota_exceeded`, "
        "`proposal_quota_exceeded`, `invitation_quota_exceeded`)."
    ),
    "413": "The uploaded file is too large (`image_too_large`).",
    "415": "The body's content type is not one the operation accepts (`unsupported_media_type`).",
}


def add_error_codes(
    result: dict[str, Any], generator: Any, request: Any, public: Any
) -> dict[str, Any]:
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["ErrorCode"] = {
        "type": "string",
        "enum": sorted(ERROR_CODES),
        "description": "\n".join(f"* `{c}` — {d}" for c, d in sorted(ERROR_CODES.items())),
    }
    schemas["Error"] = {
        "type": "object",
        "required": ["code", "message", "details"],
        "properties": {
            "code": {"$ref": "#/components/schemas/ErrorCode"},
            "message": {"type": "string"},
            "details": {"type": "object", "additionalProperties": {}},
        },
    }
    ref = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            responses = operation.setdefault("responses", {})
            wanted = ["400", "401", "403", "404", "429"]
            if method != "get":
                wanted.append("409")
            # DRF answers 415 to any body it has no parser for, wherever a view reads the body
            # (found by the fuzzer on refund, whose idempotency digest reads it first).
            if operation.get("requestBody"):
                wanted.append("415")
            if _uploads_a_file(operation, schemas):
                wanted.append("413")
            for status in wanted:
                responses.setdefault(status, {"description": _ERROR_STATUSES[status], **ref})
    return result


def _uploads_a_file(operation: dict[str, Any], schemas: dict[str, Any]) -> bool:
    """Whether the operation's multipart body has a binary (file) field. Every DRF write
    accepts multipart by default, so the content type alone says nothing."""
    multipart = operation.get("requestBody", {}).get("content", {}).get("multipart/form-data")
    if not multipart:
        return False
    schema = multipart.get("schema", {})
    if "$ref" in schema:
        schema = schemas.get(schema["$ref"].rsplit("/", 1)[-1], {})
    properties = schema.get("properties", {}).values()
    return any(field.get("format") == "binary" for field in properties)
