from django.urls import path

from marketplace.moderation.api.views import ReportListCreateView

urlpatterns = [
    path("reports/", ReportListCreateView.as_view(), name="report-list"),
]
