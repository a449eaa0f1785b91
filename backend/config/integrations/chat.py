"""Settings of the chat app (read from the environment; see .env.example)."""

from __future__ import annotations

from config.env import env

# A message's text is at most 8 KB of UTF-8; a websocket frame at most 32 KB (JSON escaping can
# double the text, e.g. a text of quotes), larger frames close the socket with 1009.
CHAT_MESSAGE_MAX_BYTES = env.int("CHAT_MESSAGE_MAX_BYTES", default=8192)
CHAT_FRAME_MAX_BYTES = env.int("CHAT_FRAME_MAX_BYTES", default=32768)
# Per user across every socket and process (a counter in the cache, Redis in production):
# 30 messages per 10 s lets a fast typist burst and stops a script within a second.
CHAT_RATE_LIMIT_MESSAGES = env.int("CHAT_RATE_LIMIT_MESSAGES", default=30)
CHAT_RATE_LIMIT_WINDOW_SECONDS = env.int("CHAT_RATE_LIMIT_WINDOW_SECONDS", default=10)
# Every frame counts against a wider budget (typing, read, presence): 120 per window.
CHAT_RATE_LIMIT_FRAMES = env.int("CHAT_RATE_LIMIT_FRAMES", default=120)
# A user is online while a key refreshed by their socket (clients ping every 25 s) is alive.
CHAT_PRESENCE_TTL_SECONDS = env.int("CHAT_PRESENCE_TTL_SECONDS", default=60)
# Unread notifications are emailed after this many minutes (users may choose their own).
CHAT_DIGEST_DELAY_MINUTES = env.int("CHAT_DIGEST_DELAY_MINUTES", default=10)
# Commit messages without waiting for PostgreSQL's WAL fsync (see chat.services): faster on
# slow disks; a database-server crash may lose the last ~0.6 s of messages. Off by default.
CHAT_ASYNC_COMMIT = env.bool("CHAT_ASYNC_COMMIT", default=False)
# Authors may edit a message for this many minutes after sending it.
CHAT_EDIT_WINDOW_MINUTES = env.int("CHAT_EDIT_WINDOW_MINUTES", default=15)
# A message carries at most this many attachment images (uploaded first, then linked by id).
CHAT_MESSAGE_MAX_ATTACHMENTS = env.int("CHAT_MESSAGE_MAX_ATTACHMENTS", default=4)
# Attachment uploads no message links are deleted (row and files) once this old.
CHAT_ATTACHMENT_UNLINKED_MAX_AGE_HOURS = env.int(
    "CHAT_ATTACHMENT_UNLINKED_MAX_AGE_HOURS", default=24
)
# A subscribe replays at most this many missed messages; older ones come from the REST history.
CHAT_CATCHUP_LIMIT = 500

# Beat runs the digest every minute: a notification is emailed at most a minute after it is due.
CHAT_BEAT_SCHEDULE = {
    "chat-notification-digest": {
        "task": "chat.tasks.notification_digest_send_due",
        "schedule": 60.0,
    },
    # Hourly: an unlinked upload lives at most a day and an hour.
    "chat-attachment-uploads-purge": {
        "task": "chat.tasks.attachment_uploads_purge",
        "schedule": 3600.0,
    },
}
