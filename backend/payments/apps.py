from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "payments"
    verbose_name = _("Payments")

    def ready(self) -> None:
        # Error codes register at import; tasks are imported so a worker knows them.
        from payments import errors, tasks  # noqa: F401
