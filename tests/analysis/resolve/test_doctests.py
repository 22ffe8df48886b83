"""The Examples sections of the resolver's docstrings are run as tests."""

import doctest
import importlib

import pytest

MODULES = [
    "admin_words",
    "batch",
    "countries",
    "csvfile",
    "gazetteer",
    "matching",
    "normalise",
    "sample",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name, gaz, monkeypatch):
    module = importlib.import_module(f"intercity.analysis.resolve.{name}")
    # Examples call Gazetteer.load() with the default cache; reuse the session's already-built one.
    monkeypatch.setattr(
        "intercity.analysis.resolve.gazetteer.Gazetteer.load", classmethod(lambda cls, *a, **k: gaz)
    )
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
