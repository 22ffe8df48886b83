"""CSV in, CSV out: the batch entry point used by the ``resolve_places`` management command."""

from __future__ import annotations

import csv
import os
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .batch import resolve_many
from .errors import CsvInputError, EncodingError, MissingColumnError
from .matching import AMBIGUOUS, MATCHED, UNMATCHED

if TYPE_CHECKING:
    from .gazetteer import Gazetteer

#: Columns appended to every input row, in this order.
OUTPUT_COLUMNS = ("geonameid", "matched_name", "score", "status", "candidates", "reason")
_DELIMITERS = ",;\t"


def _decode(raw: bytes, encoding: str | None, path: Path) -> str:
    if encoding:
        try:
            return raw.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise EncodingError(f"{path}: cannot decode as {encoding}: {exc}") from exc
    try:
        return raw.decode("utf-8-sig")  # strips a BOM if present
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise EncodingError(
            f"{path}: line {line} is not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
            "re-save the file as UTF-8 or pass encoding=..."
        ) from exc


def _sniff_delimiter(text: str) -> str:
    header = text.split("\n", 1)[0]
    try:
        return csv.Sniffer().sniff(header, delimiters=_DELIMITERS).delimiter
    except csv.Error:
        # One-column files or odd headers: fall back to the most frequent candidate, else a comma.
        counts = {d: header.count(d) for d in _DELIMITERS}
        best = max(counts, key=counts.__getitem__)
        return best if counts[best] else ","


def _column(header: list[str], name: str | None, role: str, path: Path) -> int | None:
    if name is None:
        return None
    if name in header:
        return header.index(name)
    stripped = [h.strip().strip('"') for h in header]
    if name.strip() in stripped:
        return stripped.index(name.strip())
    raise MissingColumnError(f"{path}: {role} column '{name}' not found; columns are {', '.join(header)}")


def resolve_csv(
    input_path: str | os.PathLike,
    output_path: str | os.PathLike,
    *,
    name_column: str,
    country_column: str | None,
    lat_column: str | None = None,
    lon_column: str | None = None,
    gazetteer: Gazetteer | None = None,
    progress: Callable[[int, int], None] | None = None,
    delimiter: str | None = None,
    encoding: str | None = None,
) -> dict[str, int]:
    """Resolve the place names of a CSV file and write them with the resolution appended.

    The output has every input column (same order, same delimiter) followed by ``geonameid``,
    ``matched_name``, ``score``, ``status``, ``candidates`` (``id:name:score`` joined with ``|``) and
    ``reason``.  Coordinates may use a decimal comma.

    Parameters
    ----------
    input_path, output_path : path-like
        Source CSV and the CSV to write (UTF-8).
    name_column, country_column : str
        Header names of the place name and country columns (``country_column`` may be ``None``).
    lat_column, lon_column : str, optional
        Header names of coordinate columns.
    gazetteer : Gazetteer, optional
        Default: :meth:`Gazetteer.load` with its default cache.
    progress : callable, optional
        ``progress(done, total)``.
    delimiter : str, optional
        Default: sniffed among comma, semicolon and tab.
    encoding : str, optional
        Default: UTF-8 with or without BOM.

    Returns
    -------
    dict
        Row counts per status plus ``"rows"``.

    Raises
    ------
    MissingColumnError
        A named column is not in the header (the message lists the columns).
    EncodingError
        The file is not valid UTF-8 (the message names the line).
    CsvInputError
        The file is missing, empty or malformed.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "in.csv").write_text("city;cc\\nComune di Brescia;IT\\n", encoding="utf-8")
    >>> resolve_csv(d / "in.csv", d / "out.csv", name_column="city", country_column="cc")["matched"]
    1
    """
    path = Path(input_path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CsvInputError(f"cannot read {path}: {exc}") from exc
    text = _decode(raw, encoding, path)
    if not text.strip():
        raise CsvInputError(f"{path} is empty")
    delim = delimiter or _sniff_delimiter(text)
    try:
        records = list(csv.reader(text.splitlines(keepends=True), delimiter=delim))
    except csv.Error as exc:
        raise CsvInputError(f"{path}: malformed CSV: {exc}") from exc
    header, body = records[0], [r for r in records[1:] if any(cell.strip() for cell in r)]
    i_name = _column(header, name_column, "name", path)
    i_cc = _column(header, country_column, "country", path)
    i_lat = _column(header, lat_column, "latitude", path)
    i_lon = _column(header, lon_column, "longitude", path)

    def cell(row: list[str], index: int | None) -> str | None:
        return row[index] if index is not None and index < len(row) else None

    if gazetteer is None:
        from .gazetteer import Gazetteer

        gazetteer = Gazetteer.load()
    queries = [(cell(r, i_name), cell(r, i_cc), cell(r, i_lat), cell(r, i_lon)) for r in body]
    results = resolve_many(queries, gazetteer, progress=progress)

    counts: Counter[str] = Counter({MATCHED: 0, AMBIGUOUS: 0, UNMATCHED: 0})
    out = Path(output_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter=delim)
        writer.writerow([*header, *OUTPUT_COLUMNS])
        for row, res in zip(body, results, strict=True):
            counts[res.status] += 1
            padded = row + [""] * (len(header) - len(row))
            writer.writerow(
                [
                    *padded,
                    "" if res.geonameid is None else res.geonameid,
                    res.matched_name or "",
                    f"{res.score:.1f}",
                    res.status,
                    "|".join(f"{g}:{n}:{s:.0f}" for g, n, s in res.candidates),
                    res.reason,
                ]
            )
    return {**counts, "rows": len(body)}
