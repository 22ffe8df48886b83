"""Exceptions raised by the search layer (all derive from :class:`SearchError`)."""


class SearchError(Exception):
    """Base class of every error raised by :mod:`intercity.analysis.search`."""
