"""Account rules: preferences, and the outbox through which every email leaves."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from marketplace.accounts.models import OutboundEmail, User


def email_queue(
    *, to: str, subject: str, body_text: str, body_html: str = "", template: str = ""
) -> OutboundEmail:
    """Persist a rendered email and send it from a worker once the transaction commits."""
    from marketplace.accounts.tasks import email_send

    outbound = OutboundEmail.objects.create(
        to=to, subject=subject, body_text=body_text, body_html=body_html, template=template
    )
    email_send.delay_on_commit(outbound.id)
    return outbound


def email_deliver(*, outbound_id: int) -> bool:
    """Send one queued email exactly once; returns False when it was sent already."""
    from django.core.mail import EmailMultiAlternatives

    with transaction.atomic():
        outbound = OutboundEmail.objects.select_for_update().filter(id=outbound_id).first()
        if outbound is None or outbound.sent_at is not None:
            return False
        outbound.attempts += 1
        message = EmailMultiAlternatives(outbound.subject, outbound.body_text, to=[outbound.to])
        if outbound.body_html:
            message.attach_alternative(outbound.body_html, "text/html")
        # Sending inside the row lock keeps two redelivered copies from both sending; the
        # rare crash between send and commit can repeat one email, never lose it.
        message.send()
        outbound.sent_at = timezone.now()
        outbound.last_error = ""
        outbound.save(update_fields=["attempts", "sent_at", "last_error"])
    return True


def user_update_preferences(
    *,
    user: User,
    full_name: str | None = None,
    language: str | None = None,
    time_zone: str | None = None,
) -> User:
    """Change what the user sees: name, interface language, time zone for displayed times."""
    changed: list[str] = []
    for field, value in (
        ("full_name", full_name),
        ("language", language),
        ("time_zone", time_zone),
    ):
        if value is not None and getattr(user, field) != value:
            setattr(user, field, value)
            changed.append(field)
    if changed:
        user.full_clean(exclude=["password"])
        user.save(update_fields=changed)
    return user
