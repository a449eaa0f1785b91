from django.urls import URLPattern, URLResolver, path

from chat.api import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("conversations/", views.ConversationListCreateView.as_view(), name="conversation-list"),
    path(
        "conversations/<int:conversation_id>/",
        views.ConversationDetailView.as_view(),
        name="conversation-detail",
    ),
    path(
        "conversations/<int:conversation_id>/messages/",
        views.MessageListView.as_view(),
        name="conversation-messages",
    ),
    path(
        "conversations/<int:conversation_id>/read/",
        views.ConversationReadView.as_view(),
        name="conversation-read",
    ),
    path("messages/<int:message_id>/", views.MessageDetailView.as_view(), name="message-detail"),
    path(
        "messages/<int:message_id>/attachments/",
        views.MessageAttachmentsView.as_view(),
        name="message-attachments",
    ),
    path(
        "messages/<int:message_id>/report/",
        views.MessageReportView.as_view(),
        name="message-report",
    ),
    path("notifications/", views.NotificationListView.as_view(), name="notification-list"),
    path(
        "notifications/read-all/",
        views.NotificationReadAllView.as_view(),
        name="notification-read-all",
    ),
    path(
        "notifications/<int:notification_id>/read/",
        views.NotificationReadView.as_view(),
        name="notification-read",
    ),
    path(
        "notification-preferences/",
        views.NotificationPreferenceView.as_view(),
        name="notification-preferences",
    ),
]
