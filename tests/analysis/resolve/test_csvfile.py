"""resolve_csv: the CSV batch entry point."""

import csv

import pytest

from intercity.analysis.resolve import EncodingError, MissingColumnError, ResolveError
from intercity.analysis.resolve.csvfile import OUTPUT_COLUMNS, resolve_csv


def read(path, delimiter):
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh, delimiter=delimiter))


def test_semicolon_file_with_bom_and_decimal_comma_coordinates(gaz, tmp_path):
    src = tmp_path / "in.csv"
    src.write_text(
        "\ufeffname;cc;lat;lon\nComune di Brescia;IT;45,54;10,22\nObrigheim;DE;49,35;9,09\n"
        "Province of Barcelona;ES;;\nObrigheim;DE;;\n",
        encoding="utf-8",
    )
    calls = []
    counts = resolve_csv(
        src,
        tmp_path / "out.csv",
        name_column="name",
        country_column="cc",
        lat_column="lat",
        lon_column="lon",
        gazetteer=gaz,
        progress=lambda d, t: calls.append((d, t)),
    )
    assert counts == {"matched": 2, "ambiguous": 1, "unmatched": 1, "rows": 4}
    rows = read(tmp_path / "out.csv", ";")
    assert rows[0] == ["name", "cc", "lat", "lon", *OUTPUT_COLUMNS]
    assert rows[1][:4] == ["Comune di Brescia", "IT", "45,54", "10,22"]
    assert rows[1][4:8] == ["3181554", "Brescia", "99.0", "matched"]
    assert rows[2][4] == "2858417"
    assert rows[3][7] == "unmatched" and rows[3][9].startswith("not a place")
    assert rows[4][7] == "ambiguous" and "2858416" in rows[4][8]
    assert calls[-1] == (4, 4)


def test_comma_and_tab_delimiters_are_sniffed(gaz, tmp_path):
    for delim in (",", "\t"):
        src = tmp_path / "in.csv"
        src.write_text(f"city{delim}country\nLyon{delim}France\n", encoding="utf-8")
        counts = resolve_csv(
            src, tmp_path / "out.csv", name_column="city", country_column="country", gazetteer=gaz
        )
        assert counts["matched"] == 1
        assert read(tmp_path / "out.csv", delim)[1][2] == "2996944"


def test_missing_column_error_names_the_column(gaz, tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("city,cc\nLyon,FR\n", encoding="utf-8")
    with pytest.raises(MissingColumnError, match="country column 'country' not found"):
        resolve_csv(src, tmp_path / "out.csv", name_column="city", country_column="country", gazetteer=gaz)


def test_undecodable_bytes_raise_a_clear_error_naming_the_line(gaz, tmp_path):
    src = tmp_path / "in.csv"
    src.write_bytes(b"city,cc\nLyon,FR\n" + b"Montb\xe9liard,FR\n")
    with pytest.raises(EncodingError, match="line 3"):
        resolve_csv(src, tmp_path / "out.csv", name_column="city", country_column="cc", gazetteer=gaz)


def test_explicit_encoding_is_honoured(gaz, tmp_path):
    src = tmp_path / "in.csv"
    src.write_bytes("city,cc\nMontbéliard,FR\n".encode("latin-1"))
    counts = resolve_csv(
        src, tmp_path / "out.csv", name_column="city", country_column="cc", gazetteer=gaz, encoding="latin-1"
    )
    assert counts["matched"] == 1


def test_errors_share_the_resolve_error_base(gaz, tmp_path):
    with pytest.raises(ResolveError):
        resolve_csv(
            tmp_path / "missing.csv",
            tmp_path / "out.csv",
            name_column="a",
            country_column=None,
            gazetteer=gaz,
        )
