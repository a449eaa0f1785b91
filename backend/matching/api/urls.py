from django.urls import URLPattern, URLResolver, path

from matching.api import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("gigs/<int:gig_id>/matches/", views.GigMatchesView.as_view(), name="gig-matches"),
    path("me/gig-feed/", views.GigFeedView.as_view(), name="gig-feed"),
    path("search/freelancers/", views.FreelancerSearchView.as_view(), name="search-freelancers"),
    path("search/gigs/", views.GigSearchView.as_view(), name="search-gigs"),
    # Shadowed by marketplace's `skills/<slug>/` while marketplace's URLs are included first;
    # `search/skills/` is the same view under a path nothing shadows.
    path("skills/suggest/", views.SkillSuggestView.as_view(), name="skill-suggest"),
    path("search/skills/", views.SkillSuggestView.as_view(), name="search-skills"),
]
