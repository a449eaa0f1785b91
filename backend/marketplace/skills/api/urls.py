from django.urls import path

from marketplace.skills.api import views

urlpatterns = [
    path("skills/", views.SkillListView.as_view(), name="skill-list"),
    path("skills/<slug:slug>/", views.SkillDetailView.as_view(), name="skill-detail"),
    path("skill-categories/", views.SkillCategoryListView.as_view(), name="skill-category-list"),
]
