"""``/api/search/`` and ``/api/search/agenda/``: the hybrid search and agenda matching over HTTP.

Anonymous callers search the public documents; a caller signed in (session or token) also finds the
private documents of their workspaces, or of the one named by ``workspace``.
"""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import JSONParser
from rest_framework.response import Response
from rest_framework.views import APIView

from intercity.api.views import validated_query
from intercity.core.models import Workspace
from intercity.knowledge.choices import DocumentKind, Language, Visibility
from intercity.knowledge.search import SearchFilters, search
from intercity.knowledge.search.agenda import match_agenda
from intercity.knowledge.search.service import MODES


def _list(help_text, choices=None):
    # An empty value (``?region=``) means no filter, as an empty select does in the page's form.
    child = (
        serializers.ChoiceField(choices=choices, allow_blank=True)
        if choices
        else serializers.CharField(max_length=200, allow_blank=True)
    )
    return serializers.ListField(child=child, required=False, default=list, help_text=help_text)


class SearchQuerySerializer(serializers.Serializer):
    # Not trimmed here: a query of spaces is valid and finds nothing (the search trims it).
    q = serializers.CharField(
        max_length=2000,
        trim_whitespace=False,
        allow_blank=True,
        help_text=_("What to search for, in any language (empty: no results)."),
    )
    kind = _list(_("Kinds of result (repeat the parameter for several)."), DocumentKind.choices)
    theme = _list(_("Theme identifiers (slugs)."))
    language = _list(_("Languages the documents are written in."), Language.choices)
    region = _list(_("Regions, as the atlas names them."))
    visibility = _list(_("Public or workspace-only documents."), Visibility.choices)
    workspace = serializers.SlugField(
        required=False, help_text=_("Only this workspace's private documents (you must be a member).")
    )
    mode = serializers.ChoiceField(
        choices=MODES, default="hybrid", help_text=_("hybrid, lexical or semantic.")
    )
    limit = serializers.IntegerField(min_value=1, max_value=100, default=20)
    offset = serializers.IntegerField(min_value=0, max_value=10000, default=0)


class SearchHitSerializer(serializers.Serializer):
    rank = serializers.IntegerField()
    kind = serializers.CharField(source="document.kind")
    id = serializers.IntegerField(source="document.object_id", help_text=_("The record's id in its kind."))
    title = serializers.CharField(source="document.title")
    language = serializers.CharField(source="document.language")
    themes = serializers.ListField(source="document.themes", child=serializers.CharField())
    region = serializers.CharField(source="document.region")
    country = serializers.CharField(source="document.country")
    visibility = serializers.CharField(source="document.visibility")
    url = serializers.CharField()
    score = serializers.FloatField(
        help_text=_("Fused score: higher is better, comparable within one search.")
    )
    lexical_rank = serializers.IntegerField(allow_null=True)
    semantic_rank = serializers.IntegerField(allow_null=True)
    similarity = serializers.FloatField(allow_null=True, help_text=_("Cosine similarity of meaning."))
    matched_terms = serializers.ListField(child=serializers.CharField())
    reasons = serializers.ListField(child=serializers.CharField())
    snippet = serializers.CharField(help_text=_("HTML extract, the matched terms inside <mark>."))


class FacetValueSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    selected = serializers.BooleanField()


class SearchResultsSerializer(serializers.Serializer):
    query = serializers.CharField()
    mode = serializers.CharField()
    total = serializers.IntegerField()
    capped = serializers.BooleanField(
        help_text=_("True when more documents match than total: only the best of each ranking are read.")
    )
    offset = serializers.IntegerField()
    limit = serializers.IntegerField()
    terms = serializers.ListField(child=serializers.CharField())
    term_coverage = serializers.FloatField()
    results = SearchHitSerializer(source="hits", many=True)
    facets = serializers.DictField(child=FacetValueSerializer(many=True))


def workspace_of(request, slug):
    """The workspace named ``slug`` if the caller is a member of it; a 400 error otherwise."""
    if not slug:
        return None
    workspace = get_object_or_404(Workspace, slug=slug)
    user = request.user
    if not user.is_authenticated or not workspace.members.filter(user=user).exists():
        raise PermissionDenied(_("You are not a member of this workspace."))
    return workspace


def filters_from(data):
    def values(name):
        return tuple(dict.fromkeys(value for value in data[name] if value))

    return SearchFilters(
        kinds=values("kind"),
        themes=values("theme"),
        languages=values("language"),
        regions=values("region"),
        visibility=values("visibility"),
    )


def query_data(request, serializer_class):
    """The validated query string, repeated parameters of list fields kept as lists."""
    return validated_query(_Lists(request.query_params, serializer_class), serializer_class)


class _Lists:
    """Hands repeated query parameters to the serializer's list fields as lists."""

    def __init__(self, params, serializer_class):
        self.query_params = {
            name: params.getlist(name)
            if isinstance(serializer_class().fields.get(name), serializers.ListField)
            else params.get(name)
            for name in params
        }


class SearchView(APIView):
    authentication_classes = [TokenAuthentication, SessionAuthentication]
    permission_classes = [permissions.AllowAny]

    @extend_schema(
        summary=_("Search the knowledge base"),
        description=_(
            "Networks, practices, lessons and working groups ranked by full text and by meaning together; "
            "a query in English, Spanish, Portuguese or French finds documents in the others. Each result "
            "says why it matched."
        ),
        parameters=[SearchQuerySerializer],
        responses=SearchResultsSerializer,
    )
    def get(self, request):
        data = query_data(request, SearchQuerySerializer)
        workspace = workspace_of(request, data.get("workspace"))
        results = search(
            data["q"],
            user=request.user,
            workspace=workspace,
            filters=filters_from(data),
            mode=data["mode"],
            offset=data["offset"],
            limit=data["limit"],
        )
        return Response(SearchResultsSerializer(results).data)


class AgendaQuerySerializer(serializers.Serializer):
    text = serializers.CharField(
        max_length=20000,
        trim_whitespace=False,
        allow_blank=True,
        help_text=_("A list of priorities, one per line, or a plan (none in it: an empty match)."),
    )
    workspace = serializers.SlugField(required=False)
    limit = serializers.IntegerField(min_value=1, max_value=50, default=10)


class AgendaItemSerializer(serializers.Serializer):
    kind = serializers.CharField(source="document.kind")
    id = serializers.IntegerField(source="document.object_id")
    title = serializers.CharField(source="document.title")
    url = serializers.CharField()
    score = serializers.FloatField()
    priorities = serializers.ListField(child=serializers.CharField())
    passage = serializers.CharField()


class PeerSerializer(serializers.Serializer):
    government = serializers.CharField(source="government.name")
    country = serializers.CharField(source="government.country_id", allow_null=True)
    government_id = serializers.IntegerField(source="government.pk")
    score = serializers.FloatField()
    reasons = serializers.ListField(child=serializers.CharField())


class AgendaMatchSerializer(serializers.Serializer):
    priorities = serializers.ListField(child=serializers.CharField())
    networks = AgendaItemSerializer(many=True)
    practices = AgendaItemSerializer(many=True)
    lessons = AgendaItemSerializer(many=True)
    working_groups = AgendaItemSerializer(many=True)
    peers = PeerSerializer(many=True)


class AgendaView(APIView):
    authentication_classes = [TokenAuthentication, SessionAuthentication]
    permission_classes = [permissions.AllowAny]
    parser_classes = [JSONParser]

    @extend_schema(
        summary=_("Match an agenda"),
        description=_(
            "Networks, practices, lessons, working groups and peer governments ranked against a list of "
            "priorities or a plan's text, with the passage that matches best."
        ),
        request=AgendaQuerySerializer,
        responses=AgendaMatchSerializer,
    )
    def post(self, request):
        serializer = AgendaQuerySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        workspace = workspace_of(request, data.get("workspace"))
        match = match_agenda(data["text"], user=request.user, workspace=workspace, limit=data["limit"])
        return Response(AgendaMatchSerializer(match).data)
