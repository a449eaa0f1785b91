from django.apps import AppConfig


class CommonConfig(AppConfig):
    """Cross-cutting code; an app only so that its deployment checks register."""

    name = "common"
    verbose_name = "Common"

    def ready(self) -> None:
        from common import checks  # noqa: F401
