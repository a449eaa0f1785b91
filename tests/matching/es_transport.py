"""Test-only transport for osmem-server (research notes §5): elasticsearch-py 9 always sends
`application/vnd.elasticsearch+json; compatible-with=9`, which osmem answers with 406; this
node sends and accepts plain `application/json` instead."""

from __future__ import annotations

from typing import Any

from elastic_transport import HttpHeaders, Urllib3HttpNode
from elastic_transport._node._base import NodeApiResponse


class PlainJsonNode(Urllib3HttpNode):
    def perform_request(
        self,
        method: str,
        target: str,
        body: bytes | None = None,
        headers: HttpHeaders | None = None,
        request_timeout: Any = None,
    ) -> NodeApiResponse:
        fixed = HttpHeaders(headers or {})
        for name in ("accept", "content-type"):
            if name in fixed:
                fixed[name] = "application/json"
        if request_timeout is None:
            return super().perform_request(method, target, body=body, headers=fixed)
        return super().perform_request(
            method, target, body=body, headers=fixed, request_timeout=request_timeout
        )
