"""FTS5 lexical search: diacritics, BM25 order, upsert/delete without stale results, safe query building."""

import doctest
import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from intercity.analysis.search import LexicalIndex, SearchError, fts5_query, query_terms
from intercity.analysis.search import lexical as lexical_module

DOCUMENTS = [
    ("p1", "Prevención de la violencia juvenil", "Programas en barrios periféricos de Medellín.", "es"),
    ("p2", "Prevenção da violência", "Jovens e violência nos bairros de São Paulo.", "pt"),
    ("p3", "Climate adaptation", "Flood parks and green roofs against heat waves.", "en"),
    ("p4", "Cantines scolaires", "Achats publics locaux pour les écoles; la violence est absente.", "fr"),
    (17, "Youth violence", "Violence among youth, violence prevention, youth clubs.", "en"),
]


@pytest.fixture
def index():
    lexical = LexicalIndex(sqlite3.connect(":memory:"))
    lexical.create()
    lexical.upsert(DOCUMENTS)
    return lexical


def ids(results):
    return [doc for doc, _, _ in results]


def test_diacritics_and_case_do_not_matter(index):
    assert set(ids(index.search("VIOLÊNCIA"))) == set(ids(index.search("violencia"))) == {"p1", "p2"}
    assert ids(index.search("PERIFERICOS")) == ["p1"]
    assert ids(index.search("écoles")) == ids(index.search("ecoles")) == ["p4"]


def test_results_are_ordered_by_bm25_and_report_matched_terms(index):
    results = index.search("youth violence")

    assert results[0][0] == 17  # both terms, several times: the best
    assert [score for _, score, _ in results] == sorted((score for _, score, _ in results), reverse=True)
    assert all(score > 0 for _, score, _ in results)
    assert results[0][2] == ("youth", "violence")
    assert dict((doc, terms) for doc, _, terms in results)["p4"] == ("violence",)


def test_ids_keep_their_type(index):
    assert 17 in ids(index.search("youth"))
    assert "17" not in ids(index.search("youth"))


def test_a_title_match_outranks_the_same_match_in_a_body():
    lexical = LexicalIndex(sqlite3.connect(":memory:"))
    lexical.create()
    lexical.upsert(
        [("body", "Report", "Notes on tourism.", "en"), ("title", "Tourism", "Notes on a report.", "en")]
    )

    assert ids(lexical.search("tourism")) == ["title", "body"]


def test_upsert_replaces_and_leaves_no_stale_terms(index):
    index.upsert([("p3", "Urban agriculture", "Community gardens on rooftops.", "en")])

    assert "p3" not in ids(index.search("flood adaptation"))
    assert ids(index.search("gardens")) == ["p3"]
    assert len(index) == len(DOCUMENTS)


def test_delete_leaves_no_stale_result(index):
    removed = index.delete(["p1", 17, "unknown"])

    assert removed == 2
    assert set(ids(index.search("violence youth violencia"))) == {"p2", "p4"}
    assert len(index) == len(DOCUMENTS) - 2
    index.upsert([("p1", "Violencia", "De nuevo.", "es")])
    assert "p1" in ids(index.search("violencia"))


@pytest.mark.parametrize("size", [2, 600])  # bound parameters, then the temporary table
def test_allowed_restricts_results(index, size):
    allowed = ["p4", 17, *(f"other{i}" for i in range(size - 2))]

    assert set(ids(index.search("violence", allowed=allowed))) == {"p4", 17}
    assert index.search("violence", allowed=[]) == []
    assert set(ids(index.search("violence prevencion"))) == {"p1", "p4", 17}  # the filter does not linger


def test_k_limits_and_zero_returns_nothing(index):
    assert len(index.search("violence", k=2)) == 2
    assert index.search("violence", k=0) == []


def test_prefix_matching_finds_longer_forms():
    lexical = LexicalIndex(sqlite3.connect(":memory:"))
    lexical.create()
    lexical.upsert([("p", "Violencias urbanas", "", "es")])

    assert lexical.search("violencia") == []
    assert [(doc, terms) for doc, _, terms in lexical.search("violencia", prefix=True)] == [
        ("p", ("violencia",))
    ]


def test_identical_input_gives_identical_ranking(index):
    assert index.search("violence youth barrios") == index.search("violence youth barrios")


@pytest.mark.parametrize(
    "text",
    [
        'climate" OR "x',
        "NOT violence",
        "violence AND",
        "title:violence",
        "(violence",
        "violence*",
        "^violence",
        "NEAR(a b, 3)",
        "-violence +youth",
        "\x00violence",
        "'; DROP TABLE search_fts; --",
        '"""',
    ],
)
def test_nothing_a_user_types_breaks_the_query(index, text):
    index.search(text)  # no exception
    assert len(index) == len(DOCUMENTS)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_any_text_gives_a_valid_match_expression(text):
    connection = sqlite3.connect(":memory:")
    lexical = LexicalIndex(connection)
    lexical.create()
    expression = fts5_query(text, prefix=len(text) % 2 == 0)
    if expression:
        connection.execute("SELECT rowid FROM search_fts WHERE search_fts MATCH ?", (expression,)).fetchall()


def test_stop_words_of_four_languages_are_dropped():
    assert query_terms("the water and la agua y a água e la eau et") == ["water", "agua", "eau"]
    assert fts5_query("de la the of") == ""


def test_words_every_document_of_the_domain_uses_are_dropped():
    # They match every network and select nothing.
    assert query_terms("cities network ciudades red cidades rede villes réseau adaptation") == ["adaptation"]


def test_query_terms_are_distinct_and_capped():
    assert query_terms("Climate climate CLIMATE climáte") == ["climate"]
    assert len(query_terms(" ".join(f"word{i}" for i in range(100)))) == lexical_module.MAX_QUERY_TERMS


@pytest.mark.parametrize("table", ["bad name", "x; DROP TABLE y", "1abc", "", None])
def test_table_names_must_be_identifiers(table):
    with pytest.raises(SearchError):
        LexicalIndex(sqlite3.connect(":memory:"), table)


def test_two_tables_in_one_connection_are_independent():
    connection = sqlite3.connect(":memory:")
    first, second = LexicalIndex(connection, "first_fts"), LexicalIndex(connection, "second_fts")
    first.create()
    second.create()
    first.upsert([("a", "Water", "", "en")])

    assert ids(first.search("water")) == ["a"]
    assert second.search("water") == []


def test_bad_ids_raise(index):
    with pytest.raises(SearchError):
        index.upsert([(1.5, "t", "b", "en")])
    with pytest.raises(SearchError):
        index.search("violence", k=-1)
    with pytest.raises(SearchError):
        index.search("violence", allowed="p1")


def test_docstring_examples_run():
    result = doctest.testmod(lexical_module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0
