"""Error codes of the chat app (REST bodies and websocket `error` frames share them).

Chat also answers with the marketplace's `own_gig` and `gig_not_open` and the common codes
(`not_found`, `rate_limited`, `validation_error`).
"""

from common.errors import register_codes

register_codes(
    {
        "message_empty": "A message needs some text or an attached image.",
        "message_too_long": "The message text is larger than the limit (8 KB of UTF-8).",
        "too_many_attachments": "More images than CHAT_MESSAGE_MAX_ATTACHMENTS (4) on a message.",
        "attachment_not_found": "An attached id is not the sender's own attachment upload.",
        "attachment_already_linked": "An attached image is linked to a message already.",
        "not_author": "Only the author of a message may edit it.",
        "edit_window_closed": "The message is older than CHAT_EDIT_WINDOW_MINUTES.",
        "already_reported": "You reported this message already.",
        "malformed_frame": "The websocket frame is not a JSON object.",
        "unknown_type": "The websocket frame's `type` is not one the server knows.",
        "invalid_frame": "A field of the websocket frame is missing or invalid.",
        "frame_too_large": "The websocket frame is larger than the limit; the socket closes.",
        "chat_unavailable": "The chat's channel layer (Redis) is unreachable: the websocket"
        " handshake is refused with 503 and Retry-After; try again later.",
    }
)
