"""Benchmark of the co-membership analytics (``intercity.analysis.graph`` and ``engagement.analytics``) on
the full open dataset, with a networkx baseline measured in the same run so that the figures are ratios.

Run from the repository root, against the dev database (``var/intercity.sqlite3``) or ``DATABASE_URL``::

    .venv/bin/python bench/bench_analytics.py
    .venv/bin/python bench/bench_analytics.py --database-url postgres://user@localhost/intercity

Measured (median of ``--repeat`` runs):
- reading the counted memberships and government attributes from the database, building the graph;
- the full network overlap matrix (shared members and Jaccard of every pair);
- the peers of every government (top ``--limit``, with the population/country/region tie-break), on one
  thread and on every CPU;
- degree, PageRank and projection betweenness;
- the whole snapshot the pages use, and warm page calls (``peer_governments``, ``overlapping_networks``).

Baseline (networkx, needs ``pip install networkx``): the same bipartite graph as a ``networkx.Graph``;
network overlap with ``bipartite.overlap_weighted_projected_graph`` (Jaccard) plus shared counts; peers
the way one writes them with networkx (count neighbours of neighbours, rank with the same key in Python),
timed on ``--sample`` governments and extrapolated to all of them, since the full run takes minutes.

Target: full overlap matrix + peers of every government under 5 s. Prints a table and writes
bench/results/analytics.json.
"""

from __future__ import annotations

import argparse
import heapq
import json
import math
import os
import platform
import statistics
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
RESULTS = REPO_ROOT / "bench" / "results" / "analytics.json"
TARGET_SECONDS = 5.0
sys.path.insert(0, str(REPO_ROOT / "src"))


def _setup_django(database_url):
    # settings read DATABASE_URL once, at import: set it before Django starts.
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intercity.config.settings")
    import django

    django.setup()


def timed(function, repeat):
    """``(median seconds, best seconds, last result)`` of ``repeat`` calls."""
    seconds, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds), min(seconds), result


def networkx_overlap(nx_graph, network_nodes):
    from networkx.algorithms import bipartite

    jaccard = bipartite.overlap_weighted_projected_graph(nx_graph, network_nodes, jaccard=True)
    shared = bipartite.weighted_projected_graph(nx_graph, network_nodes)
    return jaccard, shared


def networkx_peers(nx_graph, government_node, attributes, limit):
    """Peers of one government with networkx and plain Python, ranked like ``government_peers``."""
    population, country, region = attributes["population"], attributes["country"], attributes["region"]
    own_id = government_node[1]
    counts = {}
    for network_node in nx_graph[government_node]:
        for other in nx_graph[network_node]:
            if other != government_node:
                counts[other] = counts.get(other, 0) + 1

    def similarity(other_id):
        own_population, other_population = population.get(own_id), population.get(other_id)
        size = 0.0
        if own_population and other_population and own_population > 0 and other_population > 0:
            size = 1 / (1 + abs(math.log10(own_population) - math.log10(other_population)))
        place = 0.0
        for values in (country, region):
            if values.get(own_id) is not None and values.get(own_id) == values.get(other_id):
                place += 0.5
        return (size + place) / 2

    return heapq.nsmallest(limit, ((-count, -similarity(node[1]), node[1]) for node, count in counts.items()))


def synthetic_graph(n_governments, n_networks, *, seed):
    """An atlas shaped like the real one but overlapping: one network with ~70% of the governments, the rest
    with sizes from a heavy-tailed law, so a government belongs to 1 to a dozen networks."""
    import numpy as np

    from intercity.analysis.graph import build_bipartite

    rng = np.random.default_rng(seed)
    pairs = [
        (government, 0) for government in rng.choice(n_governments, int(0.7 * n_governments), replace=False)
    ]
    for network in range(1, n_networks):
        size = int(min(n_governments, 5 + rng.pareto(1.2) * 40))
        pairs += [(government, network) for government in rng.choice(n_governments, size, replace=False)]
    return build_bipartite(pairs)


def synthetic_attributes(graph, *, seed):
    import numpy as np

    rng = np.random.default_rng(seed)
    n = graph.n_governments
    return {
        "population": np.round(10 ** rng.uniform(2.5, 6.5, n)).tolist(),
        "country": rng.integers(0, 45, n).tolist(),
        "region": rng.integers(0, 12, n).tolist(),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="default: DATABASE_URL, else var/intercity.sqlite3")
    parser.add_argument("--limit", type=int, default=10, help="peers per government")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sample", type=int, default=200, help="governments for the networkx peer baseline")
    parser.add_argument("--seed", type=int, default=7, help="for the synthetic atlas and the baseline sample")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    _setup_django(args.database_url)

    import numpy as np
    from django.db import connection

    from intercity.analysis.graph import PeerFinder, build_bipartite, centralities, overlap_matrix
    from intercity.engagement import analytics
    from intercity.networks.models import Network

    def read_graph():
        pairs = list(analytics.counted_memberships().order_by().values_list("government_id", "network_id"))
        network_ids = list(Network.objects.order_by().values_list("pk", flat=True))
        return build_bipartite(pairs, network_ids=network_ids), analytics._government_attributes()

    rows = []
    read_median, read_best, (graph, attributes) = timed(read_graph, args.repeat)
    rows.append(("read memberships + attributes, build graph", read_median, read_best))
    if graph.n_memberships == 0:
        sys.exit("No memberships in this database: load the open dataset first (intercity load-opendata).")
    overlap_median, overlap_best, overlap = timed(lambda: overlap_matrix(graph), args.repeat)
    rows.append(("full overlap matrix", overlap_median, overlap_best))
    finder = PeerFinder(graph, attributes)
    finder.incidence_t  # noqa: B018 - built once, as the snapshot would
    peers_median, peers_best, _ = timed(lambda: finder.all(args.limit), args.repeat)
    rows.append((f"peers of every government (top {args.limit}, 1 thread)", peers_median, peers_best))
    peers_threads_median, peers_threads_best, table = timed(
        lambda: finder.all(args.limit, n_jobs=-1), args.repeat
    )
    rows.append(
        (f"peers of every government ({os.cpu_count()} threads)", peers_threads_median, peers_threads_best)
    )
    centrality_median, centrality_best, _ = timed(lambda: centralities(graph), args.repeat)
    rows.append(("degree, PageRank, projection betweenness", centrality_median, centrality_best))
    snapshot_median, snapshot_best, _ = timed(analytics.build_snapshot, args.repeat)
    rows.append(("whole snapshot (queries + overlap + centralities)", snapshot_median, snapshot_best))

    analytics.invalidate()
    analytics.comembership_snapshot()
    busiest = int(graph.government_ids[int(np.argmax(np.diff(graph.matrix.indptr)))])
    from intercity.places.models import Government

    government = Government.objects.get(pk=busiest)
    network = Network.objects.get(pk=int(graph.network_ids[int(np.argmax(overlap.members))]))
    warm_peers_median, warm_peers_best, _ = timed(lambda: analytics.peer_governments(government), 20)
    rows.append(("warm peer_governments (one page)", warm_peers_median, warm_peers_best))
    warm_overlap_median, warm_overlap_best, _ = timed(lambda: analytics.overlapping_networks(network), 20)
    rows.append(("warm overlapping_networks (one page)", warm_overlap_median, warm_overlap_best))

    # The open dataset has no government in two networks yet, so its overlap is empty: measure the library
    # again on a seeded synthetic atlas of the same size where memberships do overlap.
    synthetic = synthetic_graph(graph.n_governments, graph.n_networks, seed=args.seed)
    synthetic_overlap_median, synthetic_overlap_best, synthetic_overlap = timed(
        lambda: overlap_matrix(synthetic), args.repeat
    )
    rows.append(("synthetic: full overlap matrix", synthetic_overlap_median, synthetic_overlap_best))
    synthetic_finder = PeerFinder(synthetic, synthetic_attributes(synthetic, seed=args.seed))
    synthetic_peers_median, synthetic_peers_best, _ = timed(
        lambda: synthetic_finder.all(args.limit), args.repeat
    )
    rows.append(
        ("synthetic: peers of every government (1 thread)", synthetic_peers_median, synthetic_peers_best)
    )
    synthetic_centrality_median, synthetic_centrality_best, _ = timed(
        lambda: centralities(synthetic), args.repeat
    )
    rows.append(("synthetic: centralities", synthetic_centrality_median, synthetic_centrality_best))

    baseline = {}
    try:
        import networkx
    except ImportError:
        networkx = None
        print("networkx is not installed: no baseline (pip install networkx==3.5)")
    if networkx is not None:

        def build_networkx():
            nx_graph = networkx.Graph()
            nx_graph.add_nodes_from((("g", int(g)) for g in graph.government_ids), bipartite=0)
            nx_graph.add_nodes_from((("n", int(n)) for n in graph.network_ids), bipartite=1)
            coordinates = graph.matrix.tocoo()
            nx_graph.add_edges_from(
                (("g", int(graph.government_ids[r])), ("n", int(graph.network_ids[c])))
                for r, c in zip(coordinates.row, coordinates.col, strict=True)
            )
            return nx_graph

        nx_build_seconds, _, nx_graph = timed(build_networkx, 1)
        network_nodes = [("n", int(n)) for n in graph.network_ids]
        nx_overlap_seconds, _, _ = timed(lambda: networkx_overlap(nx_graph, network_nodes), args.repeat)
        sample_rows = np.random.default_rng(seed=args.seed).choice(
            np.flatnonzero(np.diff(graph.matrix.indptr)),
            size=min(args.sample, graph.n_governments),
            replace=False,
        )
        sample = [("g", int(graph.government_ids[row])) for row in sample_rows]
        started = time.perf_counter()
        for node in sample:
            networkx_peers(nx_graph, node, attributes, args.limit)
        nx_sample_seconds = time.perf_counter() - started
        nx_peers_seconds = nx_sample_seconds / len(sample) * graph.n_governments
        # Same answers: compare the networkx ranking with ours on the sample.
        agree = sum(
            [peer["government_id"] for peer in table.peers_of(node[1])]
            == [key[2] for key in networkx_peers(nx_graph, node, attributes, args.limit)]
            for node in sample
        )
        baseline = {
            "networkx_version": networkx.__version__,
            "build_graph_seconds": round(nx_build_seconds, 3),
            "overlap_seconds": round(nx_overlap_seconds, 3),
            "peers_sample_governments": len(sample),
            "peers_sample_seconds": round(nx_sample_seconds, 3),
            "peers_all_seconds_extrapolated": round(nx_peers_seconds, 1),
            "peers_same_ranking_on_sample": f"{agree}/{len(sample)}",
            "ratio_overlap": round(nx_overlap_seconds / max(overlap_median, 1e-9), 1),
            "ratio_peers": round(nx_peers_seconds / peers_median, 1),
            "ratio_overlap_plus_peers": round(
                (nx_overlap_seconds + nx_peers_seconds) / (overlap_median + peers_median), 1
            ),
        }

    degrees = np.diff(graph.matrix.indptr)
    target_seconds = overlap_median + min(peers_median, peers_threads_median)
    result = {
        "database": connection.vendor,
        "python": platform.python_version(),
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform()},
        "dataset": {
            "governments": graph.n_governments,
            "networks": graph.n_networks,
            "networks_with_members": int(np.count_nonzero(overlap.members)),
            "memberships_counted": graph.n_memberships,
            "governments_in_two_or_more_networks": int(np.count_nonzero(degrees >= 2)),
            "largest_network_members": int(overlap.members.max()),
            "overlapping_network_pairs": int(overlap.shared.nnz // 2),
        },
        "limit": args.limit,
        "repeat": args.repeat,
        "seconds": {
            name: {"median": round(median, 4), "best": round(best, 4)} for name, median, best in rows
        },
        "synthetic_dataset": {
            "governments": synthetic.n_governments,
            "networks": synthetic.n_networks,
            "memberships": synthetic.n_memberships,
            "governments_in_two_or_more_networks": int(
                np.count_nonzero(np.diff(synthetic.matrix.indptr) >= 2)
            ),
            "overlapping_network_pairs": int(synthetic_overlap.shared.nnz // 2),
        },
        "overlap_plus_peers_seconds": round(target_seconds, 3),
        "synthetic_overlap_plus_peers_seconds": round(synthetic_overlap_median + synthetic_peers_median, 3),
        "within_target_5s": target_seconds < TARGET_SECONDS,
        "networkx_baseline": baseline,
    }

    print(f"database: {connection.vendor}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
    print(", ".join(f"{key.replace('_', ' ')} {value:,}" for key, value in result["dataset"].items()))
    print(
        "synthetic:",
        ", ".join(f"{key.replace('_', ' ')} {value:,}" for key, value in result["synthetic_dataset"].items()),
    )
    print(f"{'step':<56}{'median s':>10}{'best s':>10}")
    for name, median, best in rows:
        print(f"{name:<56}{median:>10.4f}{best:>10.4f}")
    print(
        f"overlap + peers: {target_seconds:.2f} s (target < {TARGET_SECONDS:.0f} s: {'met' if result['within_target_5s'] else 'MISSED'})"
    )
    print(f"synthetic overlap + peers: {result['synthetic_overlap_plus_peers_seconds']:.2f} s")
    if baseline:
        print()
        print(f"networkx {baseline['networkx_version']} baseline, same run:")
        print(f"  build graph {baseline['build_graph_seconds']} s; overlap {baseline['overlap_seconds']} s")
        print(
            f"  peers: {baseline['peers_sample_seconds']} s for {baseline['peers_sample_governments']} governments, "
            f"{baseline['peers_all_seconds_extrapolated']} s for all (extrapolated); "
            f"same ranking on {baseline['peers_same_ranking_on_sample']}"
        )
        print(
            f"  ratios networkx / ours: overlap {baseline['ratio_overlap']}x, peers {baseline['ratio_peers']}x, "
            f"overlap + peers {baseline['ratio_overlap_plus_peers']}x"
        )
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(
        f"written to {args.output.relative_to(REPO_ROOT) if args.output.is_relative_to(REPO_ROOT) else args.output}"
    )


if __name__ == "__main__":
    main()
