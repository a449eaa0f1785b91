"""Conversations between firms and freelancers, their messages, and users' notifications.

A conversation is about one subject: an inquiry on a gig, a proposal, or a contract; its
participants are the freelancer and the firm's members at the time it started. Read state is
per participant (`last_read_message_id`): message ids only grow, so "unread" is "id greater".
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ConversationKind(models.TextChoices):
    GIG_INQUIRY = "gig_inquiry", _("Gig inquiry")
    PROPOSAL = "proposal", _("Proposal")
    CONTRACT = "contract", _("Contract")


class Conversation(models.Model):
    kind = models.CharField(max_length=12, choices=ConversationKind.choices)
    # Every subject belongs to a gig; the proposal or contract is set for those kinds.
    gig = models.ForeignKey(
        "marketplace.Gig", on_delete=models.CASCADE, related_name="conversations"
    )
    proposal = models.ForeignKey(
        "marketplace.Proposal",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="conversations",
    )
    contract = models.ForeignKey(
        "marketplace.Contract",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="conversations",
    )
    # The freelancer who asked, for a gig inquiry (one inquiry per gig and freelancer).
    inquirer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    title = models.CharField(max_length=140)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # Moves with each message: the conversation list is ordered by it.
    last_message_at = models.DateTimeField(default=timezone.now, db_index=True)
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Participant", related_name="conversations"
    )

    class Meta:
        ordering = ("-last_message_at", "-id")
        constraints = [
            models.UniqueConstraint(
                fields=["proposal"],
                condition=Q(kind="proposal"),
                name="chat_conversation_one_per_proposal",
            ),
            models.UniqueConstraint(
                fields=["contract"],
                condition=Q(kind="contract"),
                name="chat_conversation_one_per_contract",
            ),
            models.UniqueConstraint(
                fields=["gig", "inquirer"],
                condition=Q(kind="gig_inquiry"),
                name="chat_conversation_one_inquiry_per_user",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"


class Participant(models.Model):
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="chat_memberships"
    )
    last_read_message_id = models.BigIntegerField(default=0)
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["conversation", "user"], name="chat_participant_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.conversation_id}"


class Message(models.Model):
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="chat_messages"
    )
    text = models.TextField()
    # Chosen by the sending client; a resend with the same id returns the first message.
    client_message_id = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    hidden_by_moderation = models.BooleanField(default=False)
    hidden_reason = models.CharField(max_length=500, blank=True)
    # Not a field: the images a send just linked, so its frame needs no query (chat.attachments).
    linked_images: list[Any] | None = None

    class Meta:
        ordering = ("id",)
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "author", "client_message_id"],
                name="chat_message_client_id_unique",
            )
        ]
        indexes = [models.Index(fields=["conversation", "id"], name="chat_message_conv_id")]

    def __str__(self) -> str:
        return f"message {self.id} in {self.conversation_id}"


class MessageAttachment(models.Model):
    """An uploaded image (purpose `attachment`) linked to a message, in the sender's order.

    One message per image (`image` is one-to-one): a second link is refused. Deleting the image
    (admin) removes it from the message; deleting the message unlinks it (the clean-up task then
    removes the orphaned upload and its files)."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="attachments")
    image = models.OneToOneField(
        "marketplace.StoredImage", on_delete=models.CASCADE, related_name="chat_attachment"
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("message_id", "position")
        indexes = [models.Index(fields=["message", "position"], name="chat_attachment_msg_pos")]

    def __str__(self) -> str:
        return f"image {self.image_id} on message {self.message_id}"


class MessageReport(models.Model):
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(max_length=500)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at",)
        constraints = [
            models.UniqueConstraint(
                fields=["message", "reporter"], name="chat_report_once_per_user"
            )
        ]

    def __str__(self) -> str:
        return f"report of message {self.message_id}"


class NotificationKind(models.TextChoices):
    MESSAGE = "message", _("New messages")
    INVITATION = "invitation", _("Invitations")
    PROPOSAL = "proposal", _("Proposals")
    CONTRACT = "contract", _("Contracts")
    MILESTONE = "milestone", _("Milestones")
    PAYMENT = "payment", _("Payments")


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="chat_notifications"
    )
    kind = models.CharField(max_length=12, choices=NotificationKind.choices)
    payload = models.JSONField(default=dict)
    # For `message`: the conversation with unread messages (one unread row per conversation).
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # For events: "<event>:<id>:<state>", so a redelivered event does not notify twice.
    event_key = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-id")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "event_key"],
                condition=~Q(event_key=""),
                name="chat_notification_event_once",
            ),
            models.UniqueConstraint(
                fields=["user", "conversation"],
                condition=Q(kind="message", read_at__isnull=True),
                name="chat_notification_one_unread_per_conversation",
            ),
        ]
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=Q(read_at__isnull=True, emailed_at__isnull=True),
                name="chat_notification_digest_due",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.user_id}"


class NotificationPreference(models.Model):
    """Which notifications a user also wants by email, and after how long unread."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="chat_preference"
    )
    email_message = models.BooleanField(default=True)
    email_invitation = models.BooleanField(default=True)
    email_proposal = models.BooleanField(default=True)
    email_contract = models.BooleanField(default=True)
    email_milestone = models.BooleanField(default=True)
    email_payment = models.BooleanField(default=True)
    # Minutes a notification stays unread before it is emailed; null = CHAT_DIGEST_DELAY_MINUTES.
    digest_delay_minutes = models.PositiveSmallIntegerField(null=True, blank=True)

    def __str__(self) -> str:
        return f"preferences of {self.user_id}"
