"""Hybrid search of the knowledge base (networks, practices, lessons, working groups); see
:mod:`intercity.knowledge.search.service`."""

from intercity.knowledge.search.service import (
    SearchFilters,
    SearchHit,
    SearchResults,
    search,
    visible_workspaces,
)

__all__ = ["SearchFilters", "SearchHit", "SearchResults", "search", "visible_workspaces"]
