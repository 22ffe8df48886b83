"""The generic import pipeline: reading CSV/XLSX, headers, values (no database needed)."""

import datetime

import pytest
from openpyxl import Workbook

from intercity.core.choices import DatePrecision
from intercity.core.importing import (
    Column,
    ImportFileError,
    map_headers,
    parse_decimal,
    parse_partial_date,
    read_table,
)


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_read_table_detects_the_delimiter_from_the_header(tmp_path, delimiter):
    path = tmp_path / "members.csv"
    path.write_text(delimiter.join(["name", "country"]) + "\n" + delimiter.join(["Bologna", "IT"]) + "\n")
    table = read_table(path)
    assert table.delimiter == delimiter
    assert table.rows[0].cells == {"name": "Bologna", "country": "IT"}


def test_read_table_numbers_lines_as_a_spreadsheet_and_skips_blank_lines(tmp_path):
    path = tmp_path / "members.csv"
    path.write_text('name,note\nBologna,"two\nlines"\n\nLyon,x\n', encoding="utf-8")
    table = read_table(path)
    assert [(row.line, row.cells["name"]) for row in table.rows] == [(2, "Bologna"), (5, "Lyon")]


def test_read_table_accepts_a_utf8_byte_order_mark(tmp_path):
    path = tmp_path / "members.csv"
    path.write_bytes("\ufeffname,country\nMálaga,ES\n".encode())
    assert read_table(path).rows[0].cells == {"name": "Málaga", "country": "ES"}


def test_read_table_names_the_line_of_the_first_undecodable_byte(tmp_path):
    path = tmp_path / "members.csv"
    path.write_bytes(b"name,country\nBologna,IT\n" + b"M\xe1laga,ES\n")
    with pytest.raises(ImportFileError) as error:
        read_table(path)
    assert error.value.line == 3
    assert "Line 3" in error.value.message and "--encoding" in error.value.message


def test_read_table_decodes_cp1252_only_when_it_is_named(tmp_path):
    path = tmp_path / "members.csv"
    path.write_bytes("name,country\nMálaga,ES\n".encode("cp1252"))
    assert read_table(path, encoding="cp1252").rows[0].cells["name"] == "Málaga"


def test_read_table_reports_bytes_invalid_in_the_named_encoding(tmp_path):
    path = tmp_path / "members.csv"
    path.write_bytes(b"name,country\nA,ES\nB\x81,ES\n")  # 0x81 is undefined in cp1252
    with pytest.raises(ImportFileError) as error:
        read_table(path, encoding="cp1252")
    assert error.value.line == 3


def test_read_table_reads_an_xlsx_sheet_with_dates_and_numbers(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Name", "Joined", "Latitude"])
    sheet.append(["Bologna", datetime.datetime(2012, 7, 23), 44.49])
    sheet.append([None, None, None])
    sheet.append(["Lyon", 2015, None])
    path = tmp_path / "members.xlsx"
    workbook.save(path)
    table = read_table(path)
    assert table.headers == ["Name", "Joined", "Latitude"]
    assert [(row.line, row.cells["Joined"]) for row in table.rows] == [(2, "2012-07-23"), (4, "2015")]
    assert table.rows[0].cells["Latitude"] == "44.49"


def test_read_table_refuses_a_file_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "members.xlsx"
    path.write_text("name\nBologna\n")
    with pytest.raises(ImportFileError, match="not a readable XLSX"):
        read_table(path)


COLUMNS = [Column("name", required=True, aliases=("city",)), Column("country", aliases=("country_code",))]


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (["Name", "Country"], {"name": "Name", "country": "Country"}),
        (["CITY", "Country code"], {"name": "CITY", "country": "Country code"}),
        (["city", "other"], {"name": "city"}),
    ],
)
def test_map_headers_accepts_aliases_whatever_their_case(headers, expected):
    assert map_headers(headers, COLUMNS) == expected


def test_map_headers_names_a_missing_required_column_on_line_one():
    with pytest.raises(ImportFileError) as error:
        map_headers(["country"], COLUMNS)
    assert (error.value.line, error.value.field) == (1, "name")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2012", (datetime.date(2012, 1, 1), DatePrecision.YEAR)),
        ("2012-07", (datetime.date(2012, 7, 1), DatePrecision.MONTH)),
        ("2012-07-23", (datetime.date(2012, 7, 23), DatePrecision.DAY)),
        ("23/07/2012", (datetime.date(2012, 7, 23), DatePrecision.DAY)),
        ("23.07.2012", (datetime.date(2012, 7, 23), DatePrecision.DAY)),
        ("", (None, DatePrecision.DAY)),
    ],
)
def test_parse_partial_date_keeps_the_precision_given(text, expected):
    assert parse_partial_date(text) == expected


@pytest.mark.parametrize("text", ["2012-13-01", "31/02/2012", "soon", "12", "0999"])
def test_parse_partial_date_refuses_what_is_not_a_date(text):
    with pytest.raises(ValueError):
        parse_partial_date(text)


@pytest.mark.parametrize(("text", "expected"), [("43,39864", 43.39864), ("-7.5", -7.5), ("", None)])
def test_parse_decimal_accepts_a_decimal_comma(text, expected):
    assert parse_decimal(text) == expected


def test_parse_decimal_checks_the_range():
    with pytest.raises(ValueError, match="outside"):
        parse_decimal("95", minimum=-90, maximum=90)
