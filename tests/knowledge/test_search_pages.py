"""The search page, the result redirect and agenda matching, over a small fixed corpus, through real HTTP."""

import re
from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse

from intercity.core.choices import Role
from intercity.knowledge.actions import save_lesson, save_practice
from intercity.knowledge.choices import DocumentKind, Visibility
from intercity.knowledge.models import SearchDocument
from intercity.knowledge.search.service import document_urls
from tests.factories import (
    CountryFactory,
    GovernmentFactory,
    MembershipFactory,
    NetworkFactory,
    ThemeFactory,
    UserFactory,
    WorkspaceFactory,
    WorkspaceMemberFactory,
)

pytestmark = pytest.mark.django_db

SPANISH_QUERY = "cómo reducir la violencia juvenil en barrios periféricos"
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def corpus(django_capture_on_commit_callbacks):
    """Two workspaces; public practices in English and Portuguese, a private one, a lesson and networks.

    Saved through the knowledge actions and indexed on commit, as in production.
    """
    colombia = CountryFactory(code="CO", name="Colombia", region="South America")
    netherlands = CountryFactory(code="NL", name="Netherlands", region="Western Europe")
    brazil = CountryFactory(code="BR", name="Brazil", region="South America")
    medellin = GovernmentFactory(name="Medellín", country=colombia)
    rotterdam = GovernmentFactory(name="Rotterdam", country=netherlands)
    recife = GovernmentFactory(name="Recife", country=brazil)
    office = WorkspaceFactory(
        name="Bogotá office", slug="bogota", government=GovernmentFactory(country=colombia)
    )
    other = WorkspaceFactory(name="Lyon office", slug="lyon")
    member, outsider = UserFactory(username="member"), UserFactory(username="outsider")
    WorkspaceMemberFactory(workspace=office, user=member, role=Role.VIEWER)
    WorkspaceMemberFactory(workspace=other, user=outsider, role=Role.OWNER)
    safety, climate = ThemeFactory(name="Safety"), ThemeFactory(name="Climate")
    with django_capture_on_commit_callbacks(execute=True):
        youth = save_practice(
            office,
            {
                "title": "Youth centres in the hillside neighbourhoods",
                "government": medellin,
                "problem": "Violence and homicides of young men in the poor outer neighbourhoods of the city.",
                "solution": "Libraries, sports grounds and night schools for teenagers, run with the neighbours.",
                "results": "Youth homicides fell by 40% in four years.",
                "language": "en",
                "visibility": Visibility.PUBLIC,
            },
            themes=[safety],
        )
        floods = save_practice(
            office,
            {
                "title": "Water squares that store storm water",
                "government": rotterdam,
                "problem": "Heavy rain floods streets and cellars.",
                "solution": "Sunken public squares hold the rain water during storms and are playgrounds otherwise.",
                "language": "en",
                "visibility": Visibility.PUBLIC,
            },
            themes=[climate],
        )
        mangroves = save_practice(
            office,
            {
                "title": "Parques alagáveis contra as enchentes",
                "government": recife,
                "problem": "As chuvas fortes alagam os bairros baixos da cidade.",
                "solution": "Parques que recebem a água das chuvas e protegem as casas.",
                "language": "pt",
                "visibility": Visibility.PUBLIC,
            },
            themes=[climate],
        )
        secret = save_practice(
            office,
            {
                "title": "Confidential pilot: night patrols against youth gangs",
                "government": office.government,
                "problem": "Youth violence and gangs in the outer neighbourhoods.",
                "solution": "Social workers walk the streets at night with former gang members.",
                "language": "en",
                "visibility": Visibility.WORKSPACE,
            },
            themes=[safety],
        )
        lesson = save_lesson(
            office,
            {
                "title": "Bring the mayor to peer-learning visits",
                "learned": "Visits with the mayor lead to decisions; visits by officers alone rarely do.",
                "language": "en",
                "visibility": Visibility.PUBLIC,
            },
        )
        network = NetworkFactory(
            name="Cities against Violence",
            description="A network of cities that prevent youth violence and crime in their neighbourhoods.",
        )
        network.themes.add(safety)
        big_network = NetworkFactory(name="Global Mayors Forum", description="Mayors meet every year.")
        for _number in range(3):
            MembershipFactory(network=big_network)
    return SimpleNamespace(
        office=office,
        other=other,
        member=member,
        outsider=outsider,
        youth=youth,
        floods=floods,
        mangroves=mangroves,
        secret=secret,
        lesson=lesson,
        network=network,
        big_network=big_network,
        medellin=medellin,
    )


def document_of(record):
    kind = {"Practice": DocumentKind.PRACTICE, "Lesson": DocumentKind.LESSON, "Network": DocumentKind.NETWORK}
    return SearchDocument.objects.get(kind=kind[type(record).__name__], object_id=record.pk)


def client_for(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def titles(response):
    return [row.document.title for row in response.context["hits"]]


# --- The search page ----------------------------------------------------------------------------------------


def test_a_spanish_query_finds_the_english_practice_first_with_the_reason(client, corpus):
    response = client.get(reverse("search"), {"q": SPANISH_QUERY})
    assert response.status_code == 200
    practices = [row.hit for row in response.context["hits"] if row.document.kind == DocumentKind.PRACTICE]
    assert practices[0].document.title == corpus.youth.title
    # No Spanish word occurs in the English text: it matched by meaning alone.
    assert practices[0].matched_terms == () and practices[0].similarity > 0.25
    assert (
        titles(client.get(reverse("search"), {"q": SPANISH_QUERY, "kind": "practice"}))[0]
        == corpus.youth.title
    )
    content = response.content.decode()
    assert "Why it matched:" in content
    assert re.search(r"Close in meaning to the query \(similarity \d+%\)", content)
    # The title links through the counting redirect; the page says which language the record is in.
    assert f'href="{reverse("search-open", args=[document_of(corpus.youth).pk])}"' in content
    assert "In English" in content
    assert "ranked by their meaning" in content


def test_matched_words_are_marked_in_the_snippet(client, corpus):
    content = client.get(reverse("search"), {"q": "night schools"}).content.decode()
    assert "<mark>night</mark>" in content and "<mark>schools</mark>" in content
    assert "Contains: night, schools" in content
    assert "ranked by their meaning" not in content


def test_governments_of_the_matching_practices_are_listed_with_links(client, corpus):
    content = client.get(reverse("search"), {"q": SPANISH_QUERY}).content.decode()
    assert "Governments that have done it" in content
    assert f'href="{reverse("places:government", args=[corpus.medellin.pk])}">Medellín</a>' in content


def test_facet_counts_match_the_results_and_ticking_a_kind_narrows_them(client, corpus):
    response = client.get(reverse("search"), {"q": "youth violence neighbourhoods"})
    kinds = [row.document.kind for row in response.context["hits"]]
    assert response.context["results"].total == len(kinds)
    assert {DocumentKind.PRACTICE, DocumentKind.NETWORK} <= set(kinds)
    facet = {
        choice.value: choice
        for choice in dict((n, c) for n, _l, c in response.context["facet_groups"])["kind"]
    }
    assert facet["practice"].count == kinds.count("practice")
    assert facet["network"].count == kinds.count("network")
    content = response.content.decode()
    assert re.search(
        r'<input type="checkbox" id="facet-kind-practice" name="kind" value="practice">', content
    )
    assert f'Good practice <span class="count">({kinds.count("practice")})</span>' in content

    narrowed = client.get(reverse("search"), {"q": "youth violence neighbourhoods", "kind": "practice"})
    narrowed_kinds = {row.document.kind for row in narrowed.context["hits"]}
    assert narrowed_kinds == {DocumentKind.PRACTICE}
    assert narrowed.context["results"].total == kinds.count("practice")
    # The ticked box stays ticked; the other kinds keep their counts so that one can switch.
    assert 'id="facet-kind-practice" name="kind" value="practice" checked' in narrowed.content.decode()
    facet = dict((n, c) for n, _l, c in narrowed.context["facet_groups"])["kind"]
    assert {choice.value: choice.count for choice in facet}["network"] == kinds.count("network")


def test_a_theme_and_a_language_filter_narrow_the_results(client, corpus):
    response = client.get(reverse("search"), {"q": "floods rain water", "language": "pt"})
    assert titles(response) == [corpus.mangroves.title]
    response = client.get(reverse("search"), {"q": "floods rain water", "theme": "safety"})
    assert corpus.floods.title not in titles(response)


def test_unknown_filter_values_and_pages_are_ignored(client, corpus):
    response = client.get(
        reverse("search"), {"q": "youth", "kind": "spaceship", "page": "x", "mode": "magic"}
    )
    assert response.status_code == 200
    assert response.context["mode"] == "hybrid" and response.context["page"] == 1
    assert response.context["results"].total > 0


def test_the_page_keeps_the_quick_name_matches_of_the_atlas(client, corpus):
    content = client.get(reverse("search"), {"q": "medell"}).content.decode()
    assert "Go to" in content and 'id="search-governments"' in content
    assert f'href="{reverse("places:government", args=[corpus.medellin.pk])}">Medellín</a>' in content


def test_an_htmx_request_gets_only_the_results_region(client, corpus):
    response = client.get(reverse("search"), {"q": SPANISH_QUERY}, **HTMX)
    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content and 'id="search-input"' not in content and "<form" not in content
    assert corpus.youth.title in content and "Narrow the results" in content
    assert "HX-Request" in response["Vary"]


def test_more_results_are_appended_through_htmx_and_paged_without_javascript(client, corpus, monkeypatch):
    monkeypatch.setattr("intercity.knowledge.search_views.PAGE_SIZE", 2)
    first = client.get(reverse("search"), {"q": "neighbourhoods youth violence water"})
    assert len(first.context["hits"]) == 2 and first.context["next_page"] == 2
    content = first.content.decode()
    assert 'id="search-more"' in content and "more=1" in content
    more = client.get(
        reverse("search"), {"q": "neighbourhoods youth violence water", "page": 2, "more": 1}, **HTMX
    )
    fragment = more.content.decode()
    assert fragment.lstrip().startswith("<li") and "Narrow the results" not in fragment
    page_two = client.get(reverse("search"), {"q": "neighbourhoods youth violence water", "page": 2})
    assert titles(page_two) == [row.document.title for row in more.context["hits"]]
    assert not set(titles(page_two)) & set(titles(first))
    assert "Previous results" in page_two.content.decode()


# --- Who sees what ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["anonymous", "outsider"])
def test_a_private_practice_never_shows_to_anonymous_visitors_or_other_workspaces(corpus, who):
    client = client_for(None if who == "anonymous" else corpus.outsider)
    secret = document_of(corpus.secret)
    for params, headers in [
        ({"q": "night patrols against youth gangs"}, {}),
        ({"q": "night patrols against youth gangs"}, HTMX),
        ({"q": "night patrols against youth gangs", "workspace": corpus.office.slug}, {}),
        ({"q": "night patrols against youth gangs", "visibility": "workspace"}, HTMX),
        ({}, {}),
    ]:
        response = client.get(reverse("search"), params, **headers)
        assert response.status_code == 200
        assert "Confidential pilot" not in response.content.decode(), (params, headers)
    assert client.get(reverse("search-open", args=[secret.pk])).status_code == 404
    assert SearchDocument.objects.get(pk=secret.pk).opened == 0
    if who == "anonymous":  # sees only public records: no visibility facet to tick
        facets = client.get(reverse("search"), {"q": "youth"}).context["facet_groups"]
        assert "visibility" not in [name for name, _label, _choices in facets]
    response = client.post(
        reverse("search-agenda"),
        {"text": "Night patrols against youth gangs", "workspace": corpus.office.slug},
    )
    assert "Confidential pilot" not in response.content.decode()


def test_a_private_practice_shows_to_its_own_workspace_members(corpus):
    client = client_for(corpus.member)
    response = client.get(reverse("search"), {"q": "night patrols against youth gangs"})
    assert titles(response)[0] == corpus.secret.title
    assert '<span class="badge badge-private">Private</span>' in response.content.decode()
    visibility = dict((name, choices) for name, _label, choices in response.context["facet_groups"])[
        "visibility"
    ]
    assert {choice.value: choice.count for choice in visibility}["workspace"] == 1
    fragment = client.get(reverse("search"), {"q": "night patrols against youth gangs"}, **HTMX)
    assert "Confidential pilot" in fragment.content.decode()
    recent = client.get(reverse("search"))
    assert corpus.secret.title in [row.document.title for row in recent.context["recent"]]


def test_a_workspace_in_the_address_restricts_private_results_to_it_for_members_only(corpus):
    client = client_for(corpus.member)
    response = client.get(reverse("search"), {"q": "night patrols", "workspace": corpus.office.slug})
    assert response.context["workspace"] == corpus.office
    assert f'<input type="hidden" name="workspace" value="{corpus.office.slug}">' in response.content.decode()
    # Another workspace's slug is ignored: neither an error nor anybody else's records.
    response = client.get(reverse("search"), {"q": "night patrols", "workspace": corpus.other.slug})
    assert response.context["workspace"] is None


# --- Opening a result ------------------------------------------------------------------------------------------


def test_opening_a_result_counts_it_and_redirects_to_its_page(client, corpus):
    document = document_of(corpus.network)
    response = client.get(reverse("search-open", args=[document.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("networks:detail", args=[corpus.network.slug])
    client.get(reverse("search-open", args=[document.pk]))
    document.refresh_from_db()
    assert document.opened == 2


def test_a_member_opening_a_private_result_goes_to_the_workspace_page(corpus):
    document = document_of(corpus.secret)
    url = document_urls([document])[document.pk]
    assert url.startswith(f"/w/{corpus.office.slug}/")
    response = client_for(corpus.member).get(reverse("search-open", args=[document.pk]))
    assert (response.status_code, response["Location"]) == (302, url)


def test_opening_an_unknown_result_is_not_found(client, corpus):
    assert client.get(reverse("search-open", args=[999_999])).status_code == 404


# --- The empty query -------------------------------------------------------------------------------------------


def test_an_empty_query_shows_recent_and_popular_records_and_no_name_matches(client, corpus):
    opened = document_of(corpus.floods)
    for _click in range(3):
        client.get(reverse("search-open", args=[opened.pk]))
    response = client.get(reverse("search"), {"q": "  "})
    assert response.status_code == 200 and response.context["groups"] == {}
    recent = [row.document for row in response.context["recent"]]
    assert recent[0] == document_of(corpus.big_network)  # the last one saved
    assert [d.created_at for d in recent] == sorted((d.created_at for d in recent), reverse=True)
    popular = [row.document for row in response.context["popular"]]
    # The most opened first, then the networks with the most members.
    assert popular[:2] == [opened, document_of(corpus.big_network)]
    content = response.content.decode()
    assert "Recently added" in content and "Popular" in content
    assert "Confidential pilot" not in content


# --- Agenda matching -------------------------------------------------------------------------------------------

AGENDA = """1. Prevent violence among young people in the outer neighbourhoods
2. Protect low-lying districts against floods from heavy rain
"""


def test_the_agenda_ranks_the_matching_practice_first_and_marks_its_words(client, corpus):
    response = client.post(reverse("search-agenda"), {"text": AGENDA})
    assert response.status_code == 200
    match = response.context["match"]
    assert match.priorities[0] == "Prevent violence among young people in the outer neighbourhoods"
    practices = [item.document.title for item in match.practices]
    assert practices[0] in (corpus.youth.title, corpus.floods.title, corpus.mangroves.title)
    assert set(practices[:3]) == {corpus.youth.title, corpus.floods.title, corpus.mangroves.title}
    youth = next(item for item in match.practices if item.document.title == corpus.youth.title)
    assert youth.priorities[0] == "Prevent violence among young people in the outer neighbourhoods"
    content = response.content.decode()
    assert "<mark>" in str(youth.passage) and str(youth.passage) in content
    assert "Confidential pilot" not in content  # only public records without a workspace chosen
    assert "<meter" in content and "Peer governments" in content
    assert f'href="{reverse("places:government", args=[corpus.medellin.pk])}">Medellín</a>' in content


def test_a_single_priority_agenda_puts_the_practice_that_answers_it_first(client, corpus):
    response = client.post(
        reverse("search-agenda"), {"text": "Reduce youth homicides in poor neighbourhoods"}
    )
    match = response.context["match"]
    assert match.practices[0].document.title == corpus.youth.title
    assert match.networks[0].document.title == corpus.network.name
    assert match.peers[0].government == corpus.medellin


def test_the_agenda_htmx_answer_is_only_the_results_region(client, corpus):
    response = client.post(reverse("search-agenda"), {"text": AGENDA}, **HTMX)
    content = response.content.decode()
    assert "<html" not in content and "<textarea" not in content
    assert corpus.youth.title in content


def test_members_may_add_their_own_workspace_private_records_to_the_agenda(corpus):
    client = client_for(corpus.member)
    page = client.get(reverse("search-agenda"), {"workspace": corpus.office.slug}).content.decode()
    assert f'value="{corpus.office.slug}"' in page and "checked" in page
    agenda = {"text": "Night patrols against youth gangs"}
    public_only = client.post(reverse("search-agenda"), agenda)
    assert "Confidential pilot" not in public_only.content.decode()
    with_private = client.post(reverse("search-agenda"), {**agenda, "workspace": corpus.office.slug})
    assert with_private.context["match"].practices[0].document.title == corpus.secret.title
    other = client.post(reverse("search-agenda"), {**agenda, "workspace": corpus.other.slug})
    assert other.context["form"].errors["workspace"]
    assert "match" not in other.context


def test_an_agenda_without_a_priority_is_refused_with_a_message(client, corpus):
    response = client.post(reverse("search-agenda"), {"text": "hello"})
    assert response.status_code == 200 and "match" not in response.context
    assert "No priority was found in this text" in response.content.decode()


def test_the_agenda_post_needs_the_csrf_token_and_the_page_is_never_cached(corpus):
    client = Client(enforce_csrf_checks=True)
    assert client.post(reverse("search-agenda"), {"text": AGENDA}).status_code == 403
    page = client.get(reverse("search-agenda"))
    assert "private" in page["Cache-Control"]
    token = page.cookies["csrftoken"].value
    response = client.post(reverse("search-agenda"), {"text": AGENDA, "csrfmiddlewaretoken": token})
    assert response.status_code == 200 and response.context["match"].practices


def test_the_search_page_links_to_the_agenda_and_the_global_box_reaches_the_search(client, corpus):
    home = client.get(reverse("home")).content.decode()
    assert 'action="/search/"' in home
    content = client.get(reverse("search")).content.decode()
    assert f'href="{reverse("search-agenda")}"' in content
    assert '<label for="search-input">' in content and "autofocus" in content
    assert 'aria-live="polite"' in content
