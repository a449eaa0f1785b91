from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from common.errors import json_error_view
from common.frontend import SPA_PATH, frontend_index
from marketplace.media.serve import media_serve

admin.site.site_header = _("Nanoguild administration")
admin.site.site_title = _("Nanoguild admin")

urlpatterns = [
    path("", include("common.health")),
    path("", include("common.metrics")),
    # matching first: its /skills/suggest/ must win over marketplace's /skills/<slug>/.
    path("api/v1/", include("matching.api.urls")),
    path("api/v1/", include("marketplace.api_urls")),
    path("api/v1/", include("payments.api.urls")),
    path("api/v1/", include("chat.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its init script from a URL instead of inline: CSP allows no inline JS.
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
    path("_allauth/", include("allauth.headless.urls")),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", frontend_index, name="frontend"),
    # Deep links into the SPA (/gigs/12, /chat/3) get the same page; the router takes over.
    re_path(SPA_PATH, frontend_index, name="frontend-route"),
]

handler404 = json_error_view("not_found", 404, _("Not found."))
handler500 = json_error_view("server_error", 500, _("An unexpected error occurred."))

if settings.MEDIA_SERVE_LOCALLY:
    # Embedded mode: uploaded images from var/media, with their content type and nosniff.
    # Production serves MEDIA_URL from its own domain or bucket instead.
    urlpatterns.insert(
        0, path(f"{settings.MEDIA_URL.strip('/')}/<path:name>", media_serve, name="media")
    )
