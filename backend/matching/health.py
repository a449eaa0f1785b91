"""The search engine's readiness probe, registered into `/readyz` by `MatchingConfig.ready`."""

from __future__ import annotations

from common.health import DEGRADED, NOT_CONFIGURED, OK


def check_search() -> str:
    """ "not_configured" for the database backend (no service to reach), "ok" when
    Elasticsearch answers, "degraded" when it does not — still ready, because reads then fall
    back to the database backend."""
    from matching import backends

    if backends.configured_name() == "database":
        return NOT_CONFIGURED
    try:
        backends.primary_backend().status()
    except Exception as exc:
        backends.mark_down(exc)
        return DEGRADED
    backends.mark_up()
    return OK
