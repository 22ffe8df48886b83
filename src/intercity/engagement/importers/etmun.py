"""Importing the ETMUN research data set of European municipal networks (import-only data).

The file is read from ``../shared/data/etmun`` by the user; nothing of it is copied into intercity.
"""

import csv
import re
from collections import defaultdict
from pathlib import Path

from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from intercity.core.choices import Confidence, DatePrecision
from intercity.core.importing import (
    Column,
    Issue,
    RowOutcome,
    parse_decimal,
    parse_partial_date,
    word_key,
)
from intercity.core.models import DataSource
from intercity.engagement.choices import MembershipStatus
from intercity.engagement.importers.memberships import MembershipImporter
from intercity.engagement.importers.networks import NetworkIndex, network_key
from intercity.engagement.models import Membership
from intercity.networks.choices import GeographicScope, NetworkKind
from intercity.networks.models import Network
from intercity.opendata.covenant import covenant_network_for
from intercity.places.actions import PLACE_LEVEL_KINDS
from intercity.places.choices import GovernmentKind
from intercity.places.models import Country

MATCHED, AMBIGUOUS, UNMATCHED, GIVEN = "matched", "ambiguous", "unmatched", "given"

# ETMUN's network names that the atlas spells differently (everything else matches by acronym or name).
ETMUN_NETWORK_ALIASES = {
    "ACRplus": "ACR+",
    "Covenant of Mayors": "CoM",
    "IAMPC": "IAPMC",
    "WHO": "WHO-EHCN",
}
ETMUN_COVENANT = "Covenant of Mayors"
ETMUN_STATUSES = {
    "member": MembershipStatus.MEMBER,
    "full member": MembershipStatus.MEMBER,
    "effective member": MembershipStatus.MEMBER,
    "associated member": MembershipStatus.ASSOCIATE,
    "associated partner": MembershipStatus.ASSOCIATE,
    "partners": MembershipStatus.ASSOCIATE,
    "former member": MembershipStatus.FORMER,
}
ETMUN_ENTITY_KINDS = {
    "county authority": GovernmentKind.COUNTY,
    "county": GovernmentKind.COUNTY,
    "district": GovernmentKind.COUNTY,
    "state": GovernmentKind.REGION,
}
ETMUN_SIMPLIFIED_KINDS = {
    "city": GovernmentKind.MUNICIPALITY,
    "municipality": GovernmentKind.MUNICIPALITY,
    "intermunicipality": GovernmentKind.ASSOCIATION,
    "region": GovernmentKind.REGION,
    "national association": GovernmentKind.ASSOCIATION,
    "regional association": GovernmentKind.ASSOCIATION,
    "international association": GovernmentKind.ASSOCIATION,
    "local association": GovernmentKind.ASSOCIATION,
    "state administration": GovernmentKind.OTHER,
    "other": GovernmentKind.OTHER,
}
# ETMUN's Note column also holds the researcher's processing marks, which say nothing about the member.
ETMUN_TECHNICAL_NOTES = {"locality name not simplified", "pop2015"}
ETMUN_JOINED = re.compile(r"^(\d{4})(?:\s*-\s*(\d{4}))?(?:\s*-\s*(.+))?$")
COVENANT_COMMITMENTS = re.compile(r"2020|2030|2050|ADAPT")

ETMUN_COLUMNS = [
    Column("Full_Name", required=True),
    Column("Locality_Siege"),
    Column("CountryCode", required=True),
    Column("Statut"),
    Column("Entity"),
    Column("EntitySimplified"),
    Column("Year_of_Joining"),
    Column("Note"),
    Column("Network_Name", required=True),
    Column("Code_Network", required=True),
    Column("MembershipCode", required=True),
    Column("lon"),
    Column("lat"),
    # Read by nobody, listed so that the report does not call them unknown.
    *(Column(name) for name in ("Continent", "Region", "Y", "X", "Pop_collect", "CountryName", "Adress")),
]


ETMUN_CATALOGUE = "networks.csv"
NETWORKS_ADDED = gettext_noop("networks added from the ETMUN catalogue")
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def network_from_catalogue(record, existing_slugs, country_codes):
    """An unsaved :class:`Network` from a row of ETMUN's catalogue: facts only, no texts copied."""
    name, acronym = record["Name"].strip(), record.get("Acronym", "").strip()
    slug = base = slugify(acronym or name)[:90] or "network"
    counter = 2
    while slug in existing_slugs:
        slug, counter = f"{base}-{counter}", counter + 1
    existing_slugs.add(slug)
    founded = YEAR.search(record.get("Date", "") or "")
    country = (record.get("Country (secretariat)", "") or "").strip().upper()
    website = (record.get("Url", "") or "").strip()
    if website and not website.startswith(("http://", "https://")):
        website = "http://" + website
    return Network(
        slug=slug,
        name=name,
        acronym=acronym[:40],
        kind=NetworkKind.THEMATIC,
        scope=GeographicScope.REGIONAL,
        region="Europe",
        founded=int(founded.group(1)) if founded else None,
        secretariat_country_id=country if country in country_codes else None,
        website=website[:300],
        confidence=Confidence.LOW,
        source_key=record.get("Code", "").strip(),
    )


class EtmunImporter(MembershipImporter):
    """The ETMUN data set (``MembersETMUNGeocode.csv``): 17,333 memberships in 59 European networks.

    Rows are identified by their network code and ``MembershipCode``; a second row describing the same
    membership (the data set has a few) is reported as a duplicate and not recorded twice. Every ETMUN
    network must exist in the atlas (through :data:`ETMUN_NETWORK_ALIASES` where spelt differently) or
    in ETMUN's own catalogue beside the file (:meth:`networks_from_catalogue`): any other network is an
    error naming its rows, with the closest names of the atlas.
    """

    kind = "etmun"
    columns = ETMUN_COLUMNS
    empty_values = frozenset({"NA"})
    duplicates_are_errors = False
    confidence = Confidence.MEDIUM
    model_field_columns = {"left_on": "Statut", "joined_on": "Year_of_Joining", "status": "Statut"}

    def __init__(self, *, networks=None, **options):
        super().__init__(**options)
        self.network_filter = list(networks or [])
        self.selected_keys = set()
        self.source_keys = {}
        self.continents = {}

    def check_file(self, report):
        self.networks = NetworkIndex.load()
        self.catalogue = self.read_catalogue(report)
        self.catalogue_networks = {}
        self.continents = dict(Country.objects.values_list("code", "continent"))
        self.country_codes = set(self.continents)
        for text in self.network_filter:
            self.selected_keys.add(network_key(text))
            self.selected_keys.add(network_key(ETMUN_NETWORK_ALIASES.get(text, text)))
            try:
                network = self.networks.find(ETMUN_NETWORK_ALIASES.get(text, text))
            except ValueError:
                network = None
            if network is not None:
                self.selected_keys.update(
                    network_key(spelling) for spelling in [network.acronym, network.name]
                )

    def is_selected(self, row):
        if not self.selected_keys:
            return True
        name = self.cell(row, "Network_Name")
        keys = {network_key(name), network_key(ETMUN_NETWORK_ALIASES.get(name, name))}
        keys.add(network_key(self.cell(row, "Code_Network")))
        return bool(keys & self.selected_keys)

    def clean_row(self, row):
        if not self.is_selected(row):
            row.outcome = RowOutcome.SKIPPED
            return
        values = row.values
        values["name"] = self.cell(row, "Full_Name")
        values["locality"] = self.cell(row, "Locality_Siege")
        if not values["name"] and values["locality"]:
            values["name"] = values["locality"]
            row.add_warning(self.header("Full_Name"), _("The name is empty; the locality is used instead."))
        row.label = values["name"]
        if not values["name"]:
            # A research data set's defect must not block the other 17,000 rows; it is reported.
            row.add_warning(self.header("Full_Name"), _("No name and no locality: the row is skipped."))
            row.outcome = RowOutcome.SKIPPED
            return
        values["country_code"] = self.clean_etmun_country(row)
        values["network"] = self.clean_etmun_network(row)
        notes = []
        values["status"] = self.clean_etmun_status(row, notes)
        values["joined_on"], values["joined_precision"] = self.clean_etmun_joined(row, notes)
        values["left_on"], values["left_precision"] = None, DatePrecision.DAY
        values["kind"], values["kind_given"] = self.clean_etmun_kind(row)
        values["latitude"] = self.parse(row, "lat", parse_decimal, minimum=-90, maximum=90)
        values["longitude"] = self.parse(row, "lon", parse_decimal, minimum=-180, maximum=180)
        values["identifiers"] = {}
        values["geonameid"] = None
        note = self.cell(row, "Note")
        if note and word_key(note) not in ETMUN_TECHNICAL_NOTES:
            notes.append(note)
        values["note"] = "; ".join(notes)
        code = (self.cell(row, "Code_Network"), self.cell(row, "MembershipCode"))
        values["source_key"] = "-".join(code)
        if not code[1]:
            row.add_error(self.header("MembershipCode"), _("The membership code is empty."))
        elif code in self.source_keys:
            row.add_error(
                self.header("MembershipCode"),
                _("This row has the same network code and membership code as line %(line)s.")
                % {"line": self.source_keys[code]},
            )
        else:
            self.source_keys[code] = row.line

    def clean_etmun_country(self, row):
        """ETMUN has a few rows without a usable country ("NA", "ZZ"): resolve them by name and coordinates."""
        from intercity.analysis.resolve import parse_country

        text = self.cell(row, "CountryCode")
        code = parse_country(text) if text else None
        if code in self.country_codes:
            return code
        row.add_warning(
            self.header("CountryCode"),
            _("Unknown country “%(value)s”; the place is resolved without it.")
            % {"value": row.cells.get(self.header("CountryCode"), "")},
        )
        return None

    def apply_resolution(self, row, resolution):
        super().apply_resolution(row, resolution)
        if row.values["country_code"] is None and resolution.status == MATCHED:
            country = self.gazetteer.get(resolution.geonameid)[4]
            row.values["country_code"] = country if country in self.country_codes else None

    def clean_etmun_network(self, row):
        text = self.cell(row, "Network_Name")
        if not text:
            row.add_error(self.header("Network_Name"), _("The network is empty."))
            return None
        spelling = ETMUN_NETWORK_ALIASES.get(text, text)
        country_code = row.values.get("country_code")
        if text == ETMUN_COVENANT and country_code:
            # The same split as the bundled Covenant data: Eastern Partnership, South Mediterranean, Africa.
            spelling = covenant_network_for(country_code, self.continents.get(country_code))
        try:
            network = self.networks.find(spelling)
        except ValueError as error:
            row.add_error(self.header("Network_Name"), str(error))
            return None
        if network is None:
            network = self.network_from_catalogue(self.cell(row, "Code_Network"))
        if network is None:
            row.add_error(self.header("Network_Name"), self.networks.unknown_message(text))
        return network

    def clean_etmun_status(self, row, notes):
        text = self.cell(row, "Statut")
        if self.cell(row, "Network_Name") == ETMUN_COVENANT:
            # In the Covenant of Mayors rows the column holds the commitments signed, not a status.
            commitments = COVENANT_COMMITMENTS.findall(text)
            if commitments:
                notes.append(_("Commitments: %(commitments)s") % {"commitments": ", ".join(commitments)})
            return MembershipStatus.MEMBER
        if not text:
            return MembershipStatus.MEMBER
        status = ETMUN_STATUSES.get(word_key(text))
        if status == MembershipStatus.FORMER:
            notes.append(_("Listed as a former member in ETMUN (collected 2016-2019)."))
        elif status is None:
            # Roles and programme phases ("Vice President", "Demonstration City", "Phase VI").
            notes.append(_("ETMUN status: %(status)s") % {"status": text})
            status = MembershipStatus.MEMBER
        return status

    def clean_etmun_joined(self, row, notes):
        text = self.cell(row, "Year_of_Joining")
        if not text:
            return None, DatePrecision.DAY
        match = ETMUN_JOINED.match(text)
        if not match:
            row.add_error(self.header("Year_of_Joining"), _("“%(value)s” is not a year.") % {"value": text})
            return None, DatePrecision.DAY
        start, end, label = match.groups()
        if end or label:
            notes.append(" ".join(part for part in [label, f"{start}-{end}" if end else ""] if part))
        try:
            return parse_partial_date(start)
        except ValueError as error:
            row.add_error(self.header("Year_of_Joining"), str(error))
            return None, DatePrecision.DAY

    def clean_etmun_kind(self, row):
        entity = word_key(self.cell(row, "Entity"))
        if entity in ETMUN_ENTITY_KINDS:
            return ETMUN_ENTITY_KINDS[entity], True
        kind = ETMUN_SIMPLIFIED_KINDS.get(word_key(self.cell(row, "EntitySimplified")))
        if kind is None or kind == GovernmentKind.MUNICIPALITY:
            # Unknown or a plain city: the resolver may still find that the name is a region or association.
            return GovernmentKind.MUNICIPALITY, False
        return kind, True

    def refine_resolutions(self, rows):
        """Try the seat locality for city rows whose full name matched nothing ("Comune di X - Y")."""
        retry = [
            row
            for row in rows
            if row.status == UNMATCHED
            and row.values["kind"] in PLACE_LEVEL_KINDS
            and not row.reason.startswith("not a place")
            and row.values["locality"]
            and word_key(row.values["locality"]) != word_key(row.values["name"])
        ]
        for row in retry:
            values = row.values
            resolution = self.gazetteer.resolve(
                values["locality"], values["country_code"], values["latitude"], values["longitude"]
            )
            if resolution.status == MATCHED:
                if row.outcome == RowOutcome.SKIPPED:
                    row.outcome = ""
                self.apply_resolution(row, resolution)
                row.reason = _("%(reason)s (from Locality_Siege)") % {"reason": row.reason}

    def prepare(self, report):
        super().prepare(report)
        for text in self.network_filter:
            keys = {network_key(text), network_key(ETMUN_NETWORK_ALIASES.get(text, text))}
            if not any(keys & self._row_keys(row) for row in report.rows):
                report.issues.append(
                    Issue(
                        None,
                        "Network_Name",
                        _("No row of the file belongs to the network “%(network)s”.") % {"network": text},
                    )
                )

    def _row_keys(self, row):
        name = self.cell(row, "Network_Name")
        keys = {network_key(name), network_key(self.cell(row, "Code_Network"))}
        network = row.values.get("network")
        if network is not None:
            keys.update(network_key(spelling) for spelling in [network.acronym, network.name])
        return keys

    def read_catalogue(self, report):
        """ETMUN's own catalogue of networks (``networks.csv`` beside the members file), by network code.

        ETMUN lists a few networks that the bundled catalogue does not have (the European Network of
        Digital Cities). Their facts (name, acronym, founding year, seat country, website) are read from
        this catalogue so that the whole data set can be imported; see :meth:`network_from_catalogue`.
        """
        catalogue = Path(report.path).with_name(ETMUN_CATALOGUE)
        if not catalogue.exists():
            return {}
        with open(catalogue, encoding="utf-8", newline="") as handle:
            return {record.get("Code", "").strip(): record for record in csv.DictReader(handle)}

    def network_from_catalogue(self, code):
        """The (unsaved) network for an ETMUN code of the catalogue, or None; created once per code.

        The networks are saved inside the import's transaction (:meth:`begin_write`), with low confidence
        and ETMUN as their source, so a dry run or a refused file leaves no network behind.
        """
        if code in self.catalogue_networks:
            return self.catalogue_networks[code]
        record = self.catalogue.get(code)
        if record is None or not record.get("Name", "").strip():
            return None
        if not hasattr(self, "existing_slugs"):
            self.existing_slugs = set(Network.objects.values_list("slug", flat=True))
        network = network_from_catalogue(record, self.existing_slugs, self.country_codes)
        self.catalogue_networks[code] = network
        return network

    def begin_write(self, report):
        super().begin_write(report)
        for network in self.catalogue_networks.values():
            network.source = self.source
            network.save()
            report.counters[NETWORKS_ADDED] += 1
        # One query instead of one per row: the memberships other sources recorded in these networks.
        networks = {row.values["network"].pk for row in report.rows if row.ok and row.values.get("network")}
        self.other_sources = defaultdict(list)
        existing = (
            Membership.objects.filter(network__in=networks)
            .exclude(source=self.source)
            .values_list("government_id", "network_id", "joined_on", "joined_precision", "source__name")
        )
        for government_id, network_id, joined_on, precision, source_name in existing.iterator(
            chunk_size=5000
        ):
            self.other_sources[(government_id, network_id)].append(
                (joined_on, precision, source_name or _("entered by hand"))
            )

    def recorded_by_another_source(self, government, network, values):
        """The same membership recorded from a better source (the Covenant's own data, a member list).

        ETMUN is a secondary, 2016-2019 compilation: it adds what is missing and never overwrites. Dates
        are compared at the coarser precision, and an undated membership is the same as a dated one.
        Returns the name of that source, or None.
        """
        joined = values["joined_on"]
        for joined_on, precision, source_name in self.other_sources.get((government.pk, network.pk), ()):
            if joined_on is None or joined is None:
                return source_name
            coarser = DatePrecision.YEAR in (precision, values["joined_precision"])
            if joined_on.year == joined.year and (coarser or joined_on == joined):
                return source_name
        return None

    def get_source(self):
        source, _created = DataSource.objects.get_or_create(
            slug="etmun",
            defaults={
                "name": "ETMUN: European transnational municipal networks and their members",
                "publisher": "Paul Gourdon (PhD thesis data, Université Paris 1)",
                "url": "https://github.com/pgourdongeo/Chap3_LocationalAnalysis",
                "licence": "none stated (import only)",
                "attribution": "Paul Gourdon, ETMUN data set, compiled from the Yearbook of International "
                "Organizations (UIA, 2015) and the networks' websites, 2016-2019.",
                "redistributable": False,
            },
        )
        return source


def import_etmun(
    path,
    *,
    networks=None,
    dry_run=False,
    only_matched=False,
    gazetteer=None,
    progress=None,
):
    """Import the ETMUN membership data set; return the :class:`~intercity.core.importing.ImportReport`.

    ``networks`` limits the import to the rows of some networks (ETMUN names, codes or atlas acronyms).
    Nothing is written when ``dry_run`` is true or when any selected row has an error.

    Examples
    --------
    >>> report = import_etmun(shared / "etmun/MembersETMUNGeocode.csv", dry_run=True)  # doctest: +SKIP
    >>> len(report.rows)  # doctest: +SKIP
    17333
    """
    importer = EtmunImporter(
        networks=networks,
        only_matched=only_matched,
        gazetteer=gazetteer,
        dry_run=dry_run,
        delimiter=";",
        progress=progress,
    )
    return importer.run(path)
