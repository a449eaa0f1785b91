"""Chat REST endpoints: conversations, message history, read markers, reports, notifications.

Messages are sent over the websocket or here (same service, same dedupe, same broadcast).
A conversation the caller does not take part in is `not_found`, staff included.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from chat import conversations, notifications, selectors, services
from chat.api.serializers import (
    ConversationOutput,
    ConversationStartInput,
    MarkAllReadOutput,
    MarkReadInput,
    MarkReadOutput,
    MessageEditInput,
    MessageOutput,
    MessageSendInput,
    NotificationOutput,
    NotificationPreferenceSerializer,
    ReportInput,
    ReportOutput,
)
from chat.attachments import attachment_output
from chat.models import Conversation, Message, Notification
from common.pagination import CreatedCursorPagination
from common.throttling import WritesThrottleMixin
from marketplace.api_base import signed_in_user
from marketplace.media.api.serializers import ImageOutput


class ConversationPagination(CreatedCursorPagination):
    ordering = ("-last_message_at", "-id")


class MessagePagination(CreatedCursorPagination):
    ordering = ("-id",)  # type: ignore[assignment]  # ids only grow: no tie to break


class ConversationListCreateView(WritesThrottleMixin, generics.ListAPIView[Conversation]):
    permission_classes = (IsAuthenticated,)
    serializer_class = ConversationOutput
    pagination_class = ConversationPagination
    queryset = Conversation.objects.none()
    filter_backends = ()

    def get_queryset(self) -> QuerySet[Conversation]:
        return selectors.conversation_list_for_user(user=self.request.user)

    @extend_schema(
        summary="My conversations, most recent activity first, with unread counts",
        responses=ConversationOutput(many=True),
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        summary="Start (or find) the conversation about a gig or a proposal",
        description=(
            "`gig_id`: an inquiry from the caller to the gig's firm (open gigs only; not for "
            "the firm's own members). `proposal_id`: the conversation between the proposal's "
            "freelancer and the firm. 201 when it was created, 200 when it existed."
        ),
        request=ConversationStartInput,
        responses={200: ConversationOutput, 201: ConversationOutput},
    )
    def post(self, request: Request) -> Response:
        data = ConversationStartInput(data=request.data)
        data.is_valid(raise_exception=True)
        user = signed_in_user(request)
        if "gig_id" in data.validated_data:
            conversation, created = conversations.conversation_start_for_gig(
                gig_id=data.validated_data["gig_id"], by=user
            )
        else:
            conversation, created = conversations.conversation_for_proposal(
                proposal_id=data.validated_data["proposal_id"], by=user
            )
        fresh = selectors.conversation_get_for_user(conversation_id=conversation.pk, user=user)
        return Response(ConversationOutput(fresh).data, status=201 if created else 200)


class ConversationDetailView(APIView):
    permission_classes = (IsAuthenticated,)

    @extend_schema(summary="One of my conversations", responses=ConversationOutput)
    def get(self, request: Request, conversation_id: int) -> Response:
        conversation = selectors.conversation_get_for_user(
            conversation_id=conversation_id, user=request.user
        )
        return Response(ConversationOutput(conversation).data)


class MessageListView(WritesThrottleMixin, generics.ListAPIView[Message]):
    permission_classes = (IsAuthenticated,)
    serializer_class = MessageOutput
    pagination_class = MessagePagination
    queryset = Message.objects.none()
    filter_backends = ()

    def get_queryset(self) -> QuerySet[Message]:
        return selectors.message_list_for_user(
            conversation_id=self.kwargs["conversation_id"], user=self.request.user
        )

    @extend_schema(
        summary="A conversation's messages, newest first (cursor pagination)",
        responses=MessageOutput(many=True),
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        summary="Send a message to a conversation",
        description=(
            "The same service as a websocket `send`: idempotent on `client_message_id` (201 "
            "when stored, 200 with the first message when that id was stored before), "
            "broadcast to the conversation's sockets after commit, same limits and codes."
        ),
        request=MessageSendInput,
        responses={200: MessageOutput, 201: MessageOutput},
    )
    def post(self, request: Request, conversation_id: int) -> Response:
        data = MessageSendInput(data=request.data)
        data.is_valid(raise_exception=True)
        message, created = services.message_send(
            conversation_id=conversation_id,
            by=signed_in_user(request),
            text=data.validated_data.get("text"),
            client_message_id=data.validated_data["client_message_id"],
            attachments=data.validated_data.get("attachments"),
        )
        return Response(MessageOutput(message).data, status=201 if created else 200)


class MessageDetailView(APIView):
    permission_classes = (IsAuthenticated,)
    throttle_scope = "writes"

    @extend_schema(
        summary="Edit my message (within the edit window)",
        description=(
            "Only the author, within CHAT_EDIT_WINDOW_MINUTES of sending (`not_author` 403, "
            "`edit_window_closed` 409); hidden messages are `not_found`. The conversation's "
            "sockets get `message_edited`."
        ),
        request=MessageEditInput,
        responses=MessageOutput,
    )
    def patch(self, request: Request, message_id: int) -> Response:
        data = MessageEditInput(data=request.data)
        data.is_valid(raise_exception=True)
        message = services.message_edit(
            message_id=message_id, by=signed_in_user(request), text=data.validated_data["text"]
        )
        return Response(MessageOutput(message).data)


class MessageAttachmentsView(APIView):
    permission_classes = (IsAuthenticated,)

    @extend_schema(
        summary="A message's attached images",
        description=(
            "For participants of the message's conversation; anyone else, and a message hidden "
            "by moderation, is `not_found`."
        ),
        responses=ImageOutput(many=True),
    )
    def get(self, request: Request, message_id: int) -> Response:
        images = selectors.message_attachments_for_user(message_id=message_id, user=request.user)
        return Response([attachment_output(image) for image in images])


class ConversationReadView(APIView):
    permission_classes = (IsAuthenticated,)
    throttle_scope = "writes"

    @extend_schema(
        summary="Mark a conversation read up to a message",
        request=MarkReadInput,
        responses=MarkReadOutput,
    )
    def post(self, request: Request, conversation_id: int) -> Response:
        data = MarkReadInput(data=request.data)
        data.is_valid(raise_exception=True)
        marker = services.message_mark_read(
            conversation_id=conversation_id,
            by=signed_in_user(request),
            message_id=data.validated_data["message_id"],
        )
        return Response({"conversation_id": conversation_id, "last_read_message_id": marker})


class MessageReportView(APIView):
    permission_classes = (IsAuthenticated,)
    throttle_scope = "writes"

    @extend_schema(
        summary="Report a message to the moderators",
        request=ReportInput,
        responses={201: ReportOutput},
    )
    def post(self, request: Request, message_id: int) -> Response:
        data = ReportInput(data=request.data)
        data.is_valid(raise_exception=True)
        report = services.message_report(
            message_id=message_id, by=signed_in_user(request), reason=data.validated_data["reason"]
        )
        return Response(
            {"id": report.id, "message_id": report.object_id, "created_at": report.created_at},
            status=201,
        )


class NotificationListView(generics.ListAPIView[Notification]):
    permission_classes = (IsAuthenticated,)
    serializer_class = NotificationOutput
    queryset = Notification.objects.none()
    filter_backends = ()

    def get_queryset(self) -> QuerySet[Notification]:
        return selectors.notification_list_for_user(user=self.request.user)

    @extend_schema(
        summary="My notifications, newest first", responses=NotificationOutput(many=True)
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class NotificationReadView(APIView):
    permission_classes = (IsAuthenticated,)
    throttle_scope = "writes"

    @extend_schema(summary="Mark one notification read", request=None, responses=NotificationOutput)
    def post(self, request: Request, notification_id: int) -> Response:
        notification = notifications.notification_mark_read(
            notification_id=notification_id, by=signed_in_user(request)
        )
        return Response(NotificationOutput(notification).data)


class NotificationReadAllView(APIView):
    permission_classes = (IsAuthenticated,)
    throttle_scope = "writes"

    @extend_schema(
        summary="Mark all my notifications read", request=None, responses=MarkAllReadOutput
    )
    def post(self, request: Request) -> Response:
        marked = notifications.notification_mark_all_read(by=signed_in_user(request))
        return Response({"marked": marked})


class NotificationPreferenceView(WritesThrottleMixin, APIView):
    permission_classes = (IsAuthenticated,)

    @extend_schema(
        summary="Which notifications I also get by email, and after how many minutes",
        responses=NotificationPreferenceSerializer,
    )
    def get(self, request: Request) -> Response:
        preference = selectors.notification_preference_get(user=request.user)
        return Response(NotificationPreferenceSerializer(preference).data)

    @extend_schema(
        summary="Change my email notification preferences",
        request=NotificationPreferenceSerializer,
        responses=NotificationPreferenceSerializer,
    )
    def patch(self, request: Request) -> Response:
        user = signed_in_user(request)
        data = NotificationPreferenceSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        preference = notifications.notification_preference_update(user=user, **data.validated_data)
        return Response(NotificationPreferenceSerializer(preference).data)
