"""Importing the URBACT networks and their cities' participations (import-only data).

URBACT networks are EU-funded, time-bound thematic networks of cities (2002 onwards). The two files are
read from ``../shared/data/urbact`` by the user; nothing of them is copied into intercity.

``networks.csv`` (";"-separated, "NA" for missing values, multi-line quoted texts) becomes one
:class:`~intercity.networks.models.Network` per row:

==========================  ===================================================================
Code_Network                the identity: ``source_key = "urbact:<code>"`` (re-running updates)
Name                        the name; one that another network of the atlas already uses (as name,
                            acronym, other name or slug) becomes "<Name> (URBACT)". Slug
                            ``urbact-<slugified name>``, kept once created
Description                 the description
Aims, Activities            the aims (Activities appended as a second paragraph when given)
Start, End                  founded, dissolved (years; End "NA" for a network still running)
Url                         the website
Main.Key.Word,              themes of the vocabulary (``networks.vocabulary``) through
Additionnal.key.words       :data:`URBACT_THEMES`; a keyword outside it is reported and ignored
LeadPartner,                the secretariat as given ("Naples (lead partner)") and its country
LeadPartnerCountry
Members, NbCities           who may join, and the number of cities as published
==========================  ===================================================================

Every network is thematic, regional, in Europe, with the "URBACT" data source and medium confidence.

``participations.csv`` becomes one :class:`~intercity.engagement.models.Membership` per city and
network: the city (``NameCity``, ``Country``) is resolved to a GeoNames place and a government exactly
as the ETMUN importer does (unmatched and ambiguous names are imported as governments without a place
and reported, unless ``only_matched``); the period is the network's Start and End; a participation in a
network that ended before the current year is a former membership (``left_on`` = End); ``City.Statut``
"Lead Partner" is kept as the note "Lead partner". A city listed twice in one network (Berlin in
network 28 is both partner and lead partner) is recorded once, as lead partner, and the repeat is
reported as a duplicate.

:func:`import_urbact` imports both files in one transaction: any error (its line and column named) in
either file leaves the database unchanged.
"""

import datetime
import re
from collections import Counter
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from intercity.core.actions import apply_changes
from intercity.core.choices import Confidence, DatePrecision
from intercity.core.importing import (
    Column,
    Importer,
    ImportReport,
    Issue,
    RowOutcome,
    parse_partial_date,
    word_key,
)
from intercity.core.models import DataSource
from intercity.engagement.choices import MembershipStatus
from intercity.engagement.importers.memberships import MembershipImporter
from intercity.engagement.importers.networks import network_key
from intercity.networks.choices import GeographicScope, MemberType, NetworkKind
from intercity.networks.models import Network, Theme
from intercity.networks.vocabulary import theme_slug
from intercity.places.choices import GovernmentKind
from intercity.places.models import Country

URBACT_SOURCE = "urbact"
SOURCE_KEY_PREFIX = "urbact:"
NETWORK_REGION = "Europe"
NAME_SUFFIX = " (URBACT)"

# Counters of the networks report, translated where they are shown.
KEYWORDS_MAPPED = gettext_noop("keywords mapped to a theme")
KEYWORDS_UNMAPPED = gettext_noop("keywords outside the theme vocabulary")
NETWORKS_WITH_THEMES = gettext_noop("networks with at least one theme")
NAMES_DISAMBIGUATED = gettext_noop("names followed by (URBACT) to tell them apart")
PARTICIPATIONS_FORMER = gettext_noop("participations in networks that have ended (former members)")

# URBACT's keywords (its own themes and keep.eu's categories) -> themes of networks.vocabulary. Keywords
# the vocabulary already spells (Health, Youth, Culture & Heritage...) are found by theme_slug first.
URBACT_THEMES = {
    word_key(keyword): slugs
    for keyword, slugs in {
        "Integrated Urban Development": ("urban-development-housing",),
        "Urban development": ("urban-development-housing",),
        "Physical Urban Development": ("urban-development-housing",),
        "Urban Renewal": ("urban-development-housing",),
        "Abandoned Spaces": ("urban-development-housing",),
        "Housing": ("urban-development-housing",),
        "Urban Planning": ("urban-development-housing",),
        "City Planning": ("urban-development-housing",),
        "Strategic Planning": ("urban-development-housing",),
        "Regional planning and development": ("urban-development-housing",),
        "Construction and renovation": ("urban-development-housing",),
        "Urban-rural": ("urban-development-housing",),
        "Economy": ("local-economic-development",),
        "Local Economy": ("local-economic-development",),
        "Entrepreneurship & SMEs": ("local-economic-development",),
        "SME and entrepreneurship": ("local-economic-development",),
        "Social Economy": ("local-economic-development",),
        "Jobs and skills": ("local-economic-development",),
        "City Branding": ("local-economic-development",),
        "Clustering and economic cooperation": ("local-economic-development",),
        "Procurement": ("local-economic-development",),
        "Governance": ("governance-democracy",),
        "Governance, partnership": ("governance-democracy",),
        "Participation": ("governance-democracy",),
        "Capacity Building": ("governance-democracy",),
        "City Management": ("governance-democracy",),
        "Institutional cooperation and cooperation networks": ("governance-democracy",),
        "Cross-border Cooperation": ("decentralised-cooperation",),
        "Inclusion": ("social-inclusion",),
        "Social inclusion and equal opportunities": ("social-inclusion",),
        "Priority Neighbourhoods": ("social-inclusion",),
        "Poverty": ("social-inclusion",),
        "Minorities": ("social-inclusion",),
        "Ageing": ("social-inclusion",),
        "Social Innovation": ("social-inclusion",),
        "Health and social services": ("health", "social-inclusion"),
        "Environment": ("environment",),
        "Circular Economy": ("environment",),
        "Waste": ("environment",),
        "Coastal management and maritime issues": ("environment",),
        "Carbon Neutrality": ("climate",),
        "Climate Adaptation": ("climate", "resilience-risk"),
        "Energy Efficiency": ("energy",),
        "Cultural heritage and arts": ("culture-heritage",),
        "Research & Innovation": ("digital-innovation",),
        "Digital Transition": ("digital-innovation",),
        "ICT and digital society": ("digital-innovation",),
        "Knowledge and technology transfer": ("digital-innovation",),
        "Transport and mobility": ("mobility",),
        "Improving transport connections": ("mobility",),
        "Demographic change and immigration": ("migration",),
        "Migrants": ("migration",),
        "Financial Engineering": ("finance",),
        "Safety": ("citizen-security",),
    }.items()
}
MEMBER_TYPES = {
    "cities": MemberType.CITIES,
    "ministry": MemberType.OTHERS,
    "universities": MemberType.OTHERS,
    "others": MemberType.OTHERS,
}
LEAD_PARTNER = "lead partner"
PARTNER = "partner"
# The R export escaped the quotes inside quoted texts as \\"" : the CSV reader leaves \\" behind.
ESCAPED_QUOTE = re.compile(r'\\+"')

URBACT_NETWORK_COLUMNS = [
    Column("Code_Network", required=True),
    Column("Name", required=True),
    Column("Description"),
    Column("Aims"),
    Column("Activities"),
    Column("Url"),
    Column("Start"),
    Column("End"),
    Column("Main.Key.Word"),
    Column("Additionnal.key.words"),
    Column("LeadPartner"),
    Column("LeadPartnerCountry"),
    Column("Members"),
    Column("NbCities"),
    # Read by nobody, listed so that the report does not call them unknown.
    *(Column(name) for name in ("Continent", "Region", "CodeCity", "Phase", "Type")),
]
URBACT_PARTICIPATION_COLUMNS = [
    Column("Code_Network", required=True),
    Column("NameCity", required=True),
    Column("Country", required=True),
    Column("CodeCity"),
    Column("City.Statut"),
    Column("Start"),
    Column("End"),
    *(
        Column(name)
        for name in (
            "Continent",
            "Region",
            "Sources",
            "Years",
            "Network",
            "Description",
            "LeadPartnerCountry",
            "Url",
        )
    ),
]


def clean_text(text):
    """A text cell without the R export's escaped quotes: ``\\\\"sleeping giants\\\\"`` -> ``"sleeping giants"``."""
    return ESCAPED_QUOTE.sub('"', text or "").strip()


def parse_year(text):
    """A four-digit year of the URBACT files (``""`` -> None); anything else raises ValueError."""
    if not text:
        return None
    if not re.fullmatch(r"\d{4}", text):
        raise ValueError(_("“%(value)s” is not a year (YYYY).") % {"value": text})
    value, _precision = parse_partial_date(text)
    return value.year


def urbact_source():
    """The "URBACT" :class:`~intercity.core.models.DataSource` (created on first use)."""
    source, _created = DataSource.objects.get_or_create(
        slug=URBACT_SOURCE,
        defaults={
            "name": "URBACT networks and city participations",
            "publisher": "Paul Gourdon (PhD thesis data, Université Paris 1), from urbact.eu and keep.eu",
            "url": "https://github.com/pgourdongeo/Chap3_LocationalAnalysis",
            "licence": "none stated (import only)",
            "attribution": "Paul Gourdon, URBACT data set (KEEP/AD/URBACT), compiled from urbact.eu "
            "and keep.eu, 2016-2019. Network texts: urbact.eu.",
            "redistributable": False,
        },
    )
    return source


def urbact_networks():
    """The URBACT networks already in the atlas, by ``source_key``."""
    return {
        network.source_key: network
        for network in Network.objects.filter(
            source__slug=URBACT_SOURCE, source_key__startswith=SOURCE_KEY_PREFIX
        )
    }


class UrbactNetworkImporter(Importer):
    """URBACT's ``networks.csv``: one network of the atlas per row (see the module docstring)."""

    kind = "urbact-networks"
    columns = URBACT_NETWORK_COLUMNS
    empty_values = frozenset({"NA"})
    model_field_columns = {
        "name": "Name",
        "slug": "Name",
        "description": "Description",
        "aims": "Aims",
        "website": "Url",
        "founded": "Start",
        "dissolved": "End",
        "secretariat_label": "LeadPartner",
        "approx_members": "NbCities",
    }

    def check_file(self, report):
        self.existing = urbact_networks()
        self.country_codes = set(Country.objects.values_list("code", flat=True))
        self.themes = {theme.slug: theme for theme in Theme.objects.all()}
        # Names, acronyms, other names and slugs of every other network: an URBACT name must not be one.
        self.taken_keys = set()
        self.slugs = set()
        for network in Network.objects.exclude(pk__in=[network.pk for network in self.existing.values()]):
            for spelling in [network.name, network.acronym, network.slug, *(network.other_names or [])]:
                if network_key(spelling):
                    self.taken_keys.add(network_key(spelling))
            self.slugs.add(network.slug)
        self.codes = {}
        self.names = {}
        self.theme_counts = Counter()

    def clean_row(self, row):
        values = row.values
        code = self.cell(row, "Code_Network")
        name = clean_text(self.cell(row, "Name"))
        row.label = name
        if not code:
            row.add_error(self.header("Code_Network"), _("The network code is empty."))
        elif code in self.codes:
            row.add_error(
                self.header("Code_Network"),
                _("The network code %(code)s is already on line %(line)s.")
                % {"code": code, "line": self.codes[code]},
            )
        else:
            self.codes[code] = row.line
        if not name:
            row.add_error(self.header("Name"), _("The name is empty."))
        elif network_key(name) in self.names:
            row.add_error(
                self.header("Name"),
                _("The name “%(name)s” is already on line %(line)s.")
                % {"name": name, "line": self.names[network_key(name)]},
            )
        else:
            self.names[network_key(name)] = row.line
        values["source_key"] = f"{SOURCE_KEY_PREFIX}{code}"
        values["name"] = name
        values["founded"] = self.parse(row, "Start", parse_year)
        values["dissolved"] = self.parse(row, "End", parse_year)
        if values["founded"] and values["dissolved"] and values["dissolved"] < values["founded"]:
            row.add_error(self.header("End"), _("The network cannot end before it starts."))
        values["website"] = self.clean_website(row)
        values["description"] = clean_text(self.cell(row, "Description"))
        aims, activities = clean_text(self.cell(row, "Aims")), clean_text(self.cell(row, "Activities"))
        values["aims"] = "\n\n".join(text for text in (aims, activities) if text)
        values["themes"] = self.clean_themes(row)
        values["member_types"] = self.clean_member_types(row)
        values["approx_members"] = self.clean_count(row)
        country = self.cell(row, "LeadPartnerCountry")
        values["secretariat_country_id"] = self.clean_country(row, country)
        lead = clean_text(self.cell(row, "LeadPartner"))
        values["secretariat_label"] = (_("%(city)s (lead partner)") % {"city": lead})[:200] if lead else ""

    def clean_website(self, row):
        url = self.cell(row, "Url")
        if not url:
            return ""
        if not url.startswith(("http://", "https://")):
            url = "http://" + url
        try:
            URLValidator()(url)
        except ValidationError:
            row.add_error(self.header("Url"), _("“%(value)s” is not a web address.") % {"value": url})
            return ""
        return url

    def clean_themes(self, row):
        slugs = []
        for column in ("Main.Key.Word", "Additionnal.key.words"):
            for keyword in re.split(r"\s*/\s*", self.cell(row, column)):
                keyword = keyword.strip()
                if not keyword:
                    continue
                found = theme_slug(keyword)
                found = (found,) if found else URBACT_THEMES.get(word_key(keyword), ())
                if not found:
                    self.theme_counts[KEYWORDS_UNMAPPED] += 1
                    row.add_warning(
                        self.header(column),
                        _("The keyword “%(keyword)s” is not in the theme vocabulary; it is ignored.")
                        % {"keyword": keyword},
                    )
                    continue
                self.theme_counts[KEYWORDS_MAPPED] += 1
                for slug in found:
                    if slug not in self.themes:
                        row.add_error(
                            self.header(column),
                            _(
                                "The theme “%(theme)s” is not in the database; load the themes first "
                                "(intercity load-opendata)."
                            )
                            % {"theme": slug},
                        )
                    elif slug not in slugs:
                        slugs.append(slug)
        if slugs:
            self.theme_counts[NETWORKS_WITH_THEMES] += 1
        return slugs

    def clean_member_types(self, row):
        types = []
        for word in re.split(r"\s*/\s*", self.cell(row, "Members")):
            member_type = MEMBER_TYPES.get(word_key(word))
            if member_type is None:
                if word.strip():
                    member_type = MemberType.OTHERS
                else:
                    continue
            if member_type.value not in types:
                types.append(member_type.value)
        return types

    def clean_count(self, row):
        text = self.cell(row, "NbCities")
        if not text:
            return None
        if not text.isdigit():
            row.add_error(self.header("NbCities"), _("“%(value)s” is not a whole number.") % {"value": text})
            return None
        return int(text)

    def clean_country(self, row, text):
        from intercity.analysis.resolve import parse_country

        if not text:
            return None
        code = parse_country(text)
        if code in self.country_codes:
            return code
        row.add_warning(
            self.header("LeadPartnerCountry"),
            _("Unknown country “%(value)s”; the network is imported without it.") % {"value": text},
        )
        return None

    def prepare(self, report):
        """Names that another network of the atlas already uses get " (URBACT)"; slugs are chosen."""
        report.counters.update(self.theme_counts)
        for row in report.rows:
            if not row.ok:
                continue
            values = row.values
            existing = self.existing.get(values["source_key"])
            if network_key(values["name"]) in self.taken_keys:
                values["name"] = f"{values['name']}{NAME_SUFFIX}"
                report.counters[NAMES_DISAMBIGUATED] += 1
                row.add_warning(
                    self.header("Name"),
                    _("Another network of the atlas already has this name; imported as “%(name)s”.")
                    % {"name": values["name"]},
                )
            if existing is not None:
                values["slug"] = existing.slug
                continue
            base = f"urbact-{slugify(values['name'])}"[:100].rstrip("-") or f"urbact-{row.line}"
            slug, number = base, 2
            while slug in self.slugs:
                suffix = f"-{number}"
                slug, number = f"{base[: 100 - len(suffix)]}{suffix}", number + 1
            self.slugs.add(slug)
            values["slug"] = slug

    def begin_write(self, report):
        self.source = urbact_source()

    def write_row(self, row):
        values = dict(row.values)
        themes = [self.themes[slug] for slug in values.pop("themes")]
        fields = {
            **values,
            "kind": NetworkKind.THEMATIC,
            "scope": GeographicScope.REGIONAL,
            "region": NETWORK_REGION,
            "confidence": Confidence.MEDIUM,
            "source": self.source,
        }
        network = self.existing.get(values["source_key"])
        if network is None:
            network = Network(**fields)
            network.full_clean(validate_unique=False)
            network.save()
            network.themes.set(themes)
            return RowOutcome.CREATED
        changed = apply_changes(network, fields)
        if changed:
            network.full_clean(validate_unique=False)
            network.save()
        if {theme.pk for theme in network.themes.all()} != {theme.pk for theme in themes}:
            network.themes.set(themes)
            changed = True
        return RowOutcome.UPDATED if changed else RowOutcome.UNCHANGED


class UrbactParticipationImporter(MembershipImporter):
    """URBACT's ``participations.csv``: each city's participation in a network becomes a membership.

    The networks must be in the atlas already (imported from ``networks.csv`` by
    :class:`UrbactNetworkImporter`, in the same run with :func:`import_urbact`).
    """

    kind = "urbact-participations"
    columns = URBACT_PARTICIPATION_COLUMNS
    empty_values = frozenset({"NA"})
    duplicates_are_errors = False
    confidence = Confidence.MEDIUM
    model_field_columns = {
        "left_on": "End",
        "joined_on": "Start",
        "status": "City.Statut",
        "note": "City.Statut",
    }

    #: The generic membership columns named by MembershipImporter's messages, as this file calls them.
    GENERIC_COLUMNS = {"name": "NameCity", "country": "Country", "geonameid": "NameCity"}

    def header(self, column):
        return super().header(self.GENERIC_COLUMNS.get(column, column))

    def check_file(self, report):
        self.urbact = urbact_networks()
        self.country_codes = set(Country.objects.values_list("code", flat=True))
        self.this_year = timezone.localdate().year
        if not self.urbact:
            report.issues.append(
                Issue(
                    None,
                    "Code_Network",
                    _(
                        "No URBACT network is in the atlas yet: import networks.csv with the participations "
                        "(intercity import urbact networks.csv --participations participations.csv)."
                    ),
                )
            )

    def clean_row(self, row):
        values = row.values
        values["name"] = clean_text(self.cell(row, "NameCity"))
        row.label = values["name"]
        if not values["name"]:
            row.add_error(self.header("NameCity"), _("The name is empty."))
        elif len(values["name"]) > 300:
            row.add_error(self.header("NameCity"), _("The name is longer than 300 characters."))
        values["country_code"] = self.clean_country(row, "Country")
        code = self.cell(row, "Code_Network")
        values["network"] = self.urbact.get(f"{SOURCE_KEY_PREFIX}{code}")
        if not code:
            row.add_error(self.header("Code_Network"), _("The network code is empty."))
        elif values["network"] is None:
            row.add_error(
                self.header("Code_Network"),
                _("No URBACT network has the code “%(code)s”; is it in networks.csv?") % {"code": code},
            )
        values["joined_on"], values["joined_precision"] = self.parse_year_cell(row, "Start")
        values["left_on"], values["left_precision"] = self.parse_year_cell(row, "End")
        if values["joined_on"] and values["left_on"] and values["left_on"] < values["joined_on"]:
            row.add_error(self.header("End"), _("The participation cannot end before it starts."))
        values["lead"] = self.clean_role(row)
        values["kind"], values["kind_given"] = GovernmentKind.MUNICIPALITY, False
        values["latitude"] = values["longitude"] = None
        values["identifiers"] = {}
        values["geonameid"] = None
        city = self.cell(row, "CodeCity") or f"{values['country_code'] or ''}-{slugify(values['name'])}"
        values["source_key"] = f"{SOURCE_KEY_PREFIX}{code}:{city}"
        self.set_status(values)

    def parse_year_cell(self, row, column):
        year = self.parse(row, column, parse_year)
        if year is None:
            return None, DatePrecision.DAY
        return datetime.date(year, 1, 1), DatePrecision.YEAR

    def clean_role(self, row):
        text = word_key(self.cell(row, "City.Statut"))
        if text in ("", PARTNER):
            return False
        if text == LEAD_PARTNER:
            return True
        row.add_error(
            self.header("City.Statut"),
            _("Unknown status “%(value)s”; use Partner or Lead Partner.")
            % {"value": self.cell(row, "City.Statut")},
        )
        return False

    def set_status(self, values):
        """Former once the network's period has ended; the lead partner is named in the note."""
        left = values["left_on"]
        values["status"] = (
            MembershipStatus.FORMER
            if left is not None and left.year < self.this_year
            else MembershipStatus.MEMBER
        )
        values["note"] = _("Lead partner") if values["lead"] else ""

    def prepare(self, report):
        # A city listed twice in one network is one participation: as lead partner if either row says so.
        first = {}
        for row in report.rows:
            if not row.ok:
                continue
            key = (row.values["network"].pk, row.values["country_code"], word_key(row.values["name"]))
            if key not in first:
                first[key] = row
            elif row.values["lead"] and not first[key].values["lead"]:
                first[key].values["lead"] = True
                self.set_status(first[key].values)
        super().prepare(report)

    def write_row(self, row):
        outcome = super().write_row(row)
        if outcome != RowOutcome.DUPLICATE and row.values["status"] == MembershipStatus.FORMER:
            self.report.counters[PARTICIPATIONS_FORMER] += 1
        return outcome

    def get_source(self):
        return urbact_source()


@dataclass
class UrbactImport:
    """The reports of one URBACT import: networks, then participations (None when not asked for)."""

    networks: ImportReport
    participations: ImportReport | None = None

    @property
    def reports(self):
        return [report for report in (self.networks, self.participations) if report is not None]

    @property
    def ok(self):
        return all(report.ok for report in self.reports)

    @property
    def committed(self):
        return self.networks.committed


def import_urbact(
    networks_path,
    participations_path=None,
    *,
    dry_run=False,
    only_matched=False,
    gazetteer=None,
    progress=None,
):
    """Import URBACT's networks, and their cities' participations when ``participations_path`` is given.

    Both files are imported in one transaction: nothing is written when ``dry_run`` is true or when any
    row of either file has an error (each report names its lines and columns). A dry run still checks
    the participations against the networks it would create. Re-running updates and creates nothing new.
    Returns an :class:`UrbactImport` holding the two :class:`~intercity.core.importing.ImportReport`.

    Examples
    --------
    >>> result = import_urbact(shared / "urbact/networks.csv", shared / "urbact/participations.csv")  # doctest: +SKIP
    >>> result.ok, result.networks.outcome_counts()["created"]  # doctest: +SKIP
    (True, 172)
    """
    options = {"delimiter": ";", "progress": progress}
    with transaction.atomic():
        # The inner runs write (savepoints) so that the participations see the networks; this block then
        # commits both or neither.
        networks = UrbactNetworkImporter(**options).run(networks_path)
        result = UrbactImport(networks=networks)
        if participations_path is not None:
            if networks.ok:
                result.participations = UrbactParticipationImporter(
                    only_matched=only_matched, gazetteer=gazetteer, **options
                ).run(participations_path)
            else:
                result.participations = ImportReport(
                    path=str(participations_path), kind=UrbactParticipationImporter.kind
                )
                result.participations.issues.append(
                    Issue(None, "", _("Not checked: the networks file has errors, so nothing was imported."))
                )
        if dry_run or not result.ok:
            transaction.set_rollback(True)
    for report in result.reports:
        report.dry_run = dry_run
        report.committed = report.committed and not dry_run and result.ok
    return result
