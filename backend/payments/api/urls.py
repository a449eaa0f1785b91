from django.urls import URLPattern, URLResolver, path

from payments.api import views, webhooks

M = "payments/milestones/<int:milestone_id>/"

urlpatterns: list[URLPattern | URLResolver] = [
    path(M, views.PaymentDetailView.as_view(), name="payment-detail"),
    path(M + "fund/", views.FundView.as_view(), name="payment-fund"),
    path(M + "submit/", views.SubmitView.as_view(), name="payment-submit"),
    path(M + "release/", views.ReleaseView.as_view(), name="payment-release"),
    path(M + "refund/", views.RefundView.as_view(), name="payment-refund"),
    path(M + "dispute/", views.DisputeView.as_view(), name="payment-dispute"),
    path(M + "cancel/", views.CancelView.as_view(), name="payment-cancel"),
    path(
        M + "chargeback-evidence/",
        views.ChargebackEvidenceView.as_view(),
        name="payment-chargeback-evidence",
    ),
    path(M + "history/", views.HistoryView.as_view(), name="payment-history"),
    path(M + "receipts/", views.ReceiptsView.as_view(), name="payment-receipts"),
    path("payments/payout-account/", views.PayoutAccountView.as_view(), name="payout-account"),
    path(
        "payments/payout-account/onboarding-link/",
        views.OnboardingLinkView.as_view(),
        name="payout-onboarding-link",
    ),
    path("payments/webhooks/stripe/", webhooks.StripeWebhookView.as_view(), name="stripe-webhook"),
    path(
        "payments/webhooks/stripe-connect/",
        webhooks.StripeConnectWebhookView.as_view(),
        name="stripe-connect-webhook",
    ),
]
