"""``load_opendata``: load the bundled open dataset, step by step, each step in its own transaction.

Steps run in this order (each needs the ones before it): attribution records, countries, places (the
gazetteer), themes, networks, Covenant of Mayors memberships, Wikidata twinnings. Every step is idempotent:
a second run finds every record again and writes nothing, so the command can run at any time.

Examples
--------
>>> from intercity.opendata.loader import load_opendata
>>> report = load_opendata()  # doctest: +SKIP
>>> report.step("covenant").created  # doctest: +SKIP
11960
"""

import time

from django.apps import apps
from django.conf import settings
from django.db import connection, transaction

from intercity.opendata import sources
from intercity.opendata.countries import load_countries
from intercity.opendata.covenant import load_covenant
from intercity.opendata.gazetteer import load_places
from intercity.opendata.networks import load_networks, load_themes
from intercity.opendata.report import LoadReport, StepReport
from intercity.opendata.twinnings import load_twinnings

STEPS = ("sources", "countries", "places", "themes", "networks", "covenant", "twinnings")
# Steps that resolve names and so need the gazetteer index.
RESOLVING_STEPS = {"networks", "covenant", "twinnings"}
# Steps that report their own progress; the others are quick and draw a bar that fills at once.
STEPS_WITH_PROGRESS = {"places", "covenant", "twinnings"}
LABELS = {
    "sources": "Attribution records",
    "countries": "Countries",
    "places": "Places (GeoNames)",
    "themes": "Themes",
    "networks": "Networks",
    "covenant": "Covenant of Mayors",
    "twinnings": "Wikidata twinnings",
}
COUNTED_MODELS = {
    "data sources": "core.DataSource",
    "countries": "places.Country",
    "places": "places.Place",
    "themes": "networks.Theme",
    "networks": "networks.Network",
    "governments": "places.Government",
    "identifiers": "places.GovernmentIdentifier",
    "memberships": "engagement.Membership",
    "twinnings": "relations.Twinning",
}


def load_gazetteer():
    """The resolver's gazetteer index, cached under ``settings.INTERCITY_CACHE_DIR``."""
    from intercity.analysis.resolve import Gazetteer

    return Gazetteer.load(cache_dir=settings.INTERCITY_CACHE_DIR)


def load_opendata(*, steps=None, progress=None, gazetteer=None, place_countries=None):
    """Load the bundled open dataset; returns a :class:`~intercity.opendata.report.LoadReport`.

    Parameters
    ----------
    steps : iterable of str, optional
        A subset of :data:`STEPS` (run in the canonical order); all by default.
    progress : callable, optional
        ``progress(description, done, total)``, as yielded by :func:`intercity.core.progress.progress_bar`.
    gazetteer : Gazetteer, optional
        A loaded resolver index; loaded from the cache when a step needs it.
    place_countries : iterable of str, optional
        Load only the places of these countries (tests and quick trials).
    """
    wanted = set(STEPS if steps is None else steps)
    unknown = wanted - set(STEPS)
    if unknown:
        raise ValueError(f"Unknown steps {sorted(unknown)}; choose from {', '.join(STEPS)}.")
    advance = progress or (lambda description, done, total: None)
    report = LoadReport()
    started = time.perf_counter()
    if gazetteer is None and wanted & RESOLVING_STEPS:
        step = StepReport("resolver index")
        clock = time.perf_counter()
        gazetteer = load_gazetteer()
        step.seconds = time.perf_counter() - clock
        step.details["places indexed"] = len(gazetteer)
        report.steps.append(step)

    for name in STEPS:
        if name not in wanted:
            continue
        step = StepReport(name)
        clock = time.perf_counter()

        def step_progress(done, total, label=LABELS[name]):
            advance(label, done, total)

        with transaction.atomic():
            _run_step(name, step, step_progress, gazetteer, place_countries)
        step.seconds = time.perf_counter() - clock
        report.steps.append(step)
    refresh_planner_statistics()
    report.seconds = time.perf_counter() - started
    report.counts = {key: apps.get_model(label).objects.count() for key, label in COUNTED_MODELS.items()}
    return report


def refresh_planner_statistics():
    """Run ANALYZE on PostgreSQL after a bulk load.

    Until autovacuum gets to them, freshly filled tables have no statistics, and the planner picks nested
    loops that make a page with 10,000 members take minutes instead of milliseconds. Inside a
    transaction (tests) ANALYZE counts the transaction's own new rows, so it helps there too.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _run_step(name, step, progress, gazetteer, place_countries):
    progress(0, 1)
    if name == "sources":
        sources.load_sources(step)
    elif name == "countries":
        load_countries(step)
    elif name == "places":
        load_places(step, country_codes=place_countries, progress=progress)
    elif name == "themes":
        load_themes(step)
    elif name == "networks":
        load_networks(step, source=sources.get_source(sources.NETWORK_FACTS), gazetteer=gazetteer)
    elif name == "covenant":
        load_covenant(
            step,
            source=sources.get_source(sources.COVENANT_OF_MAYORS),
            gazetteer=gazetteer,
            networks=_networks_by_acronym(),
            progress=progress,
        )
    elif name == "twinnings":
        load_twinnings(
            step,
            source=sources.get_source(sources.WIKIDATA_TWINNINGS),
            gazetteer=gazetteer,
            progress=progress,
        )
    if name not in STEPS_WITH_PROGRESS:
        progress(1, 1)


def _networks_by_acronym():
    Network = apps.get_model("networks", "Network")
    source = sources.get_source(sources.NETWORK_FACTS)
    return {network.source_key: network for network in Network.objects.filter(source=source)}
