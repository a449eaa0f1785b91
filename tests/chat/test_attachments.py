"""Image attachments of chat messages: linking in the send, frames, history, the clean-up task."""

from __future__ import annotations

import io
import threading
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from channels.db import database_sync_to_async
from django.core.files.storage import default_storage
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from chat.message_store import message_send_postgresql
from chat.models import Message, MessageAttachment, Notification
from chat.services import message_hide, message_send, message_send_orm
from chat.tasks import attachment_uploads_purge
from common.errors import Conflict, ValidationFailed
from marketplace.media.models import StoredImage
from marketplace.media.services import attachment_upload
from marketplace.media.thumbnails import image_thumbnails_ensure
from marketplace.models import User
from tests.chat.conftest import Inquiry
from tests.chat.ws import open_socket, receive, send, subscribe
from tests.conftest import client_for
from tests.factories import moderator_create
from tests.marketplace.media.images import png_bytes

PATHS = {"postgresql": message_send_postgresql, "orm": message_send_orm}


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> Path:
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = str(root)
    return root


def upload(user: User) -> StoredImage:
    data = png_bytes()
    image = attachment_upload(by=user, source=io.BytesIO(data), size=len(data))
    # What the task queued on commit does (a test transaction never commits).
    image_thumbnails_ensure(image_id=image.id)
    image.refresh_from_db()
    return image


def shown(image: StoredImage) -> dict[str, Any]:
    image.refresh_from_db()
    thumbs = image.thumbnails
    return {
        "id": image.id,
        "url": default_storage.url(image.file.name),
        "content_type": "image/png",
        "width": 64,
        "height": 48,
        "thumbnails": {s: default_storage.url(thumbs[s]["name"]) for s in thumbs},
    }


def _url(inquiry: Inquiry) -> str:
    return f"/api/v1/conversations/{inquiry.conversation.id}/messages/"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["postgresql", "orm"])
def test_a_message_links_its_images_in_order_and_a_resend_is_idempotent(
    inquiry: Inquiry, path: str
) -> None:
    first, second = upload(inquiry.freelancer), upload(inquiry.freelancer)
    send = PATHS[path]
    cid = inquiry.conversation.id
    ids = [second.id, first.id]

    message, created = send(
        conversation_id=cid, by=inquiry.freelancer, text="", client_message_id="a", image_ids=ids
    )
    again, created_again = send(
        conversation_id=cid, by=inquiry.freelancer, text="", client_message_id="a", image_ids=ids
    )

    assert (created, created_again, again.id) == (True, False, message.id)
    assert list(MessageAttachment.objects.values_list("message_id", "image_id", "position")) == [
        (message.id, second.id, 0),
        (message.id, first.id, 1),
    ]
    assert Message.objects.get().text == ""
    assert set(first.thumbnails) == {"small", "medium", "large"}


@pytest.mark.django_db
def test_with_attachments_a_send_on_postgresql_is_one_extra_statement(inquiry: Inquiry) -> None:
    image = upload(inquiry.freelancer)
    with CaptureQueriesContext(connection) as queries:
        message_send(
            conversation_id=inquiry.conversation.id,
            by=inquiry.freelancer,
            text="look",
            client_message_id="q",
            attachments=[image.id],
        )
    statements = [q["sql"] for q in queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))]
    assert len(statements) == 2


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["postgresql", "orm"])
@pytest.mark.parametrize("whose", ["stranger", "member", "avatar"])
def test_an_image_that_is_not_my_attachment_upload_is_refused(
    inquiry: Inquiry, path: str, whose: str
) -> None:
    mine = upload(inquiry.freelancer)
    if whose == "avatar":
        other = upload(inquiry.freelancer)
        StoredImage.objects.filter(pk=other.pk).update(purpose="avatar")
    else:
        other = upload(getattr(inquiry, whose))

    with pytest.raises(ValidationFailed) as refused:
        PATHS[path](
            conversation_id=inquiry.conversation.id,
            by=inquiry.freelancer,
            text="x",
            client_message_id="a",
            image_ids=[mine.id, other.id],
        )

    assert refused.value.code == "attachment_not_found"
    assert refused.value.details == {"image_ids": [other.id]}
    assert Message.objects.count() == 0
    assert MessageAttachment.objects.count() == 0
    assert Notification.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["postgresql", "orm"])
def test_an_image_linked_already_is_refused_and_nothing_is_written(
    inquiry: Inquiry, path: str
) -> None:
    image, fresh = upload(inquiry.freelancer), upload(inquiry.freelancer)
    cid = inquiry.conversation.id
    first, _ = PATHS[path](
        conversation_id=cid,
        by=inquiry.freelancer,
        text="",
        client_message_id="a",
        image_ids=[image.id],
    )

    with pytest.raises(Conflict) as refused:
        PATHS[path](
            conversation_id=cid,
            by=inquiry.freelancer,
            text="again",
            client_message_id="b",
            image_ids=[fresh.id, image.id],
        )

    assert refused.value.code == "attachment_already_linked"
    assert refused.value.details == {"image_ids": [image.id]}
    assert list(Message.objects.values_list("id", flat=True)) == [first.id]
    assert list(MessageAttachment.objects.values_list("image_id", flat=True)) == [image.id]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("payload", "status", "code"),
    [
        (
            {"client_message_id": "r", "text": "x", "attachments": [1, 2, 3, 4, 5]},
            400,
            "too_many_attachments",
        ),
        ({"client_message_id": "r", "text": "  ", "attachments": []}, 400, "message_empty"),
        ({"client_message_id": "r"}, 400, "message_empty"),
        ({"client_message_id": "r", "attachments": [999999]}, 400, "attachment_not_found"),
        # Found by the fuzzer: past bigint, the link's cast failed the statement (500).
        ({"client_message_id": "r", "attachments": [2**63]}, 400, "attachment_not_found"),
        ({"client_message_id": "r", "attachments": ["x"]}, 400, "validation_error"),
    ],
)
def test_bad_attachments_over_rest_are_refused(
    inquiry: Inquiry, payload: dict[str, Any], status: int, code: str
) -> None:
    response = client_for(inquiry.freelancer).post(_url(inquiry), payload, "json")

    assert (response.status_code, response.json()["code"]) == (status, code)
    assert Message.objects.count() == 0


@pytest.mark.django_db
def test_over_rest_the_message_history_and_attachments_show_the_images(inquiry: Inquiry) -> None:
    image = upload(inquiry.freelancer)
    body = {"client_message_id": "r", "attachments": [image.id]}

    sent = client_for(inquiry.freelancer).post(_url(inquiry), body, "json")
    resent = client_for(inquiry.freelancer).post(_url(inquiry), body, "json")
    history = client_for(inquiry.owner).get(_url(inquiry))
    message_id = sent.json()["id"]
    listed = client_for(inquiry.member).get(f"/api/v1/messages/{message_id}/attachments/")
    stranger = client_for(inquiry.stranger).get(f"/api/v1/messages/{message_id}/attachments/")

    assert (sent.status_code, resent.status_code) == (201, 200)
    assert sent.json()["text"] == ""
    assert sent.json()["attachments"] == resent.json()["attachments"] == [shown(image)]
    assert history.json()["results"][0]["attachments"] == [shown(image)]
    assert listed.status_code == 200
    assert listed.json() == [shown(image)]
    assert (stranger.status_code, stranger.json()["code"]) == (404, "not_found")


@pytest.mark.django_db
def test_a_hidden_message_does_not_expose_its_attachments(inquiry: Inquiry) -> None:
    image = upload(inquiry.freelancer)
    message, _ = message_send(
        conversation_id=inquiry.conversation.id,
        by=inquiry.freelancer,
        text="x",
        client_message_id="h",
        attachments=[image.id],
    )
    message_hide(message=message, by=moderator_create(), reason="spam")

    listed = client_for(inquiry.owner).get(f"/api/v1/messages/{message.id}/attachments/")
    history = client_for(inquiry.owner).get(_url(inquiry))

    assert (listed.status_code, listed.json()["code"]) == (404, "not_found")
    assert history.json()["results"] == []


@pytest.mark.django_db
def test_the_purge_deletes_old_unlinked_uploads_and_their_files_once(
    inquiry: Inquiry, media_root: Path, django_capture_on_commit_callbacks: Any
) -> None:
    old, linked, recent = (upload(inquiry.freelancer) for _ in range(3))
    message_send(
        conversation_id=inquiry.conversation.id,
        by=inquiry.freelancer,
        text="x",
        client_message_id="p",
        attachments=[linked.id],
    )
    day_ago = timezone.now() - timedelta(hours=25)
    StoredImage.objects.filter(pk__in=[old.id, linked.id]).update(created_at=day_ago)
    old_files = [old.file.name, *(t["name"] for t in old.thumbnails.values())]
    assert all((media_root / name).exists() for name in old_files)

    with django_capture_on_commit_callbacks(execute=True):  # the files go after commit
        first = attachment_uploads_purge.delay().get()
    with django_capture_on_commit_callbacks(execute=True):
        second = attachment_uploads_purge.delay().get()

    assert (first, second) == (1, 0)
    assert sorted(StoredImage.objects.values_list("id", flat=True)) == sorted(
        [linked.id, recent.id]
    )
    assert not any((media_root / name).exists() for name in old_files)
    assert (media_root / str(linked.file.name)).exists()


def test_the_purge_is_scheduled_hourly() -> None:
    from config.celery import app

    entry = app.conf.beat_schedule["chat-attachment-uploads-purge"]
    assert entry == {"task": "chat.tasks.attachment_uploads_purge", "schedule": 3600.0}


@pytest.mark.anyio
@pytest.mark.django_db(transaction=True)
async def test_over_the_socket_the_message_and_catch_up_carry_the_images(
    live_inquiry: Inquiry,
) -> None:
    cid = live_inquiry.conversation.id
    image = await database_sync_to_async(upload)(live_inquiry.freelancer)
    other = await database_sync_to_async(upload)(live_inquiry.owner)
    expected = await database_sync_to_async(shown)(image)
    freelancer = await open_socket(live_inquiry.freelancer)
    owner = await open_socket(live_inquiry.owner)
    await subscribe(freelancer, cid)
    await subscribe(owner, cid)

    await send(
        freelancer, type="send", conversation_id=cid, client_message_id="s", attachments=[image.id]
    )
    ack = await receive(freelancer, "ack")
    live = await receive(owner, "message")
    await send(
        freelancer,
        type="send",
        conversation_id=cid,
        client_message_id="s2",
        text="theirs",
        attachments=[other.id],
    )
    refused = await receive(freelancer, "error")
    await send(
        freelancer, type="send", conversation_id=cid, client_message_id="s", attachments=[image.id]
    )
    duplicate = await receive(freelancer, "ack")
    late = await open_socket(live_inquiry.member)
    await send(late, type="subscribe", conversation_id=cid, after_id=0)
    caught_up = await receive(late, "message")

    assert (ack["duplicate"], duplicate["duplicate"]) == (False, True)
    assert duplicate["message_id"] == ack["message_id"] == live["id"]
    assert (live["text"], live["attachments"]) == ("", [expected])
    assert caught_up["attachments"] == [expected]
    assert refused["code"] == "attachment_not_found"
    assert await database_sync_to_async(Message.objects.count)() == 1
    for socket in (freelancer, owner, late):
        await socket.disconnect()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("path", ["postgresql", "orm"])
def test_racing_sends_of_one_image_link_it_once(live_inquiry: Inquiry, path: str) -> None:
    # Given one image and four sends of it with different client ids, each on its own connection
    image = upload(live_inquiry.freelancer)
    barrier = threading.Barrier(4)
    outcomes: list[str] = []
    lock = threading.Lock()

    def send_once(n: int) -> None:
        try:
            barrier.wait(timeout=10)
            try:
                PATHS[path](
                    conversation_id=live_inquiry.conversation.id,
                    by=live_inquiry.freelancer,
                    text="",
                    client_message_id=f"race-{n}",
                    image_ids=[image.id],
                )
                outcome = "stored"
            except Conflict as refused:
                outcome = refused.code or ""
            with lock:
                outcomes.append(outcome)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send_once, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    # Then one message holds it and the three others were refused without a trace
    assert sorted(outcomes) == ["attachment_already_linked"] * 3 + ["stored"]
    assert Message.objects.count() == 1
    assert list(MessageAttachment.objects.values_list("message_id", "image_id")) == [
        (Message.objects.get().id, image.id)
    ]
