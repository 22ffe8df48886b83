"""The Examples sections of the graph analytics' docstrings are run as tests."""

import doctest
import importlib

import pytest


@pytest.mark.parametrize("name", ["bipartite", "overlap", "peers", "centrality"])
def test_docstring_examples_run(name):
    module = importlib.import_module(f"intercity.analysis.graph.{name}")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0
