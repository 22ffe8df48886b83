"""Search quality of intercity's own search on the labelled development set: nDCG@10 and recall@20 of
lexical only, semantic only and hybrid.

Runs the product's search (:func:`intercity.knowledge.search.search`, the function behind the search
page, ``/api/search/`` and ``intercity search``) with ``mode="lexical"``, ``"semantic"`` and
``"hybrid"``, on a throw-away SQLite database in a temporary folder: migrated from scratch, the bundled
networks loaded (``load_opendata`` steps sources, countries, themes and networks) and indexed, as a user
would have them. Queries and graded judgements are ``bench/data/search-eval/`` (64 queries in en, es, pt
and fr over the bundled networks, written and judged by hand; see its README). A document is named
``network:<slug>``.

Writes ``bench/results/search_quality.json``.

    .venv/bin/python bench/bench_search_quality.py
"""

import csv
import json
import os
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT / "src"))
EVAL_DIR = REPO_ROOT / "bench" / "data" / "search-eval"
RESULTS = REPO_ROOT / "bench" / "results" / "search_quality.json"
NDCG_K, RECALL_K = 10, 20
MODES = ("lexical", "semantic", "hybrid")
#: Reported for comparison: the hybrid mode with reciprocal rank fusion instead of the product's fusion.
COMPARED = "hybrid_rrf"


def load_eval_set(folder=EVAL_DIR):
    with open(folder / "queries.csv", encoding="utf-8", newline="") as handle:
        queries = {row["qid"]: row for row in csv.DictReader(handle)}
    qrels = defaultdict(dict)
    with open(folder / "qrels.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            qrels[row["qid"]][row["doc"]] = int(row["grade"])
    return queries, dict(qrels)


def summarise(per_query, queries):
    """Mean of each measure overall and per query language."""
    from intercity.analysis.search.metrics import mean

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


def setup_database(folder):
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intercity.config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from intercity.opendata.loader import load_opendata

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    load_opendata(steps=("sources", "countries", "themes", "networks"))
    return time.perf_counter() - started


def main():
    folder = Path(tempfile.mkdtemp(prefix="intercity-search-quality-"))
    try:
        load_seconds = setup_database(folder)
        from intercity.analysis.search.metrics import evaluate_run
        from intercity.knowledge.choices import DocumentKind
        from intercity.knowledge.models import SearchDocument
        from intercity.knowledge.search import search
        from intercity.networks.models import Network

        documents = SearchDocument.objects.filter(kind=DocumentKind.NETWORK).count()
        slugs = dict(Network.objects.values_list("pk", "slug"))
        queries, qrels = load_eval_set()
        known = {f"network:{slug}" for slug in slugs.values()}
        unknown = sorted({doc for grades in qrels.values() for doc in grades} - known)
        if unknown:
            raise SystemExit(f"qrels name documents that are not bundled networks: {unknown}")
        search("warm-up: load the model")
        from intercity.knowledge.search import service

        runs = {mode: {} for mode in (*MODES, COMPARED)}
        seconds = {mode: [] for mode in (*MODES, COMPARED)}
        for qid, query in queries.items():
            for mode in (*MODES, COMPARED):
                service.FUSION = "rrf" if mode == COMPARED else "scores"
                started = time.perf_counter()
                results = search(query["query"], mode="hybrid" if mode == COMPARED else mode, limit=50)
                seconds[mode].append(time.perf_counter() - started)
                runs[mode][qid] = [
                    f"network:{slugs[hit.document.object_id]}"
                    for hit in results.hits
                    if hit.document.kind == DocumentKind.NETWORK
                ]
        per_query = {
            mode: evaluate_run(runs[mode], qrels, ndcg_k=NDCG_K, recall_k=RECALL_K)
            for mode in (*MODES, COMPARED)
        }
        summary = {mode: summarise(per_query[mode], queries) for mode in (*MODES, COMPARED)}
        groups = list(summary["hybrid"])
        print(f"{documents} networks indexed (load and index {load_seconds:.1f} s), {len(queries)} queries")
        for measure in (f"ndcg@{NDCG_K}", f"recall@{RECALL_K}"):
            print(f"\n{measure:<10}" + "".join(f"{group:>8}" for group in groups))
            for mode in (*MODES, COMPARED):
                print(f"{mode:<10}" + "".join(f"{summary[mode][group][measure]:>8.3f}" for group in groups))
        latency = {
            mode: round(1000 * sorted(values)[int(0.95 * (len(values) - 1))], 1)
            for mode, values in seconds.items()
        }
        print(f"\nquery p95 in process (ms): {latency}")
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
                    "corpus": {
                        "documents": documents,
                        "kind": "bundled networks, through the product's search",
                    },
                    "queries": len(queries),
                    "summary": summary,
                    "hybrid_beats_both": hybrid_wins,
                    "p95_ms": latency,
                    "per_query": per_query,
                },
                indent=2,
                ensure_ascii=False,
            )
            + "\n",
            encoding="utf-8",
        )
        print(f"wrote {RESULTS.relative_to(REPO_ROOT)}")
        return 0 if hybrid_wins else 1
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
