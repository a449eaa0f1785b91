from django.urls import path

from marketplace.reviews.api import views

urlpatterns = [
    path(
        "contracts/<int:contract_id>/reviews/",
        views.ContractReviewsView.as_view(),
        name="contract-reviews",
    ),
    path(
        "freelancers/<slug:slug>/reviews/",
        views.FreelancerReviewListView.as_view(),
        name="freelancer-reviews",
    ),
    path("firms/<slug:slug>/reviews/", views.FirmReviewListView.as_view(), name="firm-reviews"),
]
