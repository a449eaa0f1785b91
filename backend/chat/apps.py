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
        _register_reportable()


def _register_reportable() -> None:
    """Chat messages are reportable: they join the moderation queue (marketplace.moderation)."""
    from chat import services
    from marketplace.moderation.registry import Reportable, reportable_register

    reportable_register(
        Reportable(
            kind="message",
            label=_("Chat message"),
            model="chat.Message",
            find=lambda object_id, user: services.message_find_for_reporter(
                message_id=object_id, user=user
            ),
            owners=lambda message: [message.author_id],
            hide=lambda message, by, reason: services.message_hide(
                message=message, by=by, reason=reason
            ),
        )
    )
