"""API endpoints of twinnings."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view

from intercity.api.views import AtlasViewSet
from intercity.relations.api.serializers import TwinningSerializer
from intercity.relations.filtersets import TwinningFilterSet
from intercity.relations.models import Twinning


@extend_schema_view(
    list=extend_schema(
        summary=_("List twinnings"),
        description=_("Twinning and sister-city agreements; each pair appears once, the lower id first."),
    ),
    retrieve=extend_schema(summary=_("One twinning")),
)
class TwinningViewSet(AtlasViewSet):
    queryset = Twinning.objects.select_related("government_a__place", "government_b__place", "source")
    serializer_class = TwinningSerializer
    filterset_class = TwinningFilterSet
    ordering_fields = ["id", "signed_on", "kind"]
