"""The workspace's private API of the governance bodies and working groups it records.

Bodies and working groups are kept per workspace (the seats and participations of its portfolio point
to them); see :mod:`intercity.api.workspace` for who may read and write.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers

from intercity.api.workspace import WorkspaceModelSerializer, WorkspaceRecordUrlField, WorkspaceViewSet
from intercity.networks.filtersets import GovernanceBodyFilterSet, WorkingGroupFilterSet
from intercity.networks.models import GovernanceBody, Network, Theme, WorkingGroup


def network_field():
    return serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Network.objects.all(),
        help_text=_("The network's identifier (slug), as in /api/networks/."),
    )


class GovernanceBodySerializer(WorkspaceModelSerializer):
    url = WorkspaceRecordUrlField("workspace-api:governance-bodies-detail")
    network = network_field()
    network_name = serializers.CharField(source="network.name", read_only=True)

    class Meta:
        model = GovernanceBody
        fields = ["id", "url", "network", "network_name", "kind", "name"]


class WorkingGroupSerializer(WorkspaceModelSerializer):
    url = WorkspaceRecordUrlField("workspace-api:working-groups-detail")
    network = network_field()
    network_name = serializers.CharField(source="network.name", read_only=True)
    theme = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Theme.objects.all(),
        allow_null=True,
        required=False,
        help_text=_("The theme's identifier (slug), as in /api/themes/."),
    )

    class Meta:
        model = WorkingGroup
        fields = ["id", "url", "network", "network_name", "name", "theme"]


@extend_schema_view(
    list=extend_schema(summary=_("List governance bodies")),
    retrieve=extend_schema(summary=_("One governance body")),
    create=extend_schema(summary=_("Record a governance body of a network")),
    update=extend_schema(summary=_("Change a governance body")),
    partial_update=extend_schema(summary=_("Change some fields of a governance body")),
    destroy=extend_schema(summary=_("Delete a governance body that no position refers to")),
)
class GovernanceBodyViewSet(WorkspaceViewSet):
    queryset = GovernanceBody.objects.select_related("network")
    serializer_class = GovernanceBodySerializer
    filterset_class = GovernanceBodyFilterSet
    ordering_fields = ["id", "network__name", "kind", "name"]


@extend_schema_view(
    list=extend_schema(summary=_("List working groups")),
    retrieve=extend_schema(summary=_("One working group")),
    create=extend_schema(summary=_("Record a working group of a network")),
    update=extend_schema(summary=_("Change a working group")),
    partial_update=extend_schema(summary=_("Change some fields of a working group")),
    destroy=extend_schema(summary=_("Delete a working group, with its participations")),
)
class WorkingGroupViewSet(WorkspaceViewSet):
    queryset = WorkingGroup.objects.select_related("network", "theme")
    serializer_class = WorkingGroupSerializer
    filterset_class = WorkingGroupFilterSet
    ordering_fields = ["id", "network__name", "name"]
