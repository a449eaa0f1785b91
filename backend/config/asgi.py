"""ASGI entry point: HTTP (API, admin, static, the frontend) and, as they land, websockets.

In embedded mode this one process serves everything; in production an ASGI server runs it
for `/ws/` behind nginx while gunicorn serves HTTP through `config.wsgi`.
"""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

django_asgi_app = get_asgi_application()

from channels.routing import ProtocolTypeRouter  # noqa: E402  (needs Django set up first)

application = ProtocolTypeRouter({"http": django_asgi_app})
