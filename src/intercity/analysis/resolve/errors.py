"""Exceptions raised by the place-name resolver (all derive from :class:`ResolveError`)."""


class ResolveError(Exception):
    """Base class of every error raised by :mod:`intercity.analysis.resolve`."""


class GazetteerError(ResolveError):
    """The gazetteer could not be loaded or built."""


class CsvInputError(ResolveError):
    """A CSV file given to :func:`~intercity.analysis.resolve.csvfile.resolve_csv` cannot be used."""


class MissingColumnError(CsvInputError):
    """A column named by the caller is not in the CSV header."""


class EncodingError(CsvInputError):
    """The CSV file is not valid UTF-8; the message names the first bad line."""


class SharedDataMissingError(ResolveError):
    """The shared real-data folder (``../shared/data``) needed by tests and benchmarks is missing."""
