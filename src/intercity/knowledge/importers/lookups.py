"""Finding what a row names: the atlas government of a practice, its themes, a lesson's activity.

Each index is loaded once per import and answers with the record, or raises ``ValueError`` with a
message that names the value and, when it can, the closest spellings ("did you mean").
"""

import re

from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _
from rapidfuzz import fuzz, process

from intercity.core.importing import word_key
from intercity.engagement.models import Activity
from intercity.knowledge.choices import Language
from intercity.knowledge.importers.values import title_key
from intercity.networks.models import Theme
from intercity.networks.vocabulary import THEME_BY_ALIAS
from intercity.places.actions import PLACE_LEVEL_KINDS
from intercity.places.models import Government

#: An activity named with its date: "Annual summit (2024-10-03)".
ACTIVITY_WITH_DATE = re.compile(r"^(.*\S)\s*\((\d{4}-\d{2}-\d{2})\)$")
SUGGESTIONS = 3


def _describe(government):
    return _("%(name)s (%(country)s, id %(id)s)") % {
        "name": government.name,
        "country": government.country_id or "-",
        "id": government.pk,
    }


class GovernmentIndex:
    """The atlas's governments by name, other names and place name, within a country or across all."""

    def __init__(self, governments):
        self.by_id = {}
        self.by_name = {}
        self.by_place = {}
        for government in governments:
            self.by_id[government.pk] = government
            for name in {government.name, *(government.name_variants or [])}:
                key = word_key(name)
                if key:
                    self.by_name.setdefault((government.country_id, key), set()).add(government.pk)
                    self.by_name.setdefault((None, key), set()).add(government.pk)
            if government.place_id and government.kind in PLACE_LEVEL_KINDS:
                key = word_key(government.place.name)
                self.by_place.setdefault((government.country_id, key), set()).add(government.pk)
                self.by_place.setdefault((None, key), set()).add(government.pk)

    @classmethod
    def load(cls, country_codes=None, *, ids=()):
        """The governments of ``country_codes`` (every government when None) and those of ``ids``."""
        governments = Government.objects.select_related("place").only(
            "id", "name", "kind", "country_id", "name_variants", "place__name"
        )
        if country_codes is not None:
            governments = governments.filter(Q(country_id__in=country_codes) | Q(pk__in=ids))
        return cls(governments.order_by("pk"))

    def find(self, name, country=None, government_id=None):
        """The government called ``name`` (in ``country`` when given).

        The name may be the government's name, one of its other names, or the name of its place (for a
        municipality or a city). ``government_id`` picks one of several governments of the same name, or
        finds a government whose name changed. Raises ``ValueError`` when none or several match.
        """
        key = word_key(name)
        found = self.by_name.get((country, key)) or self.by_place.get((country, key)) or set()
        if len(found) == 1:
            return self.by_id[next(iter(found))]
        if government_id is not None and (
            government_id in found or (not found and government_id in self.by_id)
        ):
            government = self.by_id[government_id]
            if country is None or government.country_id == country:
                return government
        if len(found) > 1:
            names = "; ".join(_describe(self.by_id[pk]) for pk in sorted(found))
            raise ValueError(
                _(
                    "“%(value)s” could mean several governments: %(names)s. Add a government_id column to say which."
                )
                % {"value": name, "names": names}
            )
        names = "; ".join(self.suggest(name, country))
        params = {"value": name, "country": country, "names": names}
        if country and names:
            message = _("“%(value)s” is not a government of the atlas in %(country)s; closest: %(names)s.")
        elif country:
            message = _("“%(value)s” is not a government of the atlas in %(country)s.")
        elif names:
            message = _("“%(value)s” is not a government of the atlas; closest: %(names)s.")
        else:
            message = _("“%(value)s” is not a government of the atlas.")
        raise ValueError(message % params)

    def suggest(self, name, country=None):
        """The closest government names (in ``country`` when given), best first."""
        labels = {}
        for government in self.by_id.values():
            if country is None or government.country_id == country:
                labels.setdefault(government.name, government)
        if not labels:
            return []
        matches = process.extract(name, list(labels), scorer=fuzz.WRatio, limit=SUGGESTIONS, score_cutoff=60)
        return [_describe(labels[label]) for label, _score, _index in matches]


class ThemeIndex:
    """The themes by identifier (slug), name, name in each language of the site, and the vocabulary's
    other spellings (``intercity.networks.vocabulary``)."""

    def __init__(self, themes):
        self.themes = list(themes)
        self.by_key = {}
        aliases = {}
        for alias, slug in THEME_BY_ALIAS.items():
            aliases.setdefault(slug, []).append(alias)
        for theme in self.themes:
            spellings = {theme.slug, theme.name, *aliases.get(theme.slug, ())}
            for language in Language.values:
                with translation.override(language):
                    spellings.add(str(theme))
            for spelling in spellings:
                self.by_key.setdefault(word_key(spelling), set()).add(theme.pk)
        self.by_pk = {theme.pk: theme for theme in self.themes}

    @classmethod
    def load(cls):
        return cls(Theme.objects.order_by("pk"))

    def find(self, text):
        found = self.by_key.get(word_key(text), set())
        if len(found) == 1:
            return self.by_pk[next(iter(found))]
        if len(found) > 1:
            raise ValueError(
                _("“%(value)s” could mean several themes: %(names)s; use the identifier.")
                % {"value": text, "names": ", ".join(sorted(self.by_pk[pk].slug for pk in found))}
            )
        slugs = [theme.slug for theme in self.themes]
        matches = process.extract(text, slugs, scorer=fuzz.WRatio, limit=SUGGESTIONS, score_cutoff=60)
        suggestions = [slug for slug, _score, _index in matches]
        if suggestions:
            raise ValueError(
                _("“%(value)s” is not a theme; closest: %(names)s.")
                % {"value": text, "names": ", ".join(suggestions)}
            )
        raise ValueError(_("“%(value)s” is not a theme (see /api/themes/ for the list).") % {"value": text})


class ActivityIndex:
    """A workspace's activities by title, or by title and date (``"Annual summit (2024-10-03)"``)."""

    def __init__(self, activities):
        self.by_title = {}
        for activity in activities:
            self.by_title.setdefault(title_key(activity.title), []).append(activity)

    @classmethod
    def load(cls, workspace):
        return cls(Activity.objects.for_workspace(workspace).order_by("occurred_on", "pk"))

    def find(self, text):
        found = self.by_title.get(title_key(text), [])
        match = ACTIVITY_WITH_DATE.match(text.strip())
        if not found and match:
            found = [
                activity
                for activity in self.by_title.get(title_key(match.group(1)), [])
                if activity.occurred_on.isoformat() == match.group(2)
            ]
        if len(found) == 1:
            return found[0]
        if found:
            dates = ", ".join(activity.occurred_on.isoformat() for activity in found)
            raise ValueError(
                _(
                    "The workspace has %(count)s activities called “%(value)s” (%(dates)s); add the date "
                    "in brackets, like “%(value)s (%(date)s)”."
                )
                % {
                    "count": len(found),
                    "value": text,
                    "dates": dates,
                    "date": found[0].occurred_on.isoformat(),
                }
            )
        raise ValueError(
            _("“%(value)s” is not one of the workspace's activities; record the activity first.")
            % {"value": text}
        )

    def label(self, activity):
        """How an export names ``activity``: its title, with its date when another has the same title."""
        if len(self.by_title.get(title_key(activity.title), [])) > 1:
            return f"{activity.title} ({activity.occurred_on.isoformat()})"
        return activity.title
