"""API endpoints of data sources."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view

from intercity.api.views import AtlasViewSet
from intercity.core.api.serializers import DataSourceSerializer
from intercity.core.filtersets import DataSourceFilterSet
from intercity.core.models import DataSource


@extend_schema_view(
    list=extend_schema(
        summary=_("List data sources"),
        description=_("The published data sets the atlas is built from, with their licences."),
    ),
    retrieve=extend_schema(summary=_("One data source")),
)
class DataSourceViewSet(AtlasViewSet):
    queryset = DataSource.objects.all()
    serializer_class = DataSourceSerializer
    filterset_class = DataSourceFilterSet
    ordering_fields = ["name", "slug", "retrieved_on"]
