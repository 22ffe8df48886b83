"""Pages of the decision tools, mounted at ``/w/<slug:workspace>/decisions/`` (every view takes ``workspace``)."""

from django.urls import path

from intercity.strategy import views

app_name = "strategy"

urlpatterns = [
    path("", views.DecisionView.as_view(), name="index"),
    path("priorities/", views.SavePrioritiesView.as_view(), name="priorities-save"),
    path("overrides/", views.OverrideListView.as_view(), name="overrides"),
    path("overrides/add/", views.OverrideFormView.as_view(), name="override-add"),
    path("overrides/<int:pk>/edit/", views.OverrideFormView.as_view(), name="override-edit"),
    path("overrides/<int:pk>/delete/", views.OverrideDeleteView.as_view(), name="override-delete"),
    path("assessments/", views.AssessmentListView.as_view(), name="assessments"),
    path("assessments/add/", views.AssessmentFormView.as_view(), name="assessment-add"),
    path("assessments/<int:pk>/edit/", views.AssessmentFormView.as_view(), name="assessment-edit"),
    path("assessments/<int:pk>/delete/", views.AssessmentDeleteView.as_view(), name="assessment-delete"),
    path("runs/", views.RunListView.as_view(), name="runs"),
    path("runs/save/", views.SaveRunView.as_view(), name="run-save"),
    path("runs/compare/", views.CompareView.as_view(), name="compare"),
    path("runs/<int:pk>/", views.RunView.as_view(), name="run"),
    path("runs/<int:pk>/delete/", views.RunDeleteView.as_view(), name="run-delete"),
    path("runs/<int:pk>/brief/", views.RunBriefView.as_view(), name="run-brief"),
]
