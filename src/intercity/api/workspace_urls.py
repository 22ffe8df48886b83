"""The private API of one workspace, mounted at ``/api/workspaces/<slug:workspace>/``.

``/api/workspaces/`` itself (the user's workspaces) is in :mod:`intercity.api.urls`.
"""

from django.urls import path
from rest_framework.routers import SimpleRouter

from intercity.core.api.private import DepartmentViewSet, PersonViewSet, WorkspaceRootView
from intercity.engagement.api.private import (
    ActivityViewSet,
    EngagementView,
    MembershipFeeViewSet,
    ParticipationViewSet,
    PortfolioMembershipViewSet,
    PositionViewSet,
)
from intercity.knowledge.api.private import LessonViewSet, PracticeViewSet
from intercity.networks.api.private import GovernanceBodyViewSet, WorkingGroupViewSet
from intercity.strategy.api.private import (
    CriterionOverrideViewSet,
    EvaluateView,
    EvaluationRunViewSet,
    NetworkAssessmentViewSet,
    PrioritiesView,
)

app_name = "workspace-api"

router = SimpleRouter()
router.register("memberships", PortfolioMembershipViewSet, basename="memberships")
router.register("fees", MembershipFeeViewSet, basename="fees")
router.register("positions", PositionViewSet, basename="positions")
router.register("participations", ParticipationViewSet, basename="participations")
router.register("activities", ActivityViewSet, basename="activities")
router.register("working-groups", WorkingGroupViewSet, basename="working-groups")
router.register("governance-bodies", GovernanceBodyViewSet, basename="governance-bodies")
router.register("people", PersonViewSet, basename="people")
router.register("departments", DepartmentViewSet, basename="departments")
router.register("assessments", NetworkAssessmentViewSet, basename="assessments")
router.register("overrides", CriterionOverrideViewSet, basename="overrides")
router.register("runs", EvaluationRunViewSet, basename="runs")
router.register("practices", PracticeViewSet, basename="practices")
router.register("lessons", LessonViewSet, basename="lessons")

urlpatterns = [
    path("", WorkspaceRootView.as_view(), name="workspace"),
    path("engagement/", EngagementView.as_view(), name="engagement"),
    path("priorities/", PrioritiesView.as_view(), name="priorities"),
    path("evaluate/", EvaluateView.as_view(), name="evaluate"),
    *router.urls,
]
