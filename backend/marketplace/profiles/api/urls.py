from django.urls import path

from marketplace.profiles.api import views

urlpatterns = [
    path("freelancers/", views.FreelancerListView.as_view(), name="freelancer-list"),
    path(
        "freelancers/<slug:slug>/", views.FreelancerDetailView.as_view(), name="freelancer-detail"
    ),
    path("me/freelancer-profile/", views.MyProfileView.as_view(), name="me-freelancer-profile"),
    path(
        "me/freelancer-profile/publish/",
        views.MyProfilePublishView.as_view(),
        name="me-freelancer-profile-publish",
    ),
    path(
        "me/freelancer-profile/unpublish/",
        views.MyProfileUnpublishView.as_view(),
        name="me-freelancer-profile-unpublish",
    ),
]
