"""Fixtures shared by the whole suite."""

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent


def shared_data_dir():
    """The real data sets beside the project; tests that need them fail loudly when they are missing."""
    path = Path(os.environ.get("INTERCITY_SHARED_DATA", REPO_ROOT.parent / "shared" / "data"))
    if not (path / "README.md").exists():
        pytest.fail(f"The shared data sets are missing at {path} (set INTERCITY_SHARED_DATA).", pytrace=False)
    return path


@pytest.fixture(scope="session")
def shared_data():
    return shared_data_dir()


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    """Pages are rendered afresh in tests (query counts, data made per test); tests/core/test_caching.py
    switches the cache back on to test it."""
    settings.INTERCITY_PAGE_CACHE = False


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: ids are reused from one test to the next."""
    from django.core.cache import cache

    cache.clear()
