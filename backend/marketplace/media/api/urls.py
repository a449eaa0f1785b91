from django.urls import path

from marketplace.media.api import views

urlpatterns = [
    path("me/avatar/", views.MyAvatarView.as_view(), name="me-avatar"),
    path("firms/<slug:slug>/logo/", views.FirmLogoView.as_view(), name="firm-logo"),
    path(
        "me/freelancer-profile/portfolio/",
        views.MyPortfolioView.as_view(),
        name="me-portfolio",
    ),
    path(
        "me/freelancer-profile/portfolio/reorder/",
        views.MyPortfolioReorderView.as_view(),
        name="me-portfolio-reorder",
    ),
    path(
        "me/freelancer-profile/portfolio/<int:item_id>/",
        views.MyPortfolioItemView.as_view(),
        name="me-portfolio-item",
    ),
    path("attachments/images/", views.AttachmentImageView.as_view(), name="attachment-images"),
    path(
        "attachments/images/<int:image_id>/",
        views.AttachmentImageDetailView.as_view(),
        name="attachment-image-detail",
    ),
]
