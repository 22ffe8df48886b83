"""Importing good practices: into a workspace, or (``public=True``) into the open atlas without one.

A practice is found again by its natural key: its title (ignoring case and spaces) and its government,
within the workspace (or among the practices without a workspace). Re-importing a file creates nothing
new and changes nothing.
"""

from django.utils.translation import gettext as _

from intercity.analysis.resolve import parse_country
from intercity.core.importing import RowOutcome
from intercity.engagement.importers.portfolio import parse_amount, parse_currency
from intercity.knowledge.actions import save_practice
from intercity.knowledge.importers.base import KnowledgeImporter
from intercity.knowledge.importers.columns import PRACTICE_COLUMNS
from intercity.knowledge.importers.lookups import GovernmentIndex, ThemeIndex
from intercity.knowledge.importers.values import parse_sdgs, parse_year, title_key
from intercity.knowledge.models import Practice
from intercity.knowledge.public_actions import save_public_practice
from intercity.places.models import Country

#: Column -> model field of the plain values a file may set.
PRACTICE_FIELDS = {
    "sdgs": "sdgs",
    "problem": "problem",
    "solution": "solution",
    "results": "results",
    "key_figures": "key_figures",
    "cost": "cost",
    "currency": "currency",
    "cost_note": "cost_note",
    "started": "started_year",
    "ended": "ended_year",
    "timeframe_note": "timeframe_note",
    "partners": "partners",
    "language": "language",
    "source_url": "source_url",
    "licence": "licence",
    "visibility": "visibility",
}


class PracticeImporter(KnowledgeImporter):
    """Good practices of governments (one row each)."""

    kind = "practices"
    columns = PRACTICE_COLUMNS
    model_field_columns = {
        "title": "title",
        "government": "government",
        "themes": "themes",
        "networks": "networks",
        **{field_name: column for column, field_name in PRACTICE_FIELDS.items()},
        "__all__": "",
    }

    def check_file(self, report):
        super().check_file(report)
        self.themes = ThemeIndex.load()
        self.country_codes = set(Country.objects.values_list("code", flat=True))

    def clean_row(self, row):
        values = row.values
        values["title"] = row.label = self.text(row, "title", max_length=300, required=True)
        values["government_name"] = self.text(row, "government", max_length=300, required=True)
        values["government_id"] = self.parse(row, "government_id", _parse_id)
        values["country"] = self.clean_country(row)
        values["themes"] = self.find_all(row, "themes", self.themes.find)
        values["sdgs"] = self.parse(row, "sdgs", parse_sdgs)
        values["problem"] = self.text(row, "problem", required=True)
        values["solution"] = self.text(row, "solution", required=True)
        values["results"] = self.text(row, "results")
        values["key_figures"] = self.text(row, "key_figures")
        values["cost"] = self.parse(row, "cost", parse_amount)
        values["currency"] = self.parse(row, "currency", parse_currency) or ""
        if values["cost"] is not None and not values["currency"]:
            row.add_error(
                self.header("currency" if self.present("currency") else "cost"),
                _("Give the currency of the cost (an ISO 4217 code such as EUR, USD, BRL)."),
            )
        values["cost_note"] = self.text(row, "cost_note", max_length=500)
        values["started_year"] = self.parse(row, "started", parse_year)
        values["ended_year"] = self.parse(row, "ended", parse_year)
        if values["started_year"] and values["ended_year"] and values["ended_year"] < values["started_year"]:
            row.add_error(self.header("ended"), _("The practice cannot end before it started."))
        values["timeframe_note"] = self.text(row, "timeframe_note", max_length=300)
        values["partners"] = self.text(row, "partners")
        values["networks"] = self.find_all(row, "networks", self.find_network)
        values["language"] = self.language(row)
        values["source_url"] = self.text(row, "source_url", max_length=500)
        values["licence"] = self.text(row, "licence", max_length=100)
        values["visibility"] = self.visibility(row)

    def clean_country(self, row):
        text = self.cell(row, "country")
        if not text:
            return None
        code = parse_country(text)
        if code is None:
            row.add_error(self.header("country"), _("Unknown country “%(value)s”.") % {"value": text})
        elif code not in self.country_codes:
            row.add_error(
                self.header("country"),
                _(
                    "The country %(code)s is not in the database; load the countries first (intercity load-opendata)."
                )
                % {"code": code},
            )
            return None
        return code

    def find_all(self, row, column, find):
        """The records a list cell names, each found by ``find`` (which raises ValueError)."""
        found = []
        for text in self.items(row, column):
            try:
                record = find(text)
            except ValueError as error:
                row.add_error(self.header(column), str(error))
                continue
            if record not in found:
                found.append(record)
        return found

    def find_network(self, text):
        network = self.networks_by_slug.get(text) or self.networks.find(text)
        if network is None:
            raise ValueError(self.networks.unknown_message(text))
        return network

    def prepare(self, report):
        """Find every row's government in the atlas (one query), then refuse rows that repeat a practice."""
        rows = [row for row in report.rows if row.values.get("government_name")]
        countries = {row.values["country"] for row in rows}
        ids = {row.values["government_id"] for row in rows if row.values["government_id"]}
        index = GovernmentIndex.load(None if None in countries else countries, ids=ids)
        for row in rows:
            values = row.values
            try:
                values["government"] = index.find(
                    values["government_name"], values["country"], values["government_id"]
                )
            except ValueError as error:
                row.add_error(self.header("government"), str(error))
                continue
            if values["title"]:
                self.check_duplicate(row, (title_key(values["title"]), values["government"].pk), "title")

    def begin_write(self, report):
        super().begin_write(report)
        practices = Practice.objects.filter(workspace=self.workspace).select_related("government")
        self.existing = {}
        for practice in practices.prefetch_related("themes", "networks").order_by("pk"):
            self.existing.setdefault((title_key(practice.title), practice.government_id), []).append(practice)

    def write_row(self, row):
        values = row.values
        key = (title_key(values["title"]), values["government"].pk)
        practice = self.only_one(row, self.existing.get(key, []), "title", _("practices of this government"))
        if not row.ok:
            return RowOutcome.ERROR
        fields = {"title": values["title"], "government": values["government"]}
        fields.update(self.optional_fields(row, PRACTICE_FIELDS))
        m2m = {
            "themes": values["themes"] if self.present("themes") else None,
            "networks": values["networks"] if self.present("networks") else None,
        }
        return self.save_with(self.save_practice, practice, fields, m2m)

    def save_practice(self, fields, instance, m2m):
        if self.public:
            return save_public_practice(fields, instance=instance, **m2m)
        return save_practice(self.workspace, fields, instance=instance, **m2m)


def _parse_id(text):
    text = (text or "").strip()
    if not text:
        return None
    if not text.isdigit():
        raise ValueError(
            _("“%(value)s” is not an id: write the number of the government in the atlas.") % {"value": text}
        )
    return int(text)
