"""One import pipeline for every tabular file: CSV or XLSX in, a report with row and column out.

Importers (``engagement.importers`` for membership lists and ETMUN) subclass :class:`Importer`; the
command line, the web interface and the API call the same importer functions and show the same
:class:`ImportReport`.
"""

from intercity.core.importing.columns import Column, header_key, map_headers
from intercity.core.importing.errors import ImportFileError
from intercity.core.importing.pipeline import Importer
from intercity.core.importing.reading import SourceRow, Table, read_table
from intercity.core.importing.report import ImportReport, Issue, RowOutcome, RowReport
from intercity.core.importing.values import parse_decimal, parse_partial_date, synonym_table, word_key

__all__ = [
    "Column",
    "ImportFileError",
    "ImportReport",
    "Importer",
    "Issue",
    "RowOutcome",
    "RowReport",
    "SourceRow",
    "Table",
    "header_key",
    "map_headers",
    "parse_decimal",
    "parse_partial_date",
    "read_table",
    "synonym_table",
    "word_key",
]
