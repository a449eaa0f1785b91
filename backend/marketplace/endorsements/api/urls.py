from django.urls import path

from marketplace.endorsements.api import views

urlpatterns = [
    path(
        "freelancers/<slug:slug>/endorsements/",
        views.EndorsementListView.as_view(),
        name="freelancer-endorsements",
    ),
    path(
        "freelancers/<slug:slug>/shared-contracts/",
        views.SharedContractListView.as_view(),
        name="freelancer-shared-contracts",
    ),
    path(
        "endorsements/<int:endorsement_id>/",
        views.EndorsementDetailView.as_view(),
        name="endorsement-detail",
    ),
]
