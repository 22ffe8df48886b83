"""Importing a workspace's lessons learned.

A lesson is found again by its title (ignoring case and spaces) and the day it was learned, within the
workspace; re-importing a file creates nothing new and changes nothing. Its activity must be one of the
workspace's activities; its author is one of the workspace's people, added (and reported) when the
workspace has nobody of that name.
"""

from django.utils.translation import gettext as _

from intercity.core.importing import RowOutcome
from intercity.knowledge.actions import save_lesson
from intercity.knowledge.importers.base import KnowledgeImporter
from intercity.knowledge.importers.columns import LESSON_COLUMNS
from intercity.knowledge.importers.lookups import ActivityIndex
from intercity.knowledge.importers.values import title_key
from intercity.knowledge.models import Lesson

#: Column -> model field of the values a file may set (besides the title).
LESSON_FIELDS = {
    "learned": "learned",
    "activity": "activity",
    "event": "event",
    "project": "project",
    "learned_on": "learned_on",
    "author": "author",
    "tags": "tags",
    "language": "language",
    "visibility": "visibility",
}


def normalise_tags(tags):
    """Each tag once, whatever its capitals, in the order given (as :func:`knowledge.actions.save_lesson`
    keeps them, so that an unchanged row compares equal)."""
    unique = {}
    for tag in tags:
        unique.setdefault(tag.casefold(), tag)
    return list(unique.values())


class LessonImporter(KnowledgeImporter):
    """What the office learned (one row per lesson)."""

    kind = "lessons"
    columns = LESSON_COLUMNS
    model_field_columns = {
        "title": "title",
        **{field_name: column for column, field_name in LESSON_FIELDS.items()},
        "__all__": "",
    }

    def check_file(self, report):
        super().check_file(report)
        self.activities = ActivityIndex.load(self.workspace)

    def clean_row(self, row):
        values = row.values
        values["title"] = row.label = self.text(row, "title", max_length=300, required=True)
        values["learned"] = self.text(row, "learned", required=True)
        values["activity"] = None
        activity = self.cell(row, "activity")
        if activity:
            try:
                values["activity"] = self.activities.find(activity)
            except ValueError as error:
                row.add_error(self.header("activity"), str(error))
        values["event"] = self.text(row, "event", max_length=300)
        values["project"] = self.text(row, "project", max_length=300)
        values["learned_on"] = self.date(row, "learned_on")
        values["author_name"] = self.person_name(row, "author")
        values["tags"] = normalise_tags(self.items(row, "tags", max_length=100))
        values["language"] = self.language(row)
        values["visibility"] = self.visibility(row)
        if values["title"] and row.ok:
            self.check_duplicate(row, (title_key(values["title"]), values["learned_on"]), "title")

    def begin_write(self, report):
        super().begin_write(report)
        self.existing = {}
        for lesson in Lesson.objects.for_workspace(self.workspace).order_by("pk"):
            self.existing.setdefault((title_key(lesson.title), lesson.learned_on), []).append(lesson)

    def write_row(self, row):
        values = row.values
        key = (title_key(values["title"]), values["learned_on"])
        lesson = self.only_one(row, self.existing.get(key, []), "title", _("lessons learned on that day"))
        if self.present("author"):
            values["author"] = self.find_person(row, "author", values["author_name"])
        if not row.ok:
            return RowOutcome.ERROR
        fields = {"title": values["title"]}
        fields.update(self.optional_fields(row, LESSON_FIELDS))
        return self.save_with(self.save_lesson, lesson, fields)

    def save_lesson(self, fields, instance, m2m):
        return save_lesson(self.workspace, fields, instance=instance)
