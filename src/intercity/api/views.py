"""The base of every API view: public, read-only, filtered by the shared FilterSets, paginated, sortable."""

from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import exceptions, generics, permissions, viewsets

from intercity.api.filters import StrictOrderingFilter
from intercity.api.pagination import AtlasPagination
from intercity.core.filtersets import NON_FILTER_PARAMETERS


class AtlasViewMixin:
    """Public, paginated, filtered by ``filterset_class`` and sorted on ``ordering_fields``.

    The atlas is public, so the API needs no login; without authentication a write can only meet
    405 Method Not Allowed, never a CSRF or permission error first.
    """

    authentication_classes = []
    permission_classes = [permissions.AllowAny]
    pagination_class = AtlasPagination
    filter_backends = [DjangoFilterBackend, StrictOrderingFilter]


class AtlasViewSet(AtlasViewMixin, viewsets.ReadOnlyModelViewSet):
    """A list and a detail endpoint; subclasses declare queryset, serializer, filterset and ordering."""


class AtlasListView(AtlasViewMixin, generics.ListAPIView):
    """A list endpoint outside a viewset (a list nested under another record)."""


def validated_query(request, serializer_class):
    """Validate the query string of a non-list endpoint: its own parameters, and nothing else."""
    serializer = serializer_class(data=request.query_params)
    unknown = sorted(set(request.query_params) - set(serializer.fields) - NON_FILTER_PARAMETERS)
    if unknown:
        raise exceptions.ValidationError(
            _("Unknown parameters: %(names)s. Known parameters: %(known)s.")
            % {"names": ", ".join(unknown), "known": ", ".join(sorted(serializer.fields))}
        )
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data
