"""Benchmark of the place-name resolver against a naive exact-match baseline.

Run from the repository root::

    .venv/bin/python bench/bench_resolve.py [--no-cold]

(a) Quality on the hand-labelled sample (tests/analysis/resolve/labelled_sample.csv, names read from
    ../shared/data): precision, recall and F1 of the resolver and of the baseline, name + country only.
(b) Speed on all ETMUN membership names: gazetteer build (cold cache) and load (warm cache), resolution wall
    time, names/second, status counts, resolver/baseline time ratio, and the wall time of a whole fresh
    process (interpreter start + load from cache + 17k names).

Prints a table and writes bench/results/resolve.json.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT / "src"))

from intercity.analysis.resolve import MATCHED, Gazetteer, parse_country, resolve_many  # noqa: E402
from intercity.analysis.resolve.gazetteer import COUNTRY, NAME, POPULATION, default_cache_dir  # noqa: E402
from intercity.analysis.resolve.sample import (  # noqa: E402
    load_labelled_sample,
    load_source_rows,
    score_sample,
    shared_data_dir,
)

RESULTS = REPO_ROOT / "bench" / "results" / "resolve.json"


class Baseline:
    """Lowercased exact main name + country; the most populous place wins.  What a quick script would do."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.table: dict[tuple[str, str], tuple[int, int]] = {}
        for place in gaz.places.values():
            key = (place[COUNTRY], place[NAME].lower())
            if key not in self.table or self.table[key][1] < place[POPULATION]:
                self.table[key] = (place[0], place[POPULATION])

    def resolve(self, name: str, country: str | None) -> int | None:
        cc = (country or "").strip().upper()
        cc = {"UK": "GB", "EL": "GR"}.get(cc, cc)
        hit = self.table.get((cc, (name or "").strip().lower()))
        return hit[0] if hit else None


def _child(cache_dir: str) -> None:
    """Whole-process measurement: runs in a fresh interpreter, prints JSON."""
    start = time.perf_counter()
    gaz = Gazetteer.load(cache_dir)
    rows = [(r["name"], r["country"]) for r in load_source_rows()["etmun"]]
    results = resolve_many(rows, gaz)
    print(json.dumps({"rows": len(results), "seconds_in_process": time.perf_counter() - start}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-cold", action="store_true", help="skip the cold cache build (about 10 s)")
    parser.add_argument(
        "--cache-dir", default=None, help="gazetteer cache (default: $INTERCITY_CACHE_DIR or var/cache)"
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    cache_dir = str(args.cache_dir or default_cache_dir())
    if args.child:
        _child(cache_dir)
        return

    out: dict = {"shared_data": str(shared_data_dir())}
    if not args.no_cold:
        with tempfile.TemporaryDirectory() as tmp:
            t = time.perf_counter()
            Gazetteer.load(tmp)
            out["cold_build_seconds"] = round(time.perf_counter() - t, 2)
    Gazetteer.load(cache_dir)  # make sure the warm cache exists
    t = time.perf_counter()
    gaz = Gazetteer.load(cache_dir)
    out["warm_load_seconds"] = round(time.perf_counter() - t, 2)
    out["gazetteer_places"] = len(gaz)
    t = time.perf_counter()
    baseline = Baseline(gaz)
    out["baseline_build_seconds"] = round(time.perf_counter() - t, 2)

    # (a) quality on the labelled sample, name + country only
    sample = load_labelled_sample()
    resolver_pred = []
    for row in sample:
        res = gaz.resolve(row["name"], row["country"])
        resolver_pred.append(res.geonameid if res.status == MATCHED else None)
    baseline_pred = [baseline.resolve(row["name"], row["country"]) for row in sample]
    out["sample"] = {
        "rows": len(sample),
        "kinds": dict(Counter(row["kind"] for row in sample)),
        "resolver": score_sample(sample, resolver_pred),
        "baseline": score_sample(sample, baseline_pred),
    }

    # (b) speed on all ETMUN names (a fresh Gazetteer so no memo is shared with part a)
    gaz = Gazetteer.load(cache_dir)
    rows = [(r["name"], r["country"]) for r in load_source_rows()["etmun"]]
    t = time.perf_counter()
    results = resolve_many(rows, gaz)
    resolver_seconds = time.perf_counter() - t
    t = time.perf_counter()
    base = [baseline.resolve(name, country) for name, country in rows]
    baseline_seconds = time.perf_counter() - t
    t = time.perf_counter()
    child = subprocess.run(
        [sys.executable, __file__, "--child", "--cache-dir", cache_dir],
        capture_output=True,
        text=True,
        check=True,
    )
    process_seconds = time.perf_counter() - t
    out["etmun_full"] = {
        "rows": len(rows),
        "distinct_inputs": len(set(rows)),
        "resolver_seconds": round(resolver_seconds, 3),
        "names_per_second": round(len(rows) / resolver_seconds),
        "status_counts": dict(Counter(r.status for r in results)),
        "baseline_seconds": round(baseline_seconds, 4),
        "baseline_matched": sum(1 for b in base if b is not None),
        "ratio_resolver_to_baseline": round(resolver_seconds / max(baseline_seconds, 1e-9), 1),
        "whole_process_seconds": round(process_seconds, 2),
        "whole_process_detail": json.loads(child.stdout),
        "countries_unparsed": sum(1 for _, c in rows if parse_country(c) is None),
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    _print(out)


def _print(out: dict) -> None:
    s, e = out["sample"], out["etmun_full"]
    line = "-" * 64
    print(line)
    print(f"Labelled sample: {s['rows']} rows {s['kinds']}  (name + country only)")
    print(f"{'':12}{'precision':>12}{'recall':>10}{'F1':>8}{'matched':>10}{'correct':>10}")
    for who in ("resolver", "baseline"):
        m = s[who]
        print(
            f"{who:12}{m['precision']:>12.3f}{m['recall']:>10.3f}{m['f1']:>8.3f}{m['matched']:>10}{m['correct']:>10}"
        )
    print(line)
    print(f"All ETMUN names: {e['rows']} rows ({e['distinct_inputs']} distinct)")
    if "cold_build_seconds" in out:
        print(f"  gazetteer cold build     {out['cold_build_seconds']:>8.2f} s")
    print(
        f"  gazetteer warm load      {out['warm_load_seconds']:>8.2f} s  ({out['gazetteer_places']} places)"
    )
    print(f"  resolver                 {e['resolver_seconds']:>8.2f} s  {e['names_per_second']} names/s")
    print(
        f"  baseline                 {e['baseline_seconds']:>8.4f} s  (resolver/baseline x{e['ratio_resolver_to_baseline']})"
    )
    print(f"  whole fresh process      {e['whole_process_seconds']:>8.2f} s  (load from cache + resolve)")
    print(f"  status counts            {e['status_counts']}  baseline matched {e['baseline_matched']}")
    print(line)
    print(f"written {RESULTS.relative_to(REPO_ROOT)}")


if __name__ == "__main__":
    main()
