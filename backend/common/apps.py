from django.apps import AppConfig


class CommonConfig(AppConfig):
    """Cross-cutting code; an app so that its deployment checks and schema extensions register."""

    name = "common"
    verbose_name = "Common"

    def ready(self) -> None:
        from common import checks, schema_fields  # noqa: F401
