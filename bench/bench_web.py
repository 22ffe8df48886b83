"""Latency and throughput of the atlas pages and API under a production-like server.

Serves intercity with gunicorn (several workers, DEBUG off) on the database the settings point at (the
full open dataset must be loaded: `make run` or `intercity load-opendata`), then drives each URL with
wrk at 10 concurrent connections. A static file served by the same server in the same run is the
baseline: each URL's p95 is also given as a ratio to it. Writes bench/results/web.json.

    .venv/bin/python bench/bench_web.py [--duration 10] [--connections 10] [--workers 3]

Targets (issue 3): p95 under 150 ms for pages and under 100 ms for API lists on SQLite.
"""

import argparse
import json
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
RESULTS = REPO_ROOT / "bench" / "results" / "web.json"
BIN = Path(sys.executable).parent
PAGE_TARGET_MS, API_TARGET_MS = 150, 100

# wrk prints only some percentiles; this script prints the ones the targets need.
WRK_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format("RESULT p50=%d p95=%d p99=%d requests=%d errors=%d duration=%d\\n",
    latency:percentile(50), latency:percentile(95), latency:percentile(99), summary.requests,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.timeout, summary.duration))
end
"""


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def pick_urls():
    """The URLs to measure, chosen from the loaded data: the largest network, a busy government."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intercity.config.settings")
    import django

    django.setup()
    from django.db.models import Count
    from django.urls import reverse

    from intercity.networks.models import Network
    from intercity.places.models import Government

    if Network.objects.count() < 200:
        sys.exit("Load the open dataset first (make run, or .venv/bin/intercity load-opendata).")
    largest = Network.objects.annotate(members=Count("memberships")).order_by("-members").first()
    busy = Government.objects.annotate(links=Count("memberships")).order_by("-links", "pk").first()
    return {
        "static file (baseline)": ("baseline", "/static/intercity/site.css"),
        "home": ("page", reverse("home")),
        "network directory": ("page", reverse("networks:list")),
        f"network page ({largest.acronym}, {largest.members} members)": (
            "page",
            reverse("networks:detail", args=[largest.slug]),
        ),
        "government page": ("page", reverse("places:government", args=[busy.pk])),
        "API networks": ("api", "/api/networks/"),
        "API governments": ("api", "/api/governments/"),
        "API memberships": ("api", "/api/memberships/"),
        "API twinnings": ("api", "/api/twinnings/"),
    }


def wait_until_up(url, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"the server did not answer at {url}")


def run_wrk(url, *, duration, connections, script):
    output = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", "-s", script, url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    match = re.search(
        r"RESULT p50=(\d+) p95=(\d+) p99=(\d+) requests=(\d+) errors=(\d+) duration=(\d+)", output
    )
    p50, p95, p99, requests, errors, micros = (int(value) for value in match.groups())
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "p50_ms": p50 / 1000,
        "p95_ms": p95 / 1000,
        "p99_ms": p99 / 1000,
        "requests_per_second": requests / (micros / 1e6),
        "errors": errors + (int(non_2xx.group(1)) if non_2xx else 0),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=10)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument(
        "--modes", default="cached,uncached", help="cached (page cache on, as deployed), uncached"
    )
    options = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")
    urls = pick_urls()
    report = {}
    for mode in options.modes.split(","):
        print(f"\n== {mode}: the page cache is {'on' if mode == 'cached' else 'off'}", flush=True)
        report[mode] = measure(urls, options, page_cache=mode == "cached")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    summary = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "database": os.environ.get("DATABASE_URL", "sqlite (var/intercity.sqlite3)").split("@")[-1],
        "server": f"gunicorn, {options.workers} workers",
        "load": f"wrk, {options.connections} connections, {options.duration} s per URL",
        "results": report,
    }
    RESULTS.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten {RESULTS.relative_to(REPO_ROOT)}")


def measure(urls, options, *, page_cache):
    port = free_port()
    environment = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "benchmark-only-secret-key-not-for-production",
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOG_LEVEL": "ERROR",
        "INTERCITY_PAGE_CACHE": "1" if page_cache else "0",
    }
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "intercity.config.wsgi:application",
            "--workers",
            str(options.workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        env=environment,
        cwd=REPO_ROOT,
    )
    results = {}
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_up(base + "/static/intercity/site.css")
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
            handle.write(WRK_SCRIPT)
        for label, (kind, path) in urls.items():
            with urllib.request.urlopen(base + path, timeout=30) as response:  # warm caches, check 200
                assert response.status == 200, (label, response.status)
            figures = run_wrk(
                base + path, duration=options.duration, connections=options.connections, script=handle.name
            )
            results[label] = {"kind": kind, "path": path, **figures}
            print(
                f"{label:48} p50 {figures['p50_ms']:7.1f} ms  p95 {figures['p95_ms']:7.1f} ms  "
                f"{figures['requests_per_second']:8.1f} req/s  errors {figures['errors']}",
                flush=True,
            )
    finally:
        server.terminate()
        server.wait(timeout=20)
    baseline = results["static file (baseline)"]["p95_ms"] or 0.001
    print()
    print(f"{'url':48} {'p95 ms':>8} {'x static':>9} {'target':>7} {'ok':>4}")
    for label, figures in results.items():
        target = {"page": PAGE_TARGET_MS, "api": API_TARGET_MS}.get(figures["kind"])
        figures["p95_ratio_to_static"] = figures["p95_ms"] / baseline
        figures["target_p95_ms"] = target
        figures["meets_target"] = target is None or figures["p95_ms"] < target
        print(
            f"{label:48} {figures['p95_ms']:8.1f} {figures['p95_ratio_to_static']:9.1f} "
            f"{target or '':>7} {'yes' if figures['meets_target'] else 'NO':>4}"
        )
    return results


if __name__ == "__main__":
    main()
