"""Routes of `/api/v1/`: each domain package contributes its own `api/urls.py`."""

from django.urls import include, path

urlpatterns = [
    path("", include("marketplace.accounts.api.urls")),
    path("", include("marketplace.skills.api.urls")),
    path("", include("marketplace.profiles.api.urls")),
    path("", include("marketplace.firms.api.urls")),
    path("", include("marketplace.gigs.api.urls")),
    path("", include("marketplace.proposals.api.urls")),
    path("", include("marketplace.contracts.api.urls")),
    path("", include("marketplace.reviews.api.urls")),
    path("", include("marketplace.endorsements.api.urls")),
    path("", include("marketplace.media.api.urls")),
    path("", include("marketplace.moderation.api.urls")),
]
