"""Freelancers' payout accounts: onboarding (Account + AccountLink) and readiness.

Readiness comes only from the provider's account object (the `account.updated` webhook, or a
re-fetch), never from the user coming back on the return URL.
"""

from __future__ import annotations

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from common.errors import Forbidden
from marketplace.accounts.models import User
from marketplace.events import emit_on_commit
from payments.escrow.models import PayoutAccount
from payments.events import payout_account_changed
from payments.providers import get_provider
from payments.providers.base import AccountInfo


def payout_account_onboarding_link(*, user: User) -> str:
    """Create the user's connected account once, and a fresh single-use onboarding link.

    This call is made in the request (the user waits for the URL); no money moves, and the
    account's creation carries a key derived from the user, so a retry finds the same one.
    """
    if not hasattr(user, "freelancer_profile"):
        raise Forbidden("permission_denied", _("Only freelancers receive payouts."))
    provider = get_provider()
    account = PayoutAccount.objects.filter(user=user).first()
    if account is None:
        info = provider.account_create(
            user_id=user.pk, email=user.email, idempotency_key=f"user:{user.pk}:account"
        )
        try:
            with transaction.atomic():
                account = PayoutAccount.objects.create(
                    user=user, provider=provider.name, account_id=info.id
                )
        except IntegrityError:
            account = PayoutAccount.objects.get(user=user)
        payout_account_apply(info=info)
        account.refresh_from_db()
    if account.ready:
        return str(settings.PAYMENTS_ONBOARDING_RETURN_URL)
    return provider.account_link_create(
        account_id=account.account_id,
        refresh_url=str(settings.PAYMENTS_ONBOARDING_RETURN_URL) + "?refresh=1",
        return_url=str(settings.PAYMENTS_ONBOARDING_RETURN_URL),
    )


def payout_account_apply(*, info: AccountInfo) -> PayoutAccount | None:
    """Store the provider's view of an account; None if we do not know the account (yet)."""
    with transaction.atomic():
        account = PayoutAccount.objects.select_for_update().filter(account_id=info.id).first()
        if account is None:
            return None
        was_ready = account.ready
        account.transfers_active = info.transfers_active
        account.payouts_enabled = info.payouts_enabled
        account.card_payments_active = info.card_payments_active
        account.country = info.country or account.country
        account.save(
            update_fields=[
                "transfers_active",
                "payouts_enabled",
                "card_payments_active",
                "country",
                "updated_at",
            ]
        )
        if account.ready != was_ready:
            emit_on_commit(payout_account_changed, user_id=account.user_id, ready=account.ready)
        return account
