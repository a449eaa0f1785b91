from typing import Any

import pytest
from django.core import mail
from tests.factories import UserFactory

from marketplace.accounts.models import OutboundEmail
from marketplace.accounts.services import email_deliver, email_queue, user_update_preferences

pytestmark = pytest.mark.django_db


def test_queued_email_is_sent_only_after_commit_and_only_once(
    django_capture_on_commit_callbacks: Any,
) -> None:
    # Given an email queued inside a transaction
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        outbound = email_queue(to="ada@example.test", subject="Hi", body_text="Hello")
        # Then nothing is sent before commit
        assert mail.outbox == []
    assert len(callbacks) == 1
    # When the transaction commits, the task runs (eagerly in tests)
    callbacks[0]()
    assert [m.to for m in mail.outbox] == [["ada@example.test"]]
    outbound.refresh_from_db()
    assert outbound.sent_at is not None
    assert outbound.attempts == 1
    # And a redelivered task does not send again
    assert email_deliver(outbound_id=outbound.id) is False
    assert len(mail.outbox) == 1


def test_rolled_back_email_is_never_sent(django_capture_on_commit_callbacks: Any) -> None:
    from django.db import transaction

    def queue_then_fail() -> None:
        with transaction.atomic():
            email_queue(to="ada@example.test", subject="Hi", body_text="Hello")
            raise RuntimeError("rollback")

    with pytest.raises(RuntimeError):
        queue_then_fail()
    assert OutboundEmail.objects.count() == 0
    assert mail.outbox == []


def test_preferences_reject_unknown_time_zone_and_keep_the_old_one() -> None:
    from django.core.exceptions import ValidationError

    user = UserFactory.create(time_zone="Europe/Berlin")
    with pytest.raises(ValidationError):
        user_update_preferences(user=user, time_zone="Mars/Olympus")
    user.refresh_from_db()
    assert user.time_zone == "Europe/Berlin"
    user_update_preferences(user=user, language="de", time_zone="Asia/Tokyo")
    user.refresh_from_db()
    assert (user.language, user.time_zone) == ("de", "Asia/Tokyo")
