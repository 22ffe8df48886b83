"""Exceptions raised by :mod:`intercity.analysis.graph` (all derive from :class:`GraphError`)."""


class GraphError(Exception):
    """Base class of every error raised by :mod:`intercity.analysis.graph`."""


class UnknownNodeError(GraphError, KeyError):
    """A government or network id that is not in the graph."""

    def __str__(self):
        # KeyError would quote the message; show it as written.
        return str(self.args[0]) if self.args else ""


class InvalidAttributesError(GraphError, ValueError):
    """Government attributes given to the peer search that cannot be used (unknown key, wrong length)."""
