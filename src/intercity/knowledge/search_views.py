"""The search pages: the knowledge base's hybrid search and agenda matching.

``/search/`` searches practices, lessons, networks and working groups (:func:`.search.service.search`) and,
above the results, offers the networks, governments and places whose *name* matches ("Go to" links, from
:func:`intercity.core.querysets.search_atlas`). With htmx, typing or ticking a facet fetches only the
results region; without JavaScript the page is a plain GET form. An empty query shows the recent and the
popular records instead. ``/search/open/<pk>/`` counts a click on a result and redirects to its page.
``/search/agenda/`` ranks what the user may see against a pasted agenda (:func:`.search.agenda.match_agenda`).

What a user may see is decided by the search service alone (public records, and the private records of
the user's workspaces, or of the one workspace named by ``?workspace=<slug>``).
"""

import time
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.decorators import method_decorator
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView

from intercity.core.generic import is_htmx
from intercity.core.models import Workspace
from intercity.core.querysets import SEARCH_LIMIT, search_atlas
from intercity.knowledge.choices import DocumentKind, Language, Visibility
from intercity.knowledge.models import Practice, SearchDocument
from intercity.knowledge.search.agenda import match_agenda, split_agenda
from intercity.knowledge.search.service import (
    MAX_QUERY_LENGTH,
    SearchFilters,
    document_urls,
    search,
    visible_documents,
    visible_workspaces,
)
from intercity.knowledge.search.snippets import highlight

#: Results per page (and per "more results" step).
PAGE_SIZE = 20
#: Pages beyond this find nothing anyway: each ranking reads at most a few hundred documents.
MAX_PAGE = 25
#: Recent and popular records shown for an empty query.
SHORTLIST = 8
#: Values read per facet from the address (a longer list is somebody else's robot).
MAX_FILTER_VALUES = 30
#: The atlas' name search reads at most this much of the query.
MAX_NAME_QUERY = 200
MAX_AGENDA_LENGTH = 20_000
#: Fields of SearchDocument a page never needs.
HEAVY_FIELDS = ("embedding", "title_terms", "body_terms")

FACET_LABELS = {
    "kind": _("Kind"),
    "theme": _("Theme"),
    "language": _("Language"),
    "region": _("Region"),
    "visibility": _("Visibility"),
}
MODE_LABELS = {
    "hybrid": _("Words and meaning"),
    "lexical": _("Words only"),
    "semantic": _("Meaning only"),
}


# --- Reading the request ---------------------------------------------------------------------------------------


def filters_from(params):
    """The :class:`SearchFilters` of a query string; unknown kinds, languages and visibilities are dropped."""

    def values(name, allowed=None):
        picked = []
        for value in params.getlist(name)[:MAX_FILTER_VALUES]:
            value = value.strip()[:200]
            if value and (allowed is None or value in allowed) and value not in picked:
                picked.append(value)
        return tuple(picked)

    return SearchFilters(
        kinds=values("kind", DocumentKind.values),
        themes=values("theme"),
        languages=values("language", Language.values),
        regions=values("region"),
        visibility=values("visibility", Visibility.values),
    )


def page_number(params):
    try:
        number = int(params.get("page", 1))
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), MAX_PAGE)


def member_workspaces(user):
    """The workspaces ``user`` belongs to (none for an anonymous visitor)."""
    if not user.is_authenticated:
        return Workspace.objects.none()
    return Workspace.objects.filter(members__user=user).order_by("name")


def member_workspace(user, slug):
    """The workspace ``slug`` when ``user`` is one of its members, else None (the slug is then ignored)."""
    if not slug:
        return None
    return member_workspaces(user).filter(slug=slug).first()


# --- What the pages show ---------------------------------------------------------------------------------------


@dataclass
class ShownDocument:
    """A search document as a list shows it: its page, the names of its themes and of its language."""

    document: object
    url: str
    themes: list = field(default_factory=list)
    language: str = ""
    hit: object = None
    extract: str = ""

    @property
    def open_url(self):
        """The result's link: through ``search-open``, which counts the click (none without a page)."""
        return reverse("search-open", args=[self.document.pk]) if self.url else ""

    @property
    def is_private(self):
        return self.document.visibility == Visibility.WORKSPACE


def shown_documents(documents, hits=None):
    """:class:`ShownDocument` rows for SearchDocument rows (with their SearchHit when they come from one)."""
    from intercity.networks.models import Theme

    documents = list(documents)
    hits = hits or [None] * len(documents)
    urls = document_urls([d for d, hit in zip(documents, hits, strict=True) if hit is None])
    slugs = {slug for document in documents for slug in document.themes or []}
    theme_names = dict(Theme.objects.filter(slug__in=slugs).values_list("slug", "name")) if slugs else {}
    languages = dict(Language.choices)
    return [
        ShownDocument(
            document=document,
            url=hit.url if hit is not None else urls.get(document.pk, ""),
            themes=sorted(theme_names.get(slug, slug) for slug in document.themes or []),
            language=languages.get(document.language, document.language),
            hit=hit,
            extract="" if hit is not None else highlight(document.body, [], size=30),
        )
        for document, hit in zip(documents, hits, strict=True)
    ]


def shown_hits(hits):
    return shown_documents([hit.document for hit in hits], hits)


@dataclass
class FacetChoice:
    """One checkbox of a facet; ``id`` depends only on the value, so that focus survives an htmx swap."""

    id: str
    value: str
    label: str
    count: int
    selected: bool


def facet_groups(facets, *, with_visibility=True):
    """``[(name, label, [FacetChoice])]`` in the service's order, without the facets that have no value.

    ``with_visibility=False`` leaves out the visibility facet (for a visitor who sees only public records).
    """
    groups = []
    for name, label in FACET_LABELS.items():
        if name == "visibility" and not with_visibility:
            continue
        choices = [
            FacetChoice(
                id=f"facet-{name}-{slugify(value.value) or value.value.encode().hex()[:24]}",
                value=value.value,
                label=value.label,
                count=value.count,
                selected=value.selected,
            )
            for value in facets.get(name, [])
        ]
        if choices:
            groups.append((name, label, choices))
    return groups


@dataclass
class PeerGovernment:
    """A government whose practices are among the results: "governments that have done it"."""

    government: object
    practices: list


def peer_governments(hits):
    """The governments of the practices among ``hits`` (in the order of their best practice)."""
    practice_ids = [hit.document.object_id for hit in hits if hit.kind == DocumentKind.PRACTICE]
    if not practice_ids:
        return []
    practices = Practice.objects.filter(pk__in=practice_ids).select_related("government__country").in_bulk()
    peers = {}
    for hit in hits:
        practice = practices.get(hit.document.object_id) if hit.kind == DocumentKind.PRACTICE else None
        if practice is None:
            continue
        peer = peers.setdefault(practice.government_id, PeerGovernment(practice.government, []))
        peer.practices.append(hit.document.title)
    return list(peers.values())


def visible_search_documents(workspaces):
    return SearchDocument.objects.filter(visible_documents(workspaces)).defer(*HEAVY_FIELDS)


def recent_documents(workspaces, limit=SHORTLIST):
    """The latest search documents that the holder of ``workspaces`` may see."""
    return list(visible_search_documents(workspaces).order_by("-created_at", "-pk")[:limit])


def popular_documents(workspaces, limit=SHORTLIST):
    """The most opened search results, then the networks with the most current members."""
    from intercity.networks.models import Network
    from intercity.networks.querysets import member_count_subquery

    visible = visible_search_documents(workspaces)
    popular = list(visible.filter(opened__gt=0).order_by("-opened", "-pk")[:limit])
    if len(popular) < limit:
        largest = list(
            Network.objects.annotate(members=member_count_subquery())
            .order_by(F("members").desc(nulls_last=True), "name")
            .values_list("pk", flat=True)[: limit * 2]
        )
        taken = {document.pk for document in popular}
        networks = {
            document.object_id: document
            for document in visible.filter(kind=DocumentKind.NETWORK, object_id__in=largest)
            if document.pk not in taken
        }
        popular += [networks[pk] for pk in largest if pk in networks][: limit - len(popular)]
    return popular


# --- The search page -------------------------------------------------------------------------------------------


class SearchView(TemplateView):
    """``/search/?q=&kind=&theme=&language=&region=&visibility=&mode=&page=&workspace=``.

    htmx requests get only the results region (``knowledge/search_results.html``), or with ``more=1`` the
    next results to append to the list (``knowledge/search_more.html``).
    """

    template_name = "knowledge/search.html"
    results_template_name = "knowledge/search_results.html"
    more_template_name = "knowledge/search_more.html"
    results_id = "search-results"

    @property
    def wants_more(self):
        return self.request.GET.get("more") == "1"

    def get_template_names(self):
        if is_htmx(self.request):
            return [self.more_template_name if self.wants_more else self.results_template_name]
        return [self.template_name]

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        # The same address answers a fragment to htmx and the page to a browser: keep them apart in caches.
        patch_vary_headers(response, ["HX-Request"])
        return response

    def get_context_data(self, **kwargs):
        params, user = self.request.GET, self.request.user
        query = params.get("q", "").strip()[:MAX_QUERY_LENGTH]
        mode = params.get("mode") if params.get("mode") in MODE_LABELS else "hybrid"
        workspace = member_workspace(user, params.get("workspace", ""))
        context = {
            "search_query": query,
            "mode": mode,
            "modes": list(MODE_LABELS.items()),
            "workspace": workspace,
            "results_id": self.results_id,
            "results_template_name": self.results_template_name,
            "groups": {},
            "name_total": 0,
            "name_limit": SEARCH_LIMIT,
        }
        if not query:
            workspaces = visible_workspaces(user, workspace)
            context["recent"] = shown_documents(recent_documents(workspaces))
            context["popular"] = shown_documents(popular_documents(workspaces))
            return super().get_context_data(**context, **kwargs)
        page = page_number(params)
        results = search(
            query,
            user=user,
            workspace=workspace,
            filters=filters_from(params),
            mode=mode,
            offset=(page - 1) * PAGE_SIZE,
            limit=PAGE_SIZE,
        )
        if not self.wants_more:
            groups = search_atlas(query[:MAX_NAME_QUERY])
            context.update(
                groups=groups,
                name_total=sum(count for _rows, count in groups.values()),
                facet_groups=facet_groups(
                    results.facets, with_visibility=bool(visible_workspaces(user, workspace))
                ),
                peers=peer_governments(results.hits),
            )
        context.update(
            results=results,
            hits=shown_hits(results.hits),
            page=page,
            # A query none of whose words is in the results (another language): say they matched by meaning.
            by_meaning_only=bool(results.hits and results.terms)
            and not any(hit.matched_terms for hit in results.hits),
            next_page=page + 1 if results.has_more and page < MAX_PAGE else None,
            previous_page=page - 1 if page > 1 else None,
        )
        return super().get_context_data(**context, **kwargs)


class OpenResultView(View):
    """``/search/open/<pk>/``: count a click on a result and go to its page (404 for what one may not see)."""

    def get(self, request, pk):
        visible = visible_search_documents(visible_workspaces(request.user))
        document = get_object_or_404(visible, pk=pk)
        url = document_urls([document]).get(document.pk)
        if not url:
            raise Http404("This record has no page.")
        # An update, not a save: a click is not an edit (no new updated_at, no re-indexing).
        SearchDocument.objects.filter(pk=document.pk).update(opened=F("opened") + 1)
        return redirect(url)


# --- Agenda matching -------------------------------------------------------------------------------------------


class AgendaForm(forms.Form):
    """The agenda's text and, for a workspace member, whether to search the workspace's private records too."""

    text = forms.CharField(
        label=_("Your agenda: paste a list of priorities or a plan"),
        max_length=MAX_AGENDA_LENGTH,
        widget=forms.Textarea(attrs={"rows": 12, "cols": 80, "spellcheck": "true"}),
        help_text=_(
            "One priority per line works best; a plan written as prose is read sentence by sentence."
        ),
    )
    workspace = forms.ChoiceField(
        label=_("Records to search"),
        required=False,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, workspaces=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.workspaces = {workspace.slug: workspace for workspace in workspaces}
        if not self.workspaces:
            del self.fields["workspace"]
            return
        self.fields["workspace"].choices = [("", _("Public records only"))] + [
            (
                workspace.slug,
                _("Search my workspace's private records too: %(workspace)s") % {"workspace": workspace.name},
            )
            for workspace in self.workspaces.values()
        ]

    def clean_text(self):
        text = self.cleaned_data["text"]
        if not split_agenda(text):
            raise ValidationError(
                _("No priority was found in this text: write at least one priority of two words or more."),
                code="no_priority",
            )
        return text

    @property
    def chosen_workspace(self):
        return self.workspaces.get(self.cleaned_data.get("workspace") or "")


@dataclass
class AgendaRow:
    """A matched record with its share of the best score of its group (for the score bar)."""

    item: object
    share: float

    @property
    def open_url(self):
        return reverse("search-open", args=[self.item.document.pk]) if self.item.url else ""

    @property
    def percent(self):
        return round(self.share * 100)


def agenda_rows(items):
    best = max((item.score for item in items), default=0) or 1
    return [AgendaRow(item, item.score / best) for item in items]


@method_decorator(never_cache, name="dispatch")
class AgendaView(FormView):
    """``/search/agenda/``: paste an agenda (POST), get the networks, practices, lessons, working groups
    and peer governments ranked against it. htmx posts get only the results region back.

    Never cached: the form carries the visitor's CSRF token.
    """

    template_name = "knowledge/agenda.html"
    results_template_name = "knowledge/agenda_results.html"
    form_class = AgendaForm
    results_id = "agenda-results"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "workspaces": list(member_workspaces(self.request.user))}

    def get_initial(self):
        workspace = member_workspace(self.request.user, self.request.GET.get("workspace", ""))
        return {"workspace": workspace.slug if workspace else ""}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            results_id=self.results_id, results_template_name=self.results_template_name, **kwargs
        )

    def render(self, context):
        if is_htmx(self.request) and self.request.method == "POST":
            response = self.response_class(
                request=self.request, template=[self.results_template_name], context=context
            )
        else:
            response = self.render_to_response(context)
        patch_vary_headers(response, ["HX-Request"])
        return response

    def form_valid(self, form):
        workspace = form.chosen_workspace
        started = time.perf_counter()
        # Without a workspace chosen, only public records: the anonymous view of the knowledge base.
        match = match_agenda(
            form.cleaned_data["text"],
            user=self.request.user if workspace else None,
            workspace=workspace,
        )
        groups = [
            ("networks", _("Networks"), agenda_rows(match.networks)),
            ("practices", _("Good practices"), agenda_rows(match.practices)),
            ("lessons", _("Lessons learned"), agenda_rows(match.lessons)),
            ("working_groups", _("Working groups"), agenda_rows(match.working_groups)),
        ]
        context = self.get_context_data(
            form=form,
            match=match,
            agenda_groups=groups,
            workspace=workspace,
            seconds=time.perf_counter() - started,
        )
        return self.render(context)

    def form_invalid(self, form):
        return self.render(self.get_context_data(form=form))
