"""Public pages of the knowledge base (the open atlas), mounted at ``/``: published practices and lessons."""

from django.urls import path

from intercity.knowledge import views

app_name = "knowledge"

urlpatterns = [
    path("practices/", views.PublicPracticeListView.as_view(), name="practice-list"),
    path("practices/<int:pk>/", views.PublicPracticeDetailView.as_view(), name="practice-detail"),
    path(
        "practices/<int:pk>/attachments/<int:attachment>/",
        views.PublicAttachmentView.as_view(),
        name="practice-attachment",
    ),
    path("lessons/", views.PublicLessonListView.as_view(), name="lesson-list"),
    path("lessons/<int:pk>/", views.PublicLessonDetailView.as_view(), name="lesson-detail"),
]
