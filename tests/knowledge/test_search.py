"""The hybrid search on a small fixed corpus: cross-language retrieval, no stale results, visibility,
facets, stable rankings, the full-text index and the agenda matching."""

import json

import pytest
from django.core.management import call_command
from django.db import connection

from intercity.knowledge.actions import delete_practice, publish, save_lesson, save_practice
from intercity.knowledge.choices import DocumentKind, Visibility
from intercity.knowledge.models import SearchDocument
from intercity.knowledge.search import SearchFilters, lexical, search
from intercity.knowledge.search.agenda import match_agenda, split_agenda
from intercity.knowledge.search.service import SYSTEM
from intercity.knowledge.search.snippets import highlight
from intercity.knowledge.search.vectors import VectorCache
from tests.factories import (
    CountryFactory,
    GovernmentFactory,
    ThemeFactory,
    UserFactory,
    WorkspaceFactory,
    WorkspaceMemberFactory,
)

pytestmark = pytest.mark.django_db

# Five practices on five subjects, in four languages (invented governments).
CORPUS = {
    "youth": (
        "en",
        "Youth centres against violence in hillside neighbourhoods",
        "Killings of young men were concentrated in the outer hillside districts.",
        "Libraries, sports grounds and night schools run with the neighbours; mentors for teenagers.",
    ),
    "gardens": (
        "pt",
        "Hortas comunitárias nas escolas municipais",
        "As crianças comiam poucos legumes e as escolas tinham terrenos vazios.",
        "Os alunos cultivam hortas com as famílias e a colheita vai para a merenda escolar.",
    ),
    "housing": (
        "fr",
        "Rénovation énergétique des logements sociaux",
        "Les locataires des logements sociaux payaient des factures de chauffage trop lourdes.",
        "Isolation des façades, nouvelles fenêtres et chaudières collectives à haut rendement.",
    ),
    "bikes": (
        "es",
        "Bicicletas públicas y carriles protegidos",
        "El tráfico de coches congestionaba el centro y el aire estaba contaminado.",
        "Un sistema de bicicletas compartidas y cuarenta kilómetros de carriles bici separados.",
    ),
    "floods": (
        "en",
        "Parks that store stormwater",
        "Heavy rain flooded the low streets every winter.",
        "Sunken parks and squares hold the water during storms and drain it slowly afterwards.",
    ),
}


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def workspace():
    return WorkspaceFactory()


@pytest.fixture
def corpus(commit, workspace):
    """The five practices, public, recorded by ``workspace``; returns {key: practice}."""
    country = CountryFactory(code="ZZ", region="Testland")
    practices = {}
    with commit():
        for number, (key, (language, title, problem, solution)) in enumerate(CORPUS.items()):
            practices[key] = save_practice(
                workspace,
                {
                    "title": title,
                    "government": GovernmentFactory(name=f"Villa {number}", country=country),
                    "problem": problem,
                    "solution": solution,
                    "language": language,
                    "visibility": Visibility.PUBLIC,
                },
            )
    return practices


def first(results):
    return results.hits[0].document.object_id if results.hits else None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("cómo reducir la violencia juvenil en barrios periféricos", "youth"),
        ("school vegetable gardens for children's lunches", "gardens"),
        ("eficiência energética na habitação social", "housing"),
        ("pistes cyclables et vélos en libre-service", "bikes"),
        ("parques inundables contra las inundaciones", "floods"),
    ],
)
def test_a_query_finds_the_practice_written_in_another_language(corpus, query, expected):
    results = search(query)
    assert first(results) == corpus[expected].pk
    hit = results.hits[0]
    assert hit.similarity is not None and hit.similarity > 0.25
    assert any("similarity" in reason for reason in hit.reasons)


def test_words_match_without_diacritics_and_are_marked_in_the_snippet(corpus):
    results = search("renovation energetique", mode="lexical")
    assert first(results) == corpus["housing"].pk
    hit = results.hits[0]
    assert hit.matched_terms == ("renovation", "energetique")
    assert "Contains: renovation, energetique" in hit.reasons
    assert hit.semantic_rank is None and hit.lexical_rank == 1
    results = search("chaudières", mode="lexical")
    assert "<mark>chaudières</mark>" in str(results.hits[0].snippet)


def test_a_changed_practice_is_found_by_its_new_words_only_and_a_deleted_one_not_at_all(
    corpus, commit, workspace
):
    bikes = corpus["bikes"]
    assert first(search("tranvía", mode="lexical")) is None
    with commit():
        save_practice(
            workspace,
            {"title": "Tranvía eléctrico", "solution": "Una línea de tranvía eléctrico de doce paradas."},
            instance=bikes,
        )
    assert first(search("tranvía", mode="lexical")) == bikes.pk
    assert search("carriles protegidos", mode="lexical").total == 0
    semantic = search("electric tramway line", mode="semantic")
    assert first(semantic) == bikes.pk
    with commit():
        delete_practice(bikes, workspace)
    for mode in ("lexical", "semantic", "hybrid"):
        found = search("tranvía eléctrico", mode=mode)
        assert bikes.pk not in [hit.document.object_id for hit in found.hits], mode


def test_a_private_practice_is_seen_by_its_workspace_only(corpus, commit, workspace):
    other = WorkspaceFactory()
    with commit():
        secret = save_practice(
            workspace,
            {
                "title": "Confidential plan for the harbour cranes",
                "government": corpus["youth"].government,
                "problem": "Old harbour cranes.",
                "solution": "Replace the harbour cranes.",
                "visibility": Visibility.WORKSPACE,
            },
        )
    member, outsider = UserFactory(), UserFactory()
    WorkspaceMemberFactory(workspace=workspace, user=member)
    WorkspaceMemberFactory(workspace=other, user=outsider)

    def found(**kwargs):
        return [
            hit.document.object_id
            for mode in ("hybrid", "lexical", "semantic")
            for hit in search("harbour cranes", mode=mode, limit=50, **kwargs).hits
            if hit.kind == DocumentKind.PRACTICE
        ]

    assert secret.pk in found(user=member)
    assert secret.pk in found(user=member, workspace=workspace)
    assert secret.pk in found(user=SYSTEM, workspace=workspace)
    assert secret.pk not in found()
    assert secret.pk not in found(user=outsider)
    assert secret.pk not in found(user=outsider, workspace=workspace)  # not a member of it
    assert secret.pk not in found(user=member, workspace=other)
    assert secret.pk not in found(user=SYSTEM, workspace=other)
    assert "harbour" not in json.dumps([hit.document.body for hit in search("harbour").hits])
    with commit():
        publish(secret, workspace)
    assert secret.pk in found(user=outsider)


def test_facets_count_each_dimension_with_the_other_filters_applied(corpus, commit, workspace):
    theme = ThemeFactory(name="Mobility")
    with commit():
        save_practice(workspace, {}, instance=corpus["bikes"], themes=[theme])
        save_lesson(
            workspace,
            {
                "title": "Carriles bici: los comercios primero",
                "learned": "Hablar con los comercios antes de pintar los carriles.",
                "visibility": Visibility.PUBLIC,
            },
        )
    results = search("carriles bici", mode="lexical")
    kinds = {facet.value: facet.count for facet in results.facets["kind"]}
    assert kinds == {"practice": 1, "lesson": 1}
    narrowed = search("carriles bici", mode="lexical", filters=SearchFilters(kinds=("lesson",)))
    assert [hit.kind for hit in narrowed.hits] == ["lesson"]
    assert narrowed.total == 1
    # The kind facet still counts both kinds, so the filter can be changed; the others count lessons.
    assert {facet.value: facet.count for facet in narrowed.facets["kind"]} == kinds
    assert [facet.selected for facet in narrowed.facets["kind"] if facet.value == "lesson"] == [True]
    assert {facet.value: facet.count for facet in narrowed.facets["theme"]} == {}
    by_theme = search("carriles bici", mode="lexical", filters=SearchFilters(themes=("mobility",)))
    assert [hit.document.object_id for hit in by_theme.hits] == [corpus["bikes"].pk]
    by_language = search("bicicletas", filters=SearchFilters(languages=("fr",)))
    assert {hit.document.language for hit in by_language.hits} <= {"fr"}


def test_identical_input_gives_an_identical_ranking_even_after_a_fresh_index(corpus):
    query = "public space and young people"
    once = [(hit.document.pk, round(hit.score, 12)) for hit in search(query, limit=50).hits]
    again = [(hit.document.pk, round(hit.score, 12)) for hit in search(query, limit=50).hits]
    assert once == again and len(once) >= 3
    fresh = VectorCache(connection.alias)
    fresh.refresh()
    from intercity.knowledge.search import vectors

    key = next(key for key in vectors._caches if key[0] == connection.alias)
    vectors._caches[key] = fresh
    # The same order; the scores within float32 rounding (a fresh matrix may sum in another order).
    rebuilt = [(hit.document.pk, hit.score) for hit in search(query, limit=50).hits]
    assert [pk for pk, _score in rebuilt] == [pk for pk, _score in once]
    assert [score for _pk, score in rebuilt] == pytest.approx([score for _pk, score in once], rel=1e-5)


def test_the_full_text_index_is_rebuilt_when_its_triggers_are_gone(corpus):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite keeps its FTS5 index with triggers; PostgreSQL indexes the table itself")
    with connection.cursor() as cursor:
        for trigger in lexical.TRIGGERS:
            cursor.execute(f"DROP TRIGGER {trigger}")
        cursor.execute(f"DELETE FROM {lexical.FTS}")  # what a table rebuild leaves behind
    assert lexical.search("chaudieres") == []
    assert lexical.install(force=True) is True
    housing = SearchDocument.objects.get(kind=DocumentKind.PRACTICE, object_id=corpus["housing"].pk)
    assert [pk for pk, _score in lexical.search("chaudieres")] == [housing.pk]
    assert lexical.install(force=True) is False


def test_the_full_text_search_works_on_this_database(corpus):
    hits = lexical.search("logements sociaux chauffage", limit=5)
    assert len(hits) == 1
    assert lexical.known_terms(["logements", "zzzunknown"]) == {"logements"}
    # What a user types is never an operator.
    assert lexical.search('NOT "logements" OR title:* ^(') is not None


def test_highlight_escapes_the_text_and_marks_whole_words():
    html = str(highlight("<script>alert(1)</script> Violencia juvenil y violencias", ["violencia"]))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert html.count("<mark>") == 2


def test_split_agenda_takes_lines_or_sentences():
    assert split_agenda("• Clean air near schools\n2) Safer streets for children\n\nx") == [
        "Clean air near schools",
        "Safer streets for children",
    ]
    assert split_agenda("") == []


def test_agenda_matching_ranks_the_practices_of_each_priority(corpus):
    match = match_agenda(
        "- Prevenir la violencia entre los jóvenes de los barrios\n- Isolar as habitações sociais",
        limit=3,
    )
    assert len(match.priorities) == 2
    titles = [item.document.object_id for item in match.practices]
    assert set(titles[:2]) == {corpus["youth"].pk, corpus["housing"].pk}
    top = match.practices[0]
    assert top.priorities and top.passage
    assert {peer.government.pk for peer in match.peers} >= {corpus["youth"].government_id}


def test_search_command_prints_json_and_reindex_reports(corpus, capsys):
    call_command("search", "bicicletas compartidas", "--json", "--limit", "2")
    data = json.loads(capsys.readouterr().out)
    assert data["results"][0]["id"] == corpus["bikes"].pk
    assert data["results"][0]["url"] == f"/practices/{corpus['bikes'].pk}/"
    call_command("reindex", "--no-progress")
    assert "0 texts embedded" in capsys.readouterr().out
    call_command("reindex", "--no-progress", "--force")
    assert f"{len(CORPUS)} texts embedded" in capsys.readouterr().out


def test_indexing_inside_a_command_draws_its_progress(django_capture_on_commit_callbacks, workspace):
    import io

    from intercity.core.progress import current_progress, progress_bar

    out = io.StringIO()
    with progress_bar(stream=out):
        assert current_progress() is not None
        with django_capture_on_commit_callbacks(execute=True):
            save_practice(
                workspace,
                {
                    "title": "Night buses",
                    "government": GovernmentFactory(),
                    "problem": "No transport at night.",
                    "solution": "Night bus lines.",
                },
            )
    assert current_progress() is None
    assert "Indexing for search" in out.getvalue()
    assert search("night buses", mode="lexical").total == 0  # private: not for anonymous users
    assert search("night buses", mode="lexical", user=SYSTEM, workspace=workspace).total == 1


def test_full_text_falls_back_to_the_database_when_too_few_read_results_are_visible(commit, workspace):
    """The index is read alone and filtered in memory; when the filter leaves too few, the joined query
    (with the visibility condition in SQL) gives the visible documents all the same."""
    other = WorkspaceFactory()
    government = GovernmentFactory()
    with commit():
        for number in range(3):
            save_practice(
                other,
                {
                    "title": f"Harbour cranes harbour cranes {number}",
                    "government": government,
                    "problem": "Harbour cranes.",
                    "solution": "Harbour cranes.",
                },
            )
        public = save_practice(
            workspace,
            {
                "title": "A note on harbours",
                "government": government,
                "problem": "Old cranes in the harbour.",
                "solution": "Rent them.",
                "visibility": Visibility.PUBLIC,
            },
        )
    public_document = SearchDocument.objects.get(kind=DocumentKind.PRACTICE, object_id=public.pk)
    private_documents = set(SearchDocument.objects.filter(workspace=other).values_list("pk", flat=True))
    found = lexical.search(
        "harbour cranes",
        visibility_sql="d.visibility = %s",
        visibility_params=["public"],
        limit=1,
        keep=lambda pk: pk not in private_documents,
    )
    assert [pk for pk, _score in found] == [public_document.pk]


def test_a_total_cut_at_the_ranking_depth_is_said_to_be_capped(corpus, monkeypatch):
    from intercity.knowledge.search import service

    assert search("parks stormwater").capped is False
    monkeypatch.setattr(service, "DEPTH", 2)
    monkeypatch.setattr(service, "SEMANTIC_FLOOR", -1.0)  # every document is a semantic match
    results = search("parks stormwater")
    assert results.capped is True and results.total <= 4
