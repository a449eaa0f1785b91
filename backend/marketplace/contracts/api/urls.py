from django.urls import path

from marketplace.contracts.api import views

urlpatterns = [
    path("contracts/", views.ContractListView.as_view(), name="contract-list"),
    path(
        "contracts/<int:contract_id>/", views.ContractDetailView.as_view(), name="contract-detail"
    ),
    path(
        "contracts/<int:contract_id>/complete/",
        views.ContractCompleteView.as_view(),
        name="contract-complete",
    ),
    path(
        "contracts/<int:contract_id>/cancel/",
        views.ContractCancelView.as_view(),
        name="contract-cancel",
    ),
    path(
        "contracts/<int:contract_id>/milestones/",
        views.MilestoneCreateView.as_view(),
        name="contract-milestones",
    ),
]
