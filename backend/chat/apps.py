from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChatConfig(AppConfig):
    name = "chat"
    verbose_name = _("Chat")

    def ready(self) -> None:
        # Error codes register at import; receivers turn domain events into notifications;
        # tasks are imported so a worker started on `config.celery` knows them.
        from chat import errors, receivers, tasks  # noqa: F401

        receivers.connect()
