"""Pages of the workspace's engagement, mounted at ``/w/<slug:workspace>/`` (every view takes ``workspace``)."""

from django.urls import path

from intercity.engagement import views

app_name = "engagement"


def record_paths(prefix, url_prefix, form_view, delete_view):
    """The add, edit and delete pages of one kind of record."""
    return [
        path(f"{url_prefix}/add/", form_view.as_view(), name=f"{prefix}-add"),
        path(f"{url_prefix}/<int:pk>/edit/", form_view.as_view(), name=f"{prefix}-edit"),
        path(f"{url_prefix}/<int:pk>/delete/", delete_view.as_view(), name=f"{prefix}-delete"),
    ]


urlpatterns = [
    path("portfolio/", views.PortfolioView.as_view(), name="portfolio"),
    path("portfolio/<int:pk>/", views.MembershipView.as_view(), name="membership"),
    path("portfolio/add/", views.MembershipFormView.as_view(), name="membership-add"),
    path("portfolio/<int:pk>/edit/", views.MembershipFormView.as_view(), name="membership-edit"),
    path("portfolio/<int:pk>/delete/", views.MembershipDeleteView.as_view(), name="membership-delete"),
    path("activities/", views.ActivityListView.as_view(), name="activity-list"),
    path("activities/<int:pk>/evidence/", views.EvidenceFileView.as_view(), name="activity-evidence"),
    *record_paths("activity", "activities", views.ActivityFormView, views.ActivityDeleteView),
    path("positions/", views.PositionListView.as_view(), name="position-list"),
    *record_paths("position", "positions", views.PositionFormView, views.PositionDeleteView),
    path("participations/", views.ParticipationListView.as_view(), name="participation-list"),
    *record_paths(
        "participation", "participations", views.ParticipationFormView, views.ParticipationDeleteView
    ),
    *record_paths("fee", "fees", views.FeeFormView, views.FeeDeleteView),
    path("working-groups/", views.WorkingGroupListView.as_view(), name="working-group-list"),
    *record_paths(
        "working-group", "working-groups", views.WorkingGroupFormView, views.WorkingGroupDeleteView
    ),
]
