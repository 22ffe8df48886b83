"""Exporting practices and lessons learned as CSV, XLSX or JSON, in the columns the importers read.

An export re-imports unchanged: into the same workspace nothing changes, into another one the same
records are created (:mod:`intercity.knowledge.importers`). Values are codes, not translated labels
(``public``, ``es``); themes and networks are named by their identifiers (slugs); a government by its
name, its country and its id in the atlas. In CSV and XLSX a list is written ``a; b`` (or as a JSON array
when a value holds a ``;``); in JSON it is an array, and the file is ``{"practices": [...]}`` or
``{"lessons": [...]}``. Only the workspace's own records are read (or, with ``public=True``, the public
practices that belong to no workspace).
"""

import csv
import datetime
import io
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import F

from intercity.core.exports import EXPORT_FORMATS, export_filename, xlsx_workbook
from intercity.knowledge.importers.columns import LESSON_COLUMNS, LIST_SEPARATOR, PRACTICE_COLUMNS
from intercity.knowledge.importers.lookups import ActivityIndex
from intercity.knowledge.models import Lesson, Practice

KINDS = ("practices", "lessons")
FORMATS = ("csv", "xlsx", "json")
PRACTICE_HEADER = [column.name for column in PRACTICE_COLUMNS]
LESSON_HEADER = [column.name for column in LESSON_COLUMNS]


def _amount(value):
    """``Decimal("1200.00")`` -> ``"1200"``, ``Decimal("1200.50")`` -> ``"1200.50"``, None -> None."""
    if value is None:
        return None
    return str(value.quantize(1)) if value == value.to_integral_value() else str(value)


def practices_of(workspace=None, *, public=False):
    """The practices an export reads: the workspace's, or (``public=True``) those of no workspace."""
    practices = (
        Practice.objects.filter(workspace__isnull=True)
        if public
        else Practice.objects.for_workspace(workspace)
    )
    return (
        practices.select_related("government").prefetch_related("themes", "networks").order_by("title", "pk")
    )


def lessons_of(workspace):
    return (
        Lesson.objects.for_workspace(workspace)
        .select_related("activity", "author")
        # Undated lessons last, on SQLite and PostgreSQL alike (they disagree on where NULL goes).
        .order_by(F("learned_on").asc(nulls_last=True), "title", "pk")
    )


def practice_records(practices):
    """Each practice as ``{column: value}`` (lists as lists, years and goals as numbers)."""
    return [
        {
            "title": practice.title,
            "government": practice.government.name,
            "government_id": practice.government_id,
            "country": practice.government.country_id or "",
            "themes": sorted(theme.slug for theme in practice.themes.all()),
            "sdgs": list(practice.sdgs),
            "problem": practice.problem,
            "solution": practice.solution,
            "results": practice.results,
            "key_figures": practice.key_figures,
            "cost": _amount(practice.cost),
            "currency": practice.currency,
            "cost_note": practice.cost_note,
            "started": practice.started_year,
            "ended": practice.ended_year,
            "timeframe_note": practice.timeframe_note,
            "partners": practice.partners,
            "networks": sorted(network.slug for network in practice.networks.all()),
            "language": practice.language,
            "source_url": practice.source_url,
            "licence": practice.licence,
            "visibility": practice.visibility,
        }
        for practice in practices
    ]


def lesson_records(lessons, workspace):
    """Each lesson as ``{column: value}``; an activity is named by its title (with its date when the
    workspace has several of that title)."""
    activities = ActivityIndex.load(workspace)
    return [
        {
            "title": lesson.title,
            "learned": lesson.learned,
            "activity": activities.label(lesson.activity) if lesson.activity_id else "",
            "event": lesson.event,
            "project": lesson.project,
            "learned_on": lesson.learned_on.isoformat() if lesson.learned_on else None,
            "author": lesson.author.name if lesson.author_id else "",
            "tags": list(lesson.tags),
            "language": lesson.language,
            "visibility": lesson.visibility,
        }
        for lesson in lessons
    ]


def knowledge_records(kind, *, workspace=None, public=False):
    """The records of ``kind`` ("practices" or "lessons") as a list of ``{column: value}``."""
    if kind == "practices":
        return practice_records(practices_of(workspace, public=public))
    if kind == "lessons" and not public:
        return lesson_records(lessons_of(workspace), workspace)
    raise ValueError(kind)


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, list):
        items = [str(item) for item in value]
        # A value holding the separator would split in two on the way back: write the list as JSON.
        if any(LIST_SEPARATOR in item for item in items) or (items and items[0].startswith("[")):
            return json.dumps(items, ensure_ascii=False)
        return f"{LIST_SEPARATOR} ".join(items)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def knowledge_table(kind, *, workspace=None, public=False):
    """``(header, rows)`` of the records of ``kind``, every cell as text."""
    header = PRACTICE_HEADER if kind == "practices" else LESSON_HEADER
    records = knowledge_records(kind, workspace=workspace, public=public)
    return header, [[_cell(record[column]) for column in header] for record in records]


def export_knowledge(kind, export_format, *, workspace=None, public=False):
    """``(content, content type, file name)`` of an export of ``kind`` in ``export_format``.

    Raises ``ValueError`` for a kind or a format that does not exist (a view answers 404).

    Examples
    --------
    >>> content, content_type, name = export_knowledge("practices", "csv", workspace=workspace)  # doctest: +SKIP
    >>> content.decode("utf-8-sig").splitlines()[0][:24]  # doctest: +SKIP
    'title,government,governm'
    """
    if kind not in KINDS or export_format not in FORMATS or (public and kind != "practices"):
        raise ValueError(f"{kind}.{export_format}")
    if export_format == "json":
        records = knowledge_records(kind, workspace=workspace, public=public)
        content = json.dumps({kind: records}, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode(
            "utf-8"
        )
    else:
        header, rows = knowledge_table(kind, workspace=workspace, public=public)
        if export_format == "csv":
            stream = io.StringIO()
            writer = csv.writer(stream)
            writer.writerow(header)
            writer.writerows(rows)
            # With a byte-order mark, so that spreadsheets read the file as UTF-8.
            content = ("\ufeff" + stream.getvalue()).encode("utf-8")
        else:
            content = xlsx_workbook([(kind, header, rows)])
    owner = "public" if public else workspace.slug
    return content, EXPORT_FORMATS[export_format], export_filename(f"{owner}-{kind}", export_format)
