"""Fixtures for the open-data loader: the resolver index, and a small atlas loaded from the real files."""

import pytest

from intercity.opendata import sources
from intercity.opendata.countries import load_countries
from intercity.opendata.gazetteer import load_places
from intercity.opendata.loader import load_gazetteer
from intercity.opendata.networks import load_networks, load_themes
from intercity.opendata.report import StepReport

# Enough places for the rows the tests pick from the real files, and fast to load.
SUBSET_COUNTRIES = ["NL", "LU", "MD", "BE"]


@pytest.fixture(scope="session")
def gazetteer():
    return load_gazetteer()


@pytest.fixture
def report():
    return StepReport("test")


@pytest.fixture
def attributions(db):
    sources.load_sources(StepReport("sources"))
    return {source: sources.get_source(source) for source in (s["slug"] for s in sources.SOURCES)}


@pytest.fixture
def countries(attributions):
    load_countries(StepReport("countries"))


@pytest.fixture
def catalogue(attributions, subset_places, gazetteer):
    """Sources, countries, the places of a few countries, themes and the 230 networks of the facts table."""
    load_themes(StepReport("themes"))
    return load_networks(
        StepReport("networks"), source=attributions[sources.NETWORK_FACTS], gazetteer=gazetteer
    )


@pytest.fixture
def subset_places(countries):
    load_places(StepReport("places"), country_codes=SUBSET_COUNTRIES)
