"""Columns an importer understands, and matching a file's header onto them.

Headers are compared case-insensitively, ignoring diacritics, spaces, dashes and underscores, so
"Country code", "country_code" and "COUNTRY-CODE" are one column. Each column lists its aliases.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _
from unidecode import unidecode

from intercity.core.importing.errors import ImportFileError


def header_key(text):
    """The comparison form of a column name: ``"Country code"`` -> ``"countrycode"``."""
    return re.sub(r"[^a-z0-9]", "", unidecode(str(text or "")).lower())


@dataclass(frozen=True)
class Column:
    """A column of an import format: its canonical name, the other headers accepted, and whether needed."""

    name: str
    required: bool = False
    aliases: tuple = ()
    help: str = ""

    def header_keys(self):
        return {header_key(self.name), *(header_key(alias) for alias in self.aliases)}


def map_headers(headers, columns):
    """Return ``{canonical name: header as written}`` for the columns found in ``headers``.

    Raises :class:`ImportFileError` (line 1, the column named) when a required column is missing or two
    headers name the same column.
    """
    found = {}
    by_key = {header_key(header): header for header in headers if header}
    for column in columns:
        matches = [by_key[key] for key in column.header_keys() if key in by_key]
        if len(set(matches)) > 1:
            raise ImportFileError(
                _("Line 1: the columns %(headers)s all mean “%(column)s”; keep one.")
                % {
                    "headers": ", ".join(f"“{header}”" for header in sorted(set(matches))),
                    "column": column.name,
                },
                line=1,
                field=column.name,
            )
        if matches:
            found[column.name] = matches[0]
        elif column.required:
            accepted = ", ".join(sorted({column.name, *column.aliases}))
            raise ImportFileError(
                _("Line 1: the required column “%(column)s” is missing (accepted headers: %(accepted)s).")
                % {"column": column.name, "accepted": accepted},
                line=1,
                field=column.name,
            )
    return found


def unknown_headers(headers, columns):
    """Headers of the file that no column reads (reported as a warning, never an error)."""
    known = set().union(*(column.header_keys() for column in columns))
    return [header for header in headers if header and header_key(header) not in known]
