"""drf-spectacular: how the API's field types are documented where the default is wrong.

Registered by `CommonConfig.ready` (extensions apply once imported).
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiSerializerFieldExtension


class LocalTimeFieldExtension(OpenApiSerializerFieldExtension):
    """A wall-clock time such as a firm's working hours: "09:00:00", with no UTC offset.

    drf-spectacular documents TimeField as `format: time`, which JSON Schema defines as RFC 3339
    `full-time` and so requires an offset the API never sends; clients validating responses
    against the schema rejected every firm. The pattern says what is really exchanged.
    """

    target_class = "rest_framework.fields.TimeField"
    match_subclasses = True

    def map_serializer_field(self, auto_schema: Any, direction: Any) -> dict[str, Any]:
        return {
            "type": "string",
            "pattern": r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?$",
            "example": "09:00:00",
        }
