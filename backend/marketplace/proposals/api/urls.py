from django.urls import path

from marketplace.proposals.api import invitation_views, proposal_views

urlpatterns = [
    path(
        "gigs/<int:gig_id>/proposals/",
        proposal_views.GigProposalListCreateView.as_view(),
        name="gig-proposals",
    ),
    path("proposals/", proposal_views.ProposalListView.as_view(), name="proposal-list"),
    path(
        "proposals/<int:proposal_id>/",
        proposal_views.ProposalDetailView.as_view(),
        name="proposal-detail",
    ),
    path(
        "proposals/<int:proposal_id>/withdraw/",
        proposal_views.ProposalWithdrawView.as_view(),
        name="proposal-withdraw",
    ),
    path(
        "proposals/<int:proposal_id>/shortlist/",
        proposal_views.ProposalShortlistView.as_view(),
        name="proposal-shortlist",
    ),
    path(
        "proposals/<int:proposal_id>/decline/",
        proposal_views.ProposalDeclineView.as_view(),
        name="proposal-decline",
    ),
    path(
        "proposals/<int:proposal_id>/accept/",
        proposal_views.ProposalAcceptView.as_view(),
        name="proposal-accept",
    ),
    path(
        "gigs/<int:gig_id>/invitations/",
        invitation_views.GigInvitationListCreateView.as_view(),
        name="gig-invitations",
    ),
    path("invitations/", invitation_views.InvitationListView.as_view(), name="invitation-list"),
    path(
        "invitations/<int:invitation_id>/decline/",
        invitation_views.InvitationDeclineView.as_view(),
        name="invitation-decline",
    ),
    path(
        "invitations/<int:invitation_id>/revoke/",
        invitation_views.InvitationRevokeView.as_view(),
        name="invitation-revoke",
    ),
]
