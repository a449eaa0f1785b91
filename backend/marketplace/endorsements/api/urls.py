from django.urls import path

from marketplace.endorsements.api import views

urlpatterns = [
    path(
        "freelancers/<slug:slug>/endorsements/",
        views.EndorsementListView.as_view(),
        name="freelancer-endorsements",
    ),
    path(
        "endorsements/<int:endorsement_id>/",
        views.EndorsementDetailView.as_view(),
        name="endorsement-detail",
    ),
]
