from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "matching"
    verbose_name = _("Matching")

    def ready(self) -> None:
        from matching import errors, receivers  # noqa: F401  (registers error codes)

        receivers.connect()

        from matching.result_cache import match_results_watch

        match_results_watch()

        from common.health import READINESS_CHECKS
        from matching.health import check_search

        READINESS_CHECKS["search"] = check_search
