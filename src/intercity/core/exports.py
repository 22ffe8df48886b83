"""Exports of a filtered list as CSV or JSON, streamed so that a list of 10,000 rows never sits in memory.

The columns are those of the list's django-tables2 table (every column, hidden ones included, except
those marked ``exclude_from_export=True``); a cell's value is the table's ``value_FOO`` or the column's
plain-text value, never the HTML shown on the page.
"""

import csv
import inspect
import io
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.encoding import force_str
from django_tables2 import Column
from django_tables2.rows import BoundRow

EXPORT_FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# Rows fetched per query while streaming: big enough to keep queries few, small enough for memory.
CHUNK_SIZE = 2000


def export_columns(table):
    """The bound columns that an export writes, in table order."""
    return [column for column in table.columns.iterall() if not column.column.exclude_from_export]


def iter_records(queryset, chunk_size=CHUNK_SIZE):
    """Every record of an ordered queryset, fetched in slices (prefetches run once per slice)."""
    if not hasattr(queryset, "query"):  # a list, or any other in-memory data
        yield from queryset
        return
    if not queryset.ordered:
        queryset = queryset.order_by("pk")
    start = 0
    while True:
        chunk = list(queryset[start : start + chunk_size])
        yield from chunk
        if len(chunk) < chunk_size:
            return
        start += chunk_size


def _cell_getter(table, bound_column):
    """A function record -> export value of one column, with the work of django-tables2 done once.

    ``BoundRow.get_cell_value`` inspects signatures for every cell, which costs seconds on a list of
    10,000 rows; the common cases (a ``value_FOO`` method, or a plain column) are resolved here once.
    """
    name, column, accessor = bound_column.name, bound_column.column, bound_column.accessor
    empty_values = column.empty_values

    def resolve(record):
        value = accessor.resolve(record, quiet=True)
        return None if value in empty_values else value

    method = getattr(table, f"value_{name}", None)
    if method is not None:
        parameters = inspect.signature(method).parameters
        wants_record, wants_value = "record" in parameters, "value" in parameters
        if set(parameters) <= {"record", "value"}:

            def from_method(record):
                kwargs = {"record": record} if wants_record else {}
                if wants_value:
                    kwargs["value"] = resolve(record)
                value = method(**kwargs)
                return None if value in empty_values else value

            return from_method
    plain = type(column).value is Column.value and type(column).render is Column.render
    if method is None and plain and getattr(table, f"render_{name}", None) is None:
        return resolve
    return lambda record: BoundRow(record, table=table).get_cell_value(name)


def iter_values(table, columns):
    """One list of plain values per record of the table's (ordered, unpaginated) data."""
    getters = [_cell_getter(table, column) for column in columns]
    for record in iter_records(table.data.data):
        yield [force_str(getter(record), strings_only=True) for getter in getters]


class _Echo:
    """A file-like object whose ``write`` returns the text, so csv.writer can feed a generator."""

    def write(self, value):
        return value


def _csv_lines(table, columns):
    writer = csv.writer(_Echo())
    # The byte-order mark makes Excel read the file as UTF-8 (accents in São Paulo, Besançon...).
    yield "\ufeff" + writer.writerow([force_str(column.header) for column in columns])
    for values in iter_values(table, columns):
        yield writer.writerow(["" if value is None else value for value in values])


def _json_lines(table, columns):
    keys = [column.name for column in columns]
    yield "[\n"
    first = True
    for values in iter_values(table, columns):
        item = json.dumps(dict(zip(keys, values, strict=True)), cls=DjangoJSONEncoder, ensure_ascii=False)
        yield ("" if first else ",\n") + item
        first = False
    yield "\n]\n"


def export_filename(name, extension, today=None):
    """``networks-2026-11-30.csv``: the list's name and the day of the export."""
    today = today or timezone.localdate()
    return f"{name}-{today:%Y-%m-%d}.{extension}"


def xlsx_workbook(sheets):
    """An XLSX file (bytes) from ``[(sheet title, header row, rows)]``; write-only, so memory stays flat."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(title=title[:31])
        sheet.append([force_str(cell) for cell in header])
        for row in rows:
            sheet.append([xlsx_cell(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_cell(value):
    """A value openpyxl can write: numbers, dates and text stay themselves; anything else becomes text."""
    if value is None or isinstance(value, int | float | str):
        return value
    if hasattr(value, "isoformat") or hasattr(value, "as_tuple"):  # dates, datetimes, decimals
        return value if not getattr(value, "tzinfo", None) else value.replace(tzinfo=None)
    return force_str(value)


def export_response(table, export_format, name):
    """A download of every row of the table's data in ``export_format`` (csv, json or xlsx).

    CSV and JSON are streamed. CSV and XLSX headers are the column headers in the active language (for
    people and spreadsheets); JSON keys are the stable column names (for programs).
    """
    columns = export_columns(table)
    if export_format == "xlsx":
        header = [column.header for column in columns]
        content = xlsx_workbook([(force_str(name), header, iter_values(table, columns))])
        response = HttpResponse(content, content_type=EXPORT_FORMATS["xlsx"])
        response["Content-Disposition"] = f'attachment; filename="{export_filename(name, "xlsx")}"'
        return response
    lines = _csv_lines(table, columns) if export_format == "csv" else _json_lines(table, columns)
    response = StreamingHttpResponse(lines, content_type=EXPORT_FORMATS[export_format])
    response["Content-Disposition"] = f'attachment; filename="{export_filename(name, export_format)}"'
    return response
