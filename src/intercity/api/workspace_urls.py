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
from intercity.networks.api.private import GovernanceBodyViewSet, WorkingGroupViewSet

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

urlpatterns = [
    path("", WorkspaceRootView.as_view(), name="workspace"),
    path("engagement/", EngagementView.as_view(), name="engagement"),
    *router.urls,
]
