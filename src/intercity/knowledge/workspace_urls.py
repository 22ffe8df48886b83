"""Workspace pages of the knowledge base, mounted at ``/w/<slug:workspace>/`` (every view takes ``workspace``)."""

from django.urls import path

from intercity.knowledge import views

app_name = "workspace-knowledge"


def record_paths(prefix, url_prefix, *, list_view, detail_view, form_view, delete_view, publish_view):
    """The list, detail, add, edit, delete and publish pages of one kind of record."""
    return [
        path(f"{url_prefix}/", list_view.as_view(), name=f"{prefix}s"),
        path(f"{url_prefix}/add/", form_view.as_view(), name=f"{prefix}-add"),
        path(f"{url_prefix}/<int:pk>/", detail_view.as_view(), name=f"{prefix}-detail"),
        path(f"{url_prefix}/<int:pk>/edit/", form_view.as_view(), name=f"{prefix}-edit"),
        path(f"{url_prefix}/<int:pk>/delete/", delete_view.as_view(), name=f"{prefix}-delete"),
        path(f"{url_prefix}/<int:pk>/publish/", publish_view.as_view(), name=f"{prefix}-publish"),
    ]


urlpatterns = [
    *record_paths(
        "practice",
        "practices",
        list_view=views.PracticeListView,
        detail_view=views.PracticeDetailView,
        form_view=views.PracticeFormView,
        delete_view=views.PracticeDeleteView,
        publish_view=views.PracticePublishView,
    ),
    path(
        "practices/<int:pk>/attachments/add/",
        views.AttachmentAddView.as_view(),
        name="practice-attachment-add",
    ),
    path(
        "practices/<int:pk>/attachments/<int:attachment>/",
        views.AttachmentFileView.as_view(),
        name="practice-attachment",
    ),
    path(
        "practices/<int:pk>/attachments/<int:attachment>/delete/",
        views.AttachmentDeleteView.as_view(),
        name="practice-attachment-delete",
    ),
    *record_paths(
        "lesson",
        "lessons",
        list_view=views.LessonListView,
        detail_view=views.LessonDetailView,
        form_view=views.LessonFormView,
        delete_view=views.LessonDeleteView,
        publish_view=views.LessonPublishView,
    ),
]
