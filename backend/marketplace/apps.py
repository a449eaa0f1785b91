from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketplaceConfig(AppConfig):
    name = "marketplace"
    verbose_name = _("Marketplace")

    def ready(self) -> None:
        # Error codes of every domain package register at import (see common.errors).
        from django.db.models.signals import post_migrate

        from marketplace import errors  # noqa: F401
        from marketplace.accounts import schema  # noqa: F401 (the schema's auth extension)
        from marketplace.accounts.roles import staff_roles_ensure
        from marketplace.moderation import reportables, tasks  # noqa: F401

        # Every app's post_migrate, not only ours: the roles' permissions include other apps'
        # models (chat messages), which exist only once those apps have migrated.
        post_migrate.connect(staff_roles_ensure, dispatch_uid="marketplace.staff_roles")
        reportables.register()
        from marketplace.accounts.session_user import session_users_watch
        from marketplace.contracts.list_cache import contract_lists_watch
        from marketplace.public_cache import public_reads_watch

        public_reads_watch()
        session_users_watch()
        contract_lists_watch()
