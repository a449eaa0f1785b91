from django.urls import path

from marketplace.firms.api import views

urlpatterns = [
    path("firms/", views.FirmListView.as_view(), name="firm-list"),
    path("firms/<slug:slug>/", views.FirmDetailView.as_view(), name="firm-detail"),
    path("firms/<slug:slug>/members/", views.MemberListView.as_view(), name="firm-member-list"),
    path(
        "firms/<slug:slug>/members/<int:user_id>/",
        views.MemberDetailView.as_view(),
        name="firm-member-detail",
    ),
]
