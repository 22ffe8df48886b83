"""URLs of the workspace shell, mounted at ``/w/``: the user's workspaces, and in each one its overview,
people, departments, members and settings (the portfolio's pages are in engagement.urls)."""

from django.urls import path

from intercity.core import workspace_pages as views

app_name = "workspace"

urlpatterns = [
    path("", views.WorkspaceIndexView.as_view(), name="list"),
    path("<slug:workspace>/", views.WorkspaceHomeView.as_view(), name="home"),
    path("<slug:workspace>/people/", views.PersonListView.as_view(), name="people"),
    path("<slug:workspace>/people/add/", views.PersonFormView.as_view(), name="person-add"),
    path("<slug:workspace>/people/<int:pk>/edit/", views.PersonFormView.as_view(), name="person-edit"),
    path("<slug:workspace>/people/<int:pk>/delete/", views.PersonDeleteView.as_view(), name="person-delete"),
    path("<slug:workspace>/departments/", views.DepartmentListView.as_view(), name="departments"),
    path("<slug:workspace>/departments/add/", views.DepartmentFormView.as_view(), name="department-add"),
    path(
        "<slug:workspace>/departments/<int:pk>/edit/",
        views.DepartmentFormView.as_view(),
        name="department-edit",
    ),
    path(
        "<slug:workspace>/departments/<int:pk>/delete/",
        views.DepartmentDeleteView.as_view(),
        name="department-delete",
    ),
    path("<slug:workspace>/members/", views.MembersView.as_view(), name="members"),
    path("<slug:workspace>/settings/", views.SettingsView.as_view(), name="settings"),
]
