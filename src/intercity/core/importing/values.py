"""Parsing the values of a cell: partial dates, decimals with a comma, words from a synonym table.

Each parser raises :class:`ValueError` with a translated message that the pipeline attaches to the row and
column; callers never see a half-parsed value.
"""

import datetime
import re

from django.utils.translation import gettext as _
from unidecode import unidecode

from intercity.core.choices import DatePrecision

_DATE_FORMATS = [
    (re.compile(r"^(\d{4})$"), ("year",), DatePrecision.YEAR),
    (re.compile(r"^(\d{4})-(\d{1,2})$"), ("year", "month"), DatePrecision.MONTH),
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), ("year", "month", "day"), DatePrecision.DAY),
    (re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$"), ("day", "month", "year"), DatePrecision.DAY),
    (re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$"), ("day", "month", "year"), DatePrecision.DAY),
    (re.compile(r"^(\d{1,2})/(\d{4})$"), ("month", "year"), DatePrecision.MONTH),
]
EARLIEST_YEAR = 1800


def parse_partial_date(text):
    """Parse ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, ``DD/MM/YYYY`` or ``DD.MM.YYYY``.

    Returns ``(date, precision)``; an empty cell gives ``(None, DatePrecision.DAY)``. A year alone becomes
    the 1st of January with year precision, so that it is displayed as a year again.

    Examples
    --------
    >>> parse_partial_date("2012")
    (datetime.date(2012, 1, 1), 'year')
    >>> parse_partial_date("23/07/2012")
    (datetime.date(2012, 7, 23), 'day')
    """
    text = (text or "").strip()
    if not text:
        return None, DatePrecision.DAY
    # A spreadsheet date cell arrives as "2012-07-23T00:00:00" when it carries a time.
    text = text.split("T", 1)[0]
    for pattern, parts, precision in _DATE_FORMATS:
        match = pattern.match(text)
        if not match:
            continue
        values = dict(zip(parts, (int(group) for group in match.groups()), strict=True))
        try:
            value = datetime.date(values["year"], values.get("month", 1), values.get("day", 1))
        except ValueError:
            break
        if not EARLIEST_YEAR <= value.year <= datetime.date.today().year + 1:
            raise ValueError(_("“%(value)s” is not a plausible year.") % {"value": text})
        return value, DatePrecision(precision)
    raise ValueError(
        _("“%(value)s” is not a date: write YYYY, YYYY-MM, YYYY-MM-DD or DD/MM/YYYY.") % {"value": text}
    )


def parse_decimal(text, *, minimum=None, maximum=None):
    """Parse a number written with a decimal point or a decimal comma (``"3,412055"``); empty gives None.

    Examples
    --------
    >>> parse_decimal("43,39864")
    43.39864
    """
    text = (text or "").strip().replace("\u2212", "-")
    if not text:
        return None
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        raise ValueError(_("“%(value)s” is not a number.") % {"value": text}) from None
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        raise ValueError(
            _("%(value)s is outside the range %(minimum)s to %(maximum)s.")
            % {"value": text, "minimum": minimum, "maximum": maximum}
        )
    return value


def word_key(text):
    """Comparison form of a word from a synonym table: lower case ASCII, single spaces."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", unidecode(str(text or "")).lower()).split())


def synonym_table(groups):
    """Invert ``{value: [spellings]}`` into ``{word_key(spelling): value}``, the value itself included."""
    return {
        word_key(spelling): value for value, spellings in groups.items() for spelling in [value, *spellings]
    }
