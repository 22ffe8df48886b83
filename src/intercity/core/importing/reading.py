"""Reading a CSV, XLSX or JSON file into rows that remember the line a spreadsheet user sees.

Encoding policy: a CSV file is read as UTF-8 (with or without a byte-order mark; UTF-16 when it starts with
a UTF-16 byte-order mark, as Excel's "Unicode text" does). Any other encoding must be named with
``encoding=`` (``--encoding cp1252`` on the command line): guessing would turn "Málaga" into "MÃ¡laga"
without anyone noticing. A byte that does not decode is reported with the line it is on.

The delimiter is the one of ``,``, ``;``, tab and ``|`` that the header line contains most often, unless
``delimiter=`` is given. Line numbers are 1-based and count the header, so the first data row is line 2,
as in a spreadsheet; a quoted value spanning several lines keeps the number of the line where its row starts.

A JSON file (``.json``, UTF-8) holds a list of objects, one per record, either at the top level
(``[{"title": ...}, ...]``) or as the one list of objects of a top-level object
(``{"practices": [...]}``; with several such lists, ``sheet=`` names the key to read). The headers are
the objects' keys in the order they first appear; a record's "line" is its 1-based position in the list
(``Table.line_label`` is ``"record"``, so that reports say "record 3", not "line 3"). Values become the
text a spreadsheet cell would hold: ``null`` is empty, numbers and ``true``/``false`` are written out,
and a list (``["a", "b"]``) is kept as its JSON text, which the importers read as a list (they also read
``"a; b"``).
"""

import codecs
import csv
import datetime
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from intercity.core.importing.errors import ImportFileError

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm"}
JSON_SUFFIXES = {".json"}
DELIMITERS = [",", ";", "\t", "|"]


@dataclass
class SourceRow:
    """One data row of a file: its line number and its cells keyed by the header as written."""

    line: int
    cells: dict


@dataclass
class Table:
    """The header and data rows of a file."""

    headers: list
    rows: list = field(default_factory=list)
    delimiter: str = ""
    encoding: str = ""
    #: What a row's number counts: "line" (CSV, XLSX) or "record" (the position of an object in JSON).
    line_label: str = "line"


def read_table(path, *, encoding=None, delimiter=None, sheet=None):
    """Read a CSV, XLSX or JSON file; raise :class:`ImportFileError` naming the line of any problem.

    Examples
    --------
    >>> table = read_table("members.csv")  # doctest: +SKIP
    >>> table.rows[0].line, table.rows[0].cells["name"]  # doctest: +SKIP
    (2, 'Bologna')
    """
    path = Path(path)
    try:
        if path.suffix.lower() in SPREADSHEET_SUFFIXES:
            return _read_spreadsheet(path, sheet=sheet)
        data = path.read_bytes()
        if path.suffix.lower() in JSON_SUFFIXES:
            return _read_json_bytes(data, key=sheet)
    except FileNotFoundError:
        raise ImportFileError(_("The file %(path)s does not exist.") % {"path": path}) from None
    except (OSError, PermissionError) as error:
        raise ImportFileError(
            _("The file %(path)s cannot be read: %(error)s") % {"path": path, "error": error}
        ) from None
    return _read_csv_bytes(data, encoding=encoding, delimiter=delimiter)


def _decode(data, encoding):
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise ImportFileError(_("Unknown encoding “%(encoding)s”.") % {"encoding": encoding}) from None
        name = encoding
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        name = "utf-16"
    else:
        name = "utf-8-sig"
    try:
        text = data.decode(name)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        hint = (
            _("Save the file as UTF-8, or name its encoding (for example --encoding cp1252).")
            if not encoding
            else _("Check the encoding you named.")
        )
        message = _("Line %(line)s: byte 0x%(byte)02x cannot be read as %(encoding)s. %(hint)s") % {
            "line": line,
            "byte": data[error.start],
            "encoding": encoding or "UTF-8",
            "hint": hint,
        }
        raise ImportFileError(message, line=line) from None
    return text.lstrip("\ufeff"), name


def _detect_delimiter(text):
    header = text.split("\n", 1)[0]
    counts = {candidate: header.count(candidate) for candidate in DELIMITERS}
    best = max(DELIMITERS, key=lambda candidate: counts[candidate])
    return best if counts[best] else ","


def _read_csv_bytes(data, *, encoding=None, delimiter=None):
    text, used_encoding = _decode(data, encoding)
    delimiter = delimiter or _detect_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        headers = next(reader, None)
        if not headers or not any(cell.strip() for cell in headers):
            raise ImportFileError(_("The file is empty: line 1 should hold the column names."), line=1)
        headers = [cell.strip() for cell in headers]
        table = Table(headers=headers, delimiter=delimiter, encoding=used_encoding)
        line = reader.line_num + 1
        for cells in reader:
            if any(cell.strip() for cell in cells):
                if len(cells) > len(headers) and any(cell.strip() for cell in cells[len(headers) :]):
                    raise ImportFileError(
                        _("Line %(line)s has %(found)s values but the header has %(expected)s columns.")
                        % {"line": line, "found": len(cells), "expected": len(headers)},
                        line=line,
                    )
                table.rows.append(SourceRow(line=line, cells=_cells(headers, cells)))
            line = reader.line_num + 1
    except csv.Error as error:
        raise ImportFileError(
            _("Line %(line)s cannot be read as CSV: %(error)s") % {"line": reader.line_num, "error": error},
            line=reader.line_num,
        ) from None
    _check_headers(headers)
    return table


def _cells(headers, values):
    values = list(values) + [""] * (len(headers) - len(values))
    return {header: value.strip() for header, value in zip(headers, values, strict=False) if header}


def _check_headers(headers):
    seen = set()
    for header in headers:
        key = header.lower()
        if key and key in seen:
            raise ImportFileError(
                _("Line 1: the column “%(column)s” appears twice.") % {"column": header},
                line=1,
                field=header,
            )
        seen.add(key)


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time(0) else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_spreadsheet(path, *, sheet=None):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise
    except Exception as error:  # openpyxl raises zipfile, XML and KeyError alike for a bad file
        raise ImportFileError(
            _("The file %(path)s is not a readable XLSX workbook: %(error)s") % {"path": path, "error": error}
        ) from None
    try:
        if sheet:
            if sheet not in workbook.sheetnames:
                raise ImportFileError(
                    _("The workbook has no sheet “%(sheet)s”; it has %(sheets)s.")
                    % {"sheet": sheet, "sheets": ", ".join(workbook.sheetnames)}
                )
            worksheet = workbook[sheet]
        else:
            worksheet = workbook.worksheets[0]
        headers, table = None, None
        for row in worksheet.iter_rows():
            cells = [_cell_text(cell.value) for cell in row]
            if not any(cells):
                continue
            line = next((cell.row for cell in row if getattr(cell, "row", None)), None)
            if headers is None:
                headers = cells
                while headers and not headers[-1]:
                    headers.pop()
                table = Table(headers=headers, encoding="xlsx")
                continue
            table.rows.append(SourceRow(line=line, cells=_cells(headers, cells)))
    finally:
        workbook.close()
    if headers is None:
        raise ImportFileError(_("The file is empty: line 1 should hold the column names."), line=1)
    _check_headers(headers)
    return table


def _json_cell(value):
    """The text a spreadsheet cell would hold for a JSON value (a list keeps its JSON form)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value).strip()


def _json_records(document, key):
    """The list of objects a JSON document holds (see the module docstring)."""
    if isinstance(document, list):
        if key:
            raise ImportFileError(
                _("The JSON file holds a list, not an object with the key “%(key)s”.") % {"key": key}
            )
        return document
    if not isinstance(document, dict):
        raise ImportFileError(
            _("The JSON file must hold a list of records (objects), or an object holding one.")
        )
    if key:
        if not isinstance(document.get(key), list):
            raise ImportFileError(
                _("The JSON file has no list “%(key)s”; it has %(keys)s.")
                % {"key": key, "keys": ", ".join(sorted(document)) or "-"}
            )
        return document[key]
    lists = [name for name, value in document.items() if isinstance(value, list)]
    if len(lists) != 1:
        raise ImportFileError(
            _(
                "The JSON object must hold exactly one list of records; it holds %(count)s (%(keys)s). "
                "Name the one to read."
            )
            % {"count": len(lists), "keys": ", ".join(lists) or "-"}
        )
    return document[lists[0]]


def _read_json_bytes(data, *, key=None):
    encoding = "utf-16" if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else "utf-8-sig"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportFileError(
            _("The JSON file is not UTF-8: byte 0x%(byte)02x on line %(line)s cannot be read.")
            % {"byte": data[error.start], "line": line}
        ) from None
    try:
        document = json.loads(text.lstrip("\ufeff"))
    except json.JSONDecodeError as error:
        raise ImportFileError(
            _("The file is not valid JSON: %(error)s at line %(line)s, column %(column)s of the text.")
            % {"error": error.msg, "line": error.lineno, "column": error.colno}
        ) from None
    records = _json_records(document, key)
    if not records:
        raise ImportFileError(_("The JSON file holds no records."))
    headers, seen = [], set()
    for position, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            raise ImportFileError(
                _("Record %(record)s is not an object (with keys such as “title”).") % {"record": position}
            )
        for key_name in record:
            if key_name not in seen:
                seen.add(key_name)
                headers.append(str(key_name).strip())
    _check_headers(headers)
    table = Table(headers=headers, encoding=encoding, line_label="record")
    for position, record in enumerate(records, start=1):
        cells = {header: "" for header in headers}
        cells.update({str(header).strip(): _json_cell(value) for header, value in record.items()})
        if any(cells.values()):
            table.rows.append(SourceRow(line=position, cells=cells))
    return table
