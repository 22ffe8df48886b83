"""Fixtures for the resolver tests: plain pytest, no Django.

The gazetteer is loaded once per session from the normal cache
(``$INTERCITY_CACHE_DIR`` or ``<repo>/var/cache``); the first run builds it (about 10 s).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from intercity.analysis.resolve import Gazetteer

REPO_ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="session")
def gaz() -> Gazetteer:
    cache = os.environ.get("INTERCITY_CACHE_DIR") or REPO_ROOT / "var" / "cache"
    return Gazetteer.load(cache)
