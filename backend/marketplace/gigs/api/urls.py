from django.urls import path

from marketplace.gigs.api import views

urlpatterns = [
    path("gigs/", views.GigListCreateView.as_view(), name="gig-list"),
    path("gigs/<int:gig_id>/", views.GigDetailView.as_view(), name="gig-detail"),
    path("gigs/<int:gig_id>/publish/", views.GigPublishView.as_view(), name="gig-publish"),
    path("gigs/<int:gig_id>/close/", views.GigCloseView.as_view(), name="gig-close"),
    path("gigs/<int:gig_id>/reopen/", views.GigReopenView.as_view(), name="gig-reopen"),
    path("gigs/<int:gig_id>/cancel/", views.GigCancelView.as_view(), name="gig-cancel"),
]
