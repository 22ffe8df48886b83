"""The hand-labelled development sample: labels live in the repository, names are read from shared data.

ETMUN and URBACT are import-only data, so the labelled CSV stores only the source, the row number, the
expected GeoNames id, a kind and a note; names, countries and coordinates are joined at load time from
``../shared/data`` (or ``$INTERCITY_SHARED_DATA``).
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

from .errors import SharedDataMissingError

#: Repository root (src/intercity/analysis/resolve/sample.py -> four levels up).
REPO_ROOT = Path(__file__).resolve().parents[4]
LABELLED_SAMPLE = REPO_ROOT / "tests" / "analysis" / "resolve" / "labelled_sample.csv"
ETMUN_FILE = Path("etmun") / "MembersETMUNGeocode.csv"
URBACT_FILE = Path("urbact") / "participations.csv"


def shared_data_dir() -> Path:
    """Return ``$INTERCITY_SHARED_DATA`` or ``<repo root>/../shared/data``."""
    env = os.environ.get("INTERCITY_SHARED_DATA")
    return Path(env) if env else REPO_ROOT.parent / "shared" / "data"


def _read_rows(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        raise SharedDataMissingError(
            f"shared data file {path} is missing: the labelled sample needs ../shared/data "
            "(set INTERCITY_SHARED_DATA to its location)"
        )
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter=";"))


def _coord(text: str | None) -> float | None:
    try:
        return float(str(text).replace(",", "."))
    except (TypeError, ValueError):
        return None


def load_source_rows(shared_data: str | os.PathLike | None = None) -> dict[str, list[dict]]:
    """Return ``{"etmun": [...], "urbact": [...]}``: dicts with name, country, lat, lon per data row.

    Raises
    ------
    SharedDataMissingError
        If a source file is missing.
    """
    base = Path(shared_data) if shared_data is not None else shared_data_dir()
    etmun = [
        {
            "name": r["Full_Name"],
            "country": r["CountryCode"],
            "lat": _coord(r.get("lat")),
            "lon": _coord(r.get("lon")),
        }
        for r in _read_rows(base / ETMUN_FILE)
    ]
    urbact = [
        {"name": r["NameCity"], "country": r["Country"], "lat": None, "lon": None}
        for r in _read_rows(base / URBACT_FILE)
    ]
    return {"etmun": etmun, "urbact": urbact}


def load_labelled_sample(
    shared_data_dir_: str | os.PathLike | None = None, labels: str | os.PathLike | None = None
) -> list[dict]:
    """Load the labelled sample joined with names from the shared data.

    Parameters
    ----------
    shared_data_dir_ : path-like, optional
        The ``shared/data`` folder; default :func:`shared_data_dir`.
    labels : path-like, optional
        The labels CSV; default ``tests/analysis/resolve/labelled_sample.csv``.

    Returns
    -------
    list of dict
        Keys ``source``, ``row``, ``expected`` (int or None), ``kind``, ``note``, ``name``, ``country``,
        ``lat``, ``lon``.

    Raises
    ------
    SharedDataMissingError
        When the shared data is missing (tests must fail, not skip).
    """
    sources = load_source_rows(shared_data_dir_)
    out = []
    with Path(labels or LABELLED_SAMPLE).open(encoding="utf-8", newline="") as fh:
        for label in csv.DictReader(fh):
            row = int(label["row"])
            data = sources[label["source"]][row]
            expected = label["expected_geonameid"].strip()
            out.append(
                {
                    "source": label["source"],
                    "row": row,
                    "expected": int(expected) if expected else None,
                    "kind": label["kind"],
                    "note": label["note"],
                    **data,
                }
            )
    return out


def score_sample(sample: list[dict], predicted: list[int | None]) -> dict[str, float]:
    """Precision, recall and F1 of predicted geonameids (``None`` = not matched) against the sample.

    Precision: share of matched rows whose id is right.  Recall: share of rows whose place is in the
    gazetteer that are matched to the right id.

    Examples
    --------
    >>> s = [{"expected": 1}, {"expected": None}, {"expected": 3}]
    >>> score_sample(s, [1, None, None])["precision"], score_sample(s, [1, None, None])["recall"]
    (1.0, 0.5)
    """
    matched = [(row["expected"], got) for row, got in zip(sample, predicted, strict=True) if got is not None]
    correct = sum(1 for exp, got in matched if exp == got)
    findable = sum(1 for row in sample if row["expected"] is not None)
    precision = correct / len(matched) if matched else 0.0
    recall = correct / findable if findable else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "matched": len(matched),
        "correct": correct,
        "findable": findable,
        "rows": len(sample),
    }
