"""Serializers of the chat API: inputs validate shape only; outputs render selector rows."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from chat.attachments import attachment_output, message_attachment_images
from chat.models import Conversation, Message, Notification, NotificationPreference
from marketplace.media.api.serializers import ImageOutput


class ParticipantOutput(serializers.Serializer[Any]):
    user_id = serializers.IntegerField()
    name = serializers.CharField(source="user.get_full_name")
    last_read_message_id = serializers.IntegerField()


class LastMessageOutput(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    author_id = serializers.IntegerField()
    text = serializers.CharField()
    created_at = serializers.DateTimeField()


class ConversationOutput(serializers.ModelSerializer[Conversation]):
    unread_count = serializers.IntegerField(read_only=True)
    last_message = serializers.SerializerMethodField()
    participants = ParticipantOutput(source="memberships", many=True, read_only=True)
    edit_window_minutes = serializers.SerializerMethodField(
        help_text="How long after sending its author may edit a message (the app offers Edit "
        "only then; later edits are `edit_window_closed`)."
    )

    class Meta:
        model = Conversation
        fields = (
            "id",
            "kind",
            "title",
            "gig",
            "proposal",
            "contract",
            "created_at",
            "last_message_at",
            "unread_count",
            "last_message",
            "participants",
            "edit_window_minutes",
        )

    def get_edit_window_minutes(self, obj: Any) -> int:
        return int(settings.CHAT_EDIT_WINDOW_MINUTES)

    @extend_schema_field(LastMessageOutput(allow_null=True))
    def get_last_message(self, obj: Any) -> dict[str, Any] | None:
        if obj.last_message_id is None:
            return None
        return {
            "id": obj.last_message_id,
            "author_id": obj.last_message_author_id,
            "text": obj.last_message_text,
            "created_at": obj.last_message_created_at,
        }


class ConversationStartInput(serializers.Serializer[Any]):
    gig_id = serializers.IntegerField(required=False, min_value=1)
    proposal_id = serializers.IntegerField(required=False, min_value=1)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if ("gig_id" in attrs) == ("proposal_id" in attrs):
            raise serializers.ValidationError("Give exactly one of gig_id and proposal_id.")
        return attrs


class MessageOutput(serializers.ModelSerializer[Message]):
    author_name = serializers.CharField(source="author.get_full_name", read_only=True)
    attachments = serializers.SerializerMethodField()

    @extend_schema_field(ImageOutput(many=True))
    def get_attachments(self, message: Message) -> list[dict[str, Any]]:
        return [attachment_output(image) for image in message_attachment_images(message)]

    class Meta:
        model = Message
        fields = (
            "id",
            "conversation",
            "author",
            "author_name",
            "text",
            "client_message_id",
            "created_at",
            "edited_at",
            "attachments",
        )


class MessageSendInput(serializers.Serializer[Any]):
    # Shape only: emptiness and the byte limit are the service's rules (same codes as a socket).
    client_message_id = serializers.CharField(max_length=64)
    text = serializers.CharField(allow_blank=True, trim_whitespace=False, required=False)
    attachments = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        required=False,
        help_text="Ids of my attachment uploads (POST /api/v1/attachments/images/), "
        "at most CHAT_MESSAGE_MAX_ATTACHMENTS (4); the text may then be empty.",
    )


class MessageEditInput(serializers.Serializer[Any]):
    text = serializers.CharField(allow_blank=True, trim_whitespace=False)


class MarkReadInput(serializers.Serializer[Any]):
    message_id = serializers.IntegerField(min_value=0)


class MarkReadOutput(serializers.Serializer[Any]):
    conversation_id = serializers.IntegerField()
    last_read_message_id = serializers.IntegerField()


class ReportInput(serializers.Serializer[Any]):
    reason = serializers.CharField(max_length=500)


class ReportOutput(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    message_id = serializers.IntegerField()
    created_at = serializers.DateTimeField()


class NotificationOutput(serializers.ModelSerializer[Notification]):
    class Meta:
        model = Notification
        fields = ("id", "kind", "payload", "created_at", "read_at")


class MarkAllReadOutput(serializers.Serializer[Any]):
    marked = serializers.IntegerField()


class NotificationPreferenceSerializer(serializers.ModelSerializer[NotificationPreference]):
    class Meta:
        model = NotificationPreference
        fields = (
            "email_message",
            "email_invitation",
            "email_proposal",
            "email_contract",
            "email_milestone",
            "email_payment",
            "digest_delay_minutes",
        )
        extra_kwargs = {"digest_delay_minutes": {"min_value": 0, "max_value": 10080}}
