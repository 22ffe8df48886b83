"""Parsing the cells of a knowledge file: lists, goal numbers, years, titles compared loosely."""

import datetime
import json
import re

from django.utils.translation import gettext as _

from intercity.knowledge.choices import SustainableDevelopmentGoal
from intercity.knowledge.importers.columns import LIST_SEPARATOR

#: A goal written "11", "SDG 11", "ODS 11" (es, pt), "ODD 11" (fr) or "Goal 11".
GOAL = re.compile(r"^(?:sdg|ods|odd|goal|objetivo|objectif)?\s*#?\s*(\d{1,3})$", re.IGNORECASE)
YEAR = re.compile(r"^(\d{4})(?:[-/.]\d{1,2}(?:[-/.]\d{1,2})?)?$")
DAY_MONTH_YEAR = re.compile(r"^\d{1,2}[/.]\d{1,2}[/.](\d{4})$")
EARLIEST_YEAR = 1800
#: How far ahead a year may lie (a practice may be planned to end years from now).
FUTURE_YEARS = 10


def parse_list(text, *, separators=LIST_SEPARATOR):
    """The items of a list cell: a JSON array (``["a", "b"]``) or words separated by ``;``.

    Empty items are dropped; an empty cell gives ``[]``.

    Examples
    --------
    >>> parse_list("mobility; climate ;")
    ['mobility', 'climate']
    >>> parse_list('["a; b", "c"]')
    ['a; b', 'c']
    """
    text = (text or "").strip()
    if not text:
        return []
    if text.startswith("["):
        try:
            items = json.loads(text)
        except json.JSONDecodeError:
            raise ValueError(
                _("“%(value)s” is not a list: write a JSON array or values separated by “;”.")
                % {"value": text}
            ) from None
        if not isinstance(items, list) or any(isinstance(item, (list, dict)) for item in items):
            raise ValueError(_("“%(value)s” is not a list of single values.") % {"value": text})
        return [str(item).strip() for item in items if item is not None and str(item).strip()]
    return [item.strip() for item in re.split(f"[{re.escape(separators)}]", text) if item.strip()]


def parse_sdgs(text):
    """Sustainable Development Goal numbers, sorted: ``"11; 3"``, ``"SDG 3, ODS 11"`` or ``[3, 11]``.

    Examples
    --------
    >>> parse_sdgs("ODS 11; 3")
    [3, 11]
    """
    goals, wrong = [], []
    for item in parse_list(text, separators=";,"):
        match = GOAL.match(item)
        number = int(match.group(1)) if match else None
        if number is None or number not in SustainableDevelopmentGoal.values:
            wrong.append(item)
        elif number not in goals:
            goals.append(number)
    if wrong:
        raise ValueError(
            _("%(values)s: the Sustainable Development Goals are numbered 1 to 17.")
            % {"values": ", ".join(f"“{item}”" for item in wrong)}
        )
    return sorted(goals)


def parse_year(text):
    """A year (``2015``), or the year of a date (``2015-03-01``, ``01/03/2015``); empty gives None."""
    text = (text or "").strip().split("T", 1)[0]
    if not text:
        return None
    match = YEAR.match(text) or DAY_MONTH_YEAR.match(text)
    if not match:
        raise ValueError(
            _("“%(value)s” is not a year: write it with four digits, like 2015.") % {"value": text}
        )
    year = int(match.group(1))
    if not EARLIEST_YEAR <= year <= datetime.date.today().year + FUTURE_YEARS:
        raise ValueError(_("“%(value)s” is not a plausible year.") % {"value": text})
    return year


def title_key(text):
    """Titles are found again ignoring case and runs of spaces (``"Youth  centres"`` = ``"youth centres"``)."""
    return " ".join(str(text or "").split()).casefold()
