"""The exact vector index: top-k equal to a brute-force sort, replacement, removal, filters, save/load."""

import doctest

import numpy as np
import pytest

from intercity.analysis.search import SearchError, VectorIndex
from intercity.analysis.search import vectors as vectors_module


def random_vectors(count, dim=32, seed=0):
    return np.random.default_rng(seed).normal(size=(count, dim))


def brute_force(ids, vectors, query, k, allowed=None):
    """Every cosine in float64, fully sorted."""
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    scores = unit @ (query / np.linalg.norm(query))
    order = np.argsort(-scores, kind="stable")
    ranked = [(ids[row], scores[row]) for row in order if allowed is None or ids[row] in allowed]
    return ranked[:k]


@pytest.fixture
def filled():
    vectors = random_vectors(2000)
    ids = [f"doc{i}" for i in range(2000)]
    index = VectorIndex(dim=32)
    index.add(ids, vectors)
    return index, ids, vectors


@pytest.mark.parametrize("k", [1, 10, 50, 1999, 2000, 5000])
def test_top_k_equals_a_brute_force_sort(filled, k):
    index, ids, vectors = filled
    for seed in range(1, 6):
        query = random_vectors(1, seed=seed)[0]

        found = index.search(query, k=k)
        expected = brute_force(ids, vectors, query, k)

        assert [doc for doc, _ in found] == [doc for doc, _ in expected]
        assert [score for _, score in found] == pytest.approx([score for _, score in expected], abs=1e-5)


@pytest.mark.parametrize("step", [3, 7, 500])  # scored all then picked, or picked then scored
def test_allowed_restricts_results_and_matches_a_filtered_brute_force(filled, step):
    index, ids, vectors = filled
    allowed = set(ids[::step]) | {"not-indexed"}
    query = random_vectors(1, seed=9)[0]

    found = index.search(query, k=20, allowed=allowed)

    assert [doc for doc, _ in found] == [doc for doc, _ in brute_force(ids, vectors, query, 20, allowed)]


def test_an_empty_allowed_set_or_index_returns_nothing(filled):
    index, _, _ = filled
    query = random_vectors(1, seed=3)[0]

    assert index.search(query, allowed=[]) == []
    assert VectorIndex(dim=32).search(query) == []
    assert index.search(query, k=0) == []


def test_removal_leaves_no_stale_result(filled):
    index, ids, vectors = filled
    query = vectors[5]
    assert index.search(query, k=1)[0][0] == "doc5"

    removed = index.remove(["doc5", "doc1999", "doc5", "never-added"])
    found = index.search(query, k=len(ids))

    assert removed == 2
    assert len(index) == len(ids) - 2
    assert {"doc5", "doc1999"}.isdisjoint(doc for doc, _ in found)
    assert len(found) == len(ids) - 2
    remaining = [i for i in range(len(ids)) if ids[i] not in {"doc5", "doc1999"}]
    expected = brute_force([ids[i] for i in remaining], vectors[remaining], query, 50)
    assert [doc for doc, _ in index.search(query, k=50)] == [doc for doc, _ in expected]


def test_adding_an_existing_id_replaces_its_vector():
    index = VectorIndex(dim=2)
    index.add([1, 2], [[1, 0], [0, 1]])

    index.add([1], [[0, 1]])

    assert len(index) == 2
    assert index.search([0, 1], k=2) == [(1, pytest.approx(1.0)), (2, pytest.approx(1.0))]
    assert index.search([1, 0], k=1)[0][1] == pytest.approx(0.0, abs=1e-7)


def test_an_id_repeated_in_one_call_keeps_its_last_vector():
    index = VectorIndex(dim=2)
    index.add(["a", "a"], [[1, 0], [0, 1]])

    assert len(index) == 1
    assert index.search([0, 1], k=1)[0][1] == pytest.approx(1.0)


def test_removed_ids_can_be_added_again_and_the_index_grows():
    index = VectorIndex(dim=8)
    vectors = random_vectors(300, dim=8)
    for start in range(0, 300, 7):
        index.add(range(start, min(start + 7, 300)), vectors[start : start + 7])
    index.remove(range(0, 300, 2))
    index.add([0, 2], vectors[[0, 2]])

    assert len(index) == 152
    assert index.search(vectors[2], k=1)[0][0] == 2
    assert sorted(index.ids) == sorted([0, 2, *range(1, 300, 2)])


def test_identical_input_gives_identical_ranking_including_ties():
    def build():
        index = VectorIndex(dim=2)
        index.add(["b", "a", "c"], [[1, 0], [1, 0], [0, 1]])
        return index.search([1, 0], k=3)

    assert build() == build()
    assert [doc for doc, _ in build()][:2] == ["b", "a"]  # equal scores keep insertion order


def test_save_and_load_round_trip(filled, tmp_path):
    index, _, _ = filled
    index.remove(["doc3"])
    path = tmp_path / "sub" / "vectors.npz"
    query = random_vectors(1, seed=4)[0]

    index.save(path)
    loaded = VectorIndex.load(path)

    assert len(loaded) == len(index)
    assert loaded.dtype == index.dtype and loaded.dim == index.dim
    assert loaded.search(query, k=30) == index.search(query, k=30)
    loaded.add(["new"], [query])
    assert loaded.search(query, k=1)[0][0] == "new"


def test_integer_ids_survive_save_and_load_as_integers(tmp_path):
    index = VectorIndex(dim=2, dtype=np.float64)
    index.add([10, 20], [[1, 0], [0, 1]])
    index.save(tmp_path / "ints.npz")

    loaded = VectorIndex.load(tmp_path / "ints.npz")

    assert loaded.search([1, 0], k=1)[0][0] == 10
    assert isinstance(loaded.ids[0], int)
    assert loaded.dtype == np.float64


def test_mixed_ids_cannot_be_saved(tmp_path):
    index = VectorIndex(dim=2)
    index.add([1, "two"], [[1, 0], [0, 1]])

    with pytest.raises(SearchError):
        index.save(tmp_path / "mixed.npz")
    assert list(tmp_path.iterdir()) == []


def test_loading_something_else_raises_search_error(tmp_path):
    (tmp_path / "junk.npz").write_bytes(b"not an index")

    with pytest.raises(SearchError):
        VectorIndex.load(tmp_path / "junk.npz")
    with pytest.raises(SearchError):
        VectorIndex.load(tmp_path / "missing.npz")


def test_nbytes_counts_the_vector_buffer():
    index = VectorIndex(dim=512)
    index.add(range(1000), random_vectors(1000, dim=512))

    assert index.nbytes == 1000 * 512 * 4


@pytest.mark.parametrize(
    ("ids", "vectors"),
    [
        ([1, 2], [[1, 0, 0]]),  # one vector for two ids
        ([1], [[1, 0]]),  # wrong length
        ([1], [[0, 0, 0]]),  # no direction
        ([1], [[np.nan, 0, 1]]),
        ([[1]], [[1, 0, 0]]),  # unhashable id
    ],
)
def test_bad_vectors_raise_and_change_nothing(ids, vectors):
    index = VectorIndex(dim=3)
    index.add(["kept"], [[1, 0, 0]])

    with pytest.raises(SearchError):
        index.add(ids, vectors)
    assert index.ids == ["kept"]


@pytest.mark.parametrize(("options"), [{"dim": 0}, {"dim": 2.5}, {"dtype": np.int32}, {"dtype": np.float16}])
def test_bad_construction_raises(options):
    with pytest.raises(SearchError):
        VectorIndex(**options)


def test_bad_search_arguments_raise(filled):
    index, _, _ = filled
    with pytest.raises(SearchError):
        index.search(np.ones(31))
    with pytest.raises(SearchError):
        index.search(np.ones(32), k=-1)
    with pytest.raises(SearchError):
        index.search(np.ones(32), allowed="doc1")


def test_docstring_examples_run():
    result = doctest.testmod(vectors_module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0
