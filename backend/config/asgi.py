"""ASGI entry point: HTTP (API, admin, static, the frontend) and the chat websocket.

In embedded mode this one process serves everything; in production an ASGI server runs it
for `/ws/` behind nginx while gunicorn serves HTTP through `config.wsgi`.

Websockets pass the Origin check of `AllowedHostsOriginValidator` (the handshake's Origin must
be one of ALLOWED_HOSTS: no cross-site socket hijacking; `chat.stoppable` refuses without a
channel-layer poll) and `AuthMiddlewareStack` (the user from the
session cookie); the consumer refuses anonymous users.
"""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

django_asgi_app = get_asgi_application()

# These need Django set up first.
from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402

from chat.routing import websocket_urlpatterns  # noqa: E402
from chat.stoppable import allowed_hosts_origin_validator  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": allowed_hosts_origin_validator(
            AuthMiddlewareStack(URLRouter(websocket_urlpatterns))
        ),
    }
)
