"""Importing membership lists (a network's members in CSV or XLSX) and the ETMUN research data set.

Both run on the generic pipeline of :mod:`intercity.core.importing`: every row is checked, every member
is resolved to a GeoNames place in one batch, governments are found or created through
:class:`~intercity.places.actions.GovernmentDirectory` and memberships through
:func:`~intercity.engagement.actions.record_membership`, all in one transaction. The same functions serve
the command line (``intercity import memberships|etmun``), the web interface and the API.

Membership list columns (headers are case-insensitive; aliases in brackets):

============  ======================================================================================
name          required: the member as written (city, member, government, municipality)
country       required: ISO 3166 alpha-2 or alpha-3, Eurostat code (UK, EL) or name (country_code, iso)
network       acronym, name or other name of a network of the atlas; or give ``network=`` / --network
status        member, associate, observer, candidate, former, or a usual spelling in en/es/pt/fr
              ("full member", "miembro", "membre associé", "observador", "ex-membro")
joined        YYYY, YYYY-MM, YYYY-MM-DD, DD/MM/YYYY or DD.MM.YYYY; the precision is kept (since, year)
left          same formats; a former member needs ``left`` or a ``note``
kind          municipality (default), city, metropolitan_area, county, region, association, other
latitude      decimal degrees, point or comma (lat); longitude likewise (lon, lng)
wikidata      a Wikidata id such as Q1891 (qid)
geonameid     a GeoNames id: the member is linked to that place and the name is not resolved
note          free text, up to 500 characters
============  ======================================================================================

Rows the resolver cannot match, or finds ambiguous, are still imported as governments without a place,
and the report says so, unless ``only_matched=True``. When the resolver says a name is not a place
("Province of Barcelona", "Communauté de communes ...") and no ``kind`` is given, the kind is inferred
(region, county, metropolitan area or association).
"""

import re
from types import SimpleNamespace

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from intercity.core.choices import DatePrecision
from intercity.core.importing import (
    Column,
    Importer,
    Issue,
    RowOutcome,
    parse_decimal,
    parse_partial_date,
    synonym_table,
    word_key,
)
from intercity.core.models import DataSource
from intercity.engagement.actions import record_membership
from intercity.engagement.choices import MembershipStatus
from intercity.engagement.importers.networks import NetworkIndex
from intercity.places.actions import PLACE_LEVEL_KINDS, GovernmentDirectory
from intercity.places.choices import GovernmentKind, IdentifierScheme, ResolutionStatus
from intercity.places.kinds import kind_for_word
from intercity.places.models import Country, Place

MATCHED, AMBIGUOUS, UNMATCHED, GIVEN = "matched", "ambiguous", "unmatched", "given"

# Counters of the report, translated where they are shown.
GOVERNMENTS_CREATED = gettext_noop("governments created")
PLACES_ADDED = gettext_noop("places added from the gazetteer")

STATUS_SPELLINGS = synonym_table(
    {
        MembershipStatus.MEMBER: [
            "full member",
            "full",
            "effective member",
            "active",
            "active member",
            "signatory",
            "miembro",
            "miembro pleno",
            "miembro de pleno derecho",
            "miembro titular",
            "socio",
            "activo",
            "membre",
            "membre titulaire",
            "membre de plein droit",
            "membre actif",
            "adherent",
            "adhérent",
            "membro",
            "membro pleno",
            "membro efetivo",
            "membro titular",
            "ativo",
        ],
        MembershipStatus.ASSOCIATE: [
            "associate member",
            "associated member",
            "associated",
            "affiliate",
            "affiliate member",
            "miembro asociado",
            "asociado",
            "socio asociado",
            "membre associé",
            "associé",
            "membro associado",
            "associado",
        ],
        MembershipStatus.OBSERVER: ["observer", "observador", "observadora", "observateur", "observatrice"],
        MembershipStatus.CANDIDATE: [
            "candidate",
            "applicant",
            "pending",
            "on hold",
            "candidato",
            "candidata",
            "en espera",
            "candidat",
            "candidate member",
            "en attente",
            "em espera",
        ],
        MembershipStatus.FORMER: [
            "former",
            "former member",
            "ex member",
            "left",
            "withdrawn",
            "exmiembro",
            "ex miembro",
            "antiguo miembro",
            "ancien membre",
            "ex membre",
            "ex membro",
            "antigo membro",
        ],
    }
)

KIND_SPELLINGS = synonym_table(
    {
        GovernmentKind.MUNICIPALITY: ["municipal", "town", "municipio", "municipalite", "commune", "comune"],
        GovernmentKind.CITY: ["ciudad", "ville", "cidade", "citta"],
        GovernmentKind.METROPOLITAN_AREA: ["metropolitan area", "metropolis", "metro", "area metropolitana"],
        GovernmentKind.COUNTY: ["county", "district", "departement", "department", "provincia", "province"],
        GovernmentKind.REGION: ["region", "state", "region autonoma", "regione", "estado", "land"],
        GovernmentKind.ASSOCIATION: [
            "association",
            "association of municipalities",
            "intermunicipality",
            "asociacion",
            "associacao",
            "federation",
        ],
        GovernmentKind.OTHER: [],
    }
)
for _kind in GovernmentKind:
    KIND_SPELLINGS.setdefault(word_key(_kind.label), _kind.value)

WIKIDATA_ID = re.compile(r"^Q[1-9]\d*$")

# Headers as offices write them, in English, Spanish, Portuguese and French (compared without accents).
MEMBERSHIP_COLUMNS = [
    Column(
        "name",
        required=True,
        aliases=(
            "city",
            "member",
            "government",
            "municipality",
            "member name",
            "ciudad",
            "municipio",
            "miembro",
            "nombre",
            "gobierno",
            "gobierno local",
            "cidade",
            "membro",
            "nome",
            "governo",
            "governo local",
            "ville",
            "commune",
            "membre",
            "nom",
            "collectivite",
        ),
    ),
    Column(
        "country",
        required=True,
        aliases=(
            "country_code",
            "country code",
            "iso",
            "iso2",
            "iso3",
            "pais",
            "codigo pais",
            "pays",
            "code pays",
        ),
    ),
    Column("network", aliases=("network name", "network acronym", "red", "rede", "reseau")),
    Column(
        "status",
        aliases=(
            "membership status",
            "member status",
            "estado",
            "estatus",
            "situacion",
            "situacao",
            "statut",
        ),
    ),
    Column(
        "joined",
        aliases=(
            "joined on",
            "joined_on",
            "year of joining",
            "member since",
            "since",
            "desde",
            "fecha de adhesion",
            "adhesion",
            "ano de adhesion",
            "ingreso",
            "adesao",
            "data de adesao",
            "ano de adesao",
            "depuis",
            "date d adhesion",
            "annee d adhesion",
        ),
    ),
    Column(
        "left",
        aliases=(
            "left on",
            "left_on",
            "until",
            "hasta",
            "fecha de baja",
            "baja",
            "ate",
            "saida",
            "jusqu a",
            "depart",
        ),
    ),
    Column("kind", aliases=("government kind", "type", "tipo", "tipo de gobierno", "tipo de governo")),
    Column("latitude", aliases=("lat", "latitud")),
    Column("longitude", aliases=("lon", "lng", "long", "longitud")),
    Column("wikidata", aliases=("wikidata id", "qid")),
    Column("geonameid", aliases=("geonames id", "geoname id", "geonames")),
    Column(
        "note",
        aliases=(
            "notes",
            "comment",
            "comments",
            "nota",
            "notas",
            "observaciones",
            "observacoes",
            "remarque",
            "remarques",
        ),
    ),
]


def describe_ambiguity(row):
    """The resolver's reason, with the candidates named when the reason does not name them already."""
    if not row.candidates or str(row.candidates[0][0]) in row.reason:
        return row.reason
    names = "; ".join(f"{name} ({geonameid})" for geonameid, name, _score in row.candidates[:3])
    return f"{row.reason}: {names}"


def load_gazetteer():
    from intercity.analysis.resolve import Gazetteer

    return Gazetteer.load(cache_dir=settings.INTERCITY_CACHE_DIR)


class MembershipImporter(Importer):
    """A list of the members of one network (or of several, with a ``network`` column)."""

    kind = "memberships"
    columns = MEMBERSHIP_COLUMNS
    model_field_columns = {"left_on": "left", "joined_on": "joined", "status": "status", "note": "note"}
    #: Rows matching the same membership: an error in a user's file, merged in research data sets.
    duplicates_are_errors = True
    confidence = None

    def __init__(self, *, network=None, only_matched=False, gazetteer=None, **options):
        super().__init__(**options)
        self.network_option = network
        self.only_matched = only_matched
        self.gazetteer = gazetteer
        self.networks = None
        self.default_network = None
        self.country_codes = set()
        self.source = None
        self.places_to_add = {}

    # -- file ----------------------------------------------------------------------------------------
    def check_file(self, report):
        self.networks = NetworkIndex.load()
        self.country_codes = set(Country.objects.values_list("code", flat=True))
        if self.network_option:
            try:
                self.default_network = self.networks.find(self.network_option)
            except ValueError as error:
                report.issues.append(Issue(None, "--network", str(error)))
                return
            if self.default_network is None:
                report.issues.append(
                    Issue(None, "--network", self.networks.unknown_message(self.network_option))
                )
        elif "network" not in self.header_map:
            report.issues.append(
                Issue(
                    1, "network", _("Name the network with --network, or add a “network” column to the file.")
                )
            )

    # -- rows ----------------------------------------------------------------------------------------
    def clean_row(self, row):
        values = row.values
        values["name"] = self.cell(row, "name")
        row.label = values["name"]
        if not values["name"]:
            row.add_error(self.header("name"), _("The name is empty."))
        elif len(values["name"]) > 300:
            row.add_error(self.header("name"), _("The name is longer than 300 characters."))
        values["country_code"] = self.clean_country(row, "country")
        values["network"] = self.clean_network(row)
        values["status"] = self.clean_status(row)
        values["joined_on"], values["joined_precision"] = self.parse(row, "joined", parse_partial_date) or (
            None,
            DatePrecision.DAY,
        )
        values["left_on"], values["left_precision"] = self.parse(row, "left", parse_partial_date) or (
            None,
            DatePrecision.DAY,
        )
        values["kind"] = self.clean_kind(row)
        values["latitude"] = self.parse(row, "latitude", parse_decimal, minimum=-90, maximum=90)
        values["longitude"] = self.parse(row, "longitude", parse_decimal, minimum=-180, maximum=180)
        values["identifiers"] = {}
        wikidata = self.cell(row, "wikidata").upper()
        if wikidata:
            if WIKIDATA_ID.match(wikidata):
                values["identifiers"][IdentifierScheme.WIKIDATA] = wikidata
            else:
                row.add_error(
                    self.header("wikidata"),
                    _("“%(value)s” is not a Wikidata id such as Q1891.") % {"value": wikidata},
                )
        values["geonameid"] = self.clean_geonameid(row)
        values["note"] = self.cell(row, "note")
        if len(values["note"]) > 500:
            row.add_error(self.header("note"), _("The note is longer than 500 characters."))
        values["source_key"] = ""
        self.check_dates_and_status(row)

    def clean_country(self, row, column):
        from intercity.analysis.resolve import parse_country

        text = self.cell(row, column)
        if not text:
            row.add_error(self.header(column), _("The country is empty."))
            return None
        code = parse_country(text)
        if code is None:
            row.add_error(self.header(column), _("Unknown country “%(value)s”.") % {"value": text})
        elif code not in self.country_codes:
            row.add_error(
                self.header(column),
                _(
                    "The country %(code)s is not in the database; load the countries first (intercity load-opendata)."
                )
                % {"code": code},
            )
            return None
        return code

    def clean_network(self, row):
        text = self.cell(row, "network")
        if not text:
            if self.default_network is None:
                row.add_error(self.header("network"), _("The network is empty."))
            return self.default_network
        try:
            network = self.networks.find(text)
        except ValueError as error:
            row.add_error(self.header("network"), str(error))
            return None
        if network is None:
            row.add_error(self.header("network"), self.networks.unknown_message(text))
        elif self.default_network is not None and network != self.default_network:
            row.add_error(
                self.header("network"),
                _("The row gives the network %(row_network)s but --network gives %(option_network)s.")
                % {"row_network": network, "option_network": self.default_network},
            )
        return network

    def clean_status(self, row):
        text = self.cell(row, "status")
        if not text:
            return MembershipStatus.MEMBER
        status = STATUS_SPELLINGS.get(word_key(text))
        if status is None:
            row.add_error(
                self.header("status"),
                _("Unknown status “%(value)s”; use member, associate, observer, candidate or former.")
                % {"value": text},
            )
            return MembershipStatus.MEMBER
        return status

    def clean_kind(self, row):
        text = self.cell(row, "kind")
        row.values["kind_given"] = bool(text)
        if not text:
            return GovernmentKind.MUNICIPALITY
        kind = KIND_SPELLINGS.get(word_key(text))
        if kind is None:
            row.add_error(
                self.header("kind"),
                _("Unknown kind “%(value)s”; use one of %(kinds)s.")
                % {"value": text, "kinds": ", ".join(GovernmentKind.values)},
            )
            return GovernmentKind.MUNICIPALITY
        return kind

    def clean_geonameid(self, row):
        text = self.cell(row, "geonameid")
        if not text:
            return None
        if not text.isdigit() or int(text) == 0:
            row.add_error(self.header("geonameid"), _("“%(value)s” is not a GeoNames id.") % {"value": text})
            return None
        return int(text)

    def check_dates_and_status(self, row):
        values = row.values
        joined, left = values.get("joined_on"), values.get("left_on")
        if joined and left and left < joined:
            row.add_error(self.header("left"), _("The membership cannot end before it starts."))
        if values.get("status") == MembershipStatus.FORMER and not left and not values.get("note"):
            row.add_error(self.header("left"), _("A former member needs the date it left, or a note."))

    # -- resolving -----------------------------------------------------------------------------------
    def resolution_query(self, row):
        values = row.values
        return (values["name"], values["country_code"], values["latitude"], values["longitude"])

    def prepare(self, report):
        from intercity.analysis.resolve import resolve_many

        rows = [row for row in report.rows if row.ok and row.outcome != RowOutcome.SKIPPED]
        to_resolve = [row for row in rows if not row.values.get("geonameid")]
        if to_resolve:
            if self.gazetteer is None:
                self.progress(_("Loading the gazetteer"), 0, 1)
                self.gazetteer = load_gazetteer()
                self.progress(_("Loading the gazetteer"), 1, 1)
            results = resolve_many(
                [self.resolution_query(row) for row in to_resolve],
                self.gazetteer,
                progress=lambda done, total: self.progress(_("Resolving places"), done, total),
            )
            for row, resolution in zip(to_resolve, results, strict=True):
                self.apply_resolution(row, resolution)
            self.refine_resolutions(to_resolve)
        for row in rows:
            if row.values.get("geonameid"):
                self.apply_given_place(row)
        self.check_places(rows)

    def refine_resolutions(self, rows):
        """A second chance for rows the resolver did not match (ETMUN tries the seat locality)."""

    def apply_resolution(self, row, resolution):
        from intercity.analysis.resolve import normalise_name, not_a_place_reason

        values = row.values
        row.status = resolution.status
        row.geonameid = resolution.geonameid
        row.matched_name = resolution.matched_name or ""
        row.score = resolution.score
        row.reason = resolution.reason or ""
        row.candidates = tuple(resolution.candidates or ())
        values["place_id"] = None
        values["resolution"] = resolution
        if resolution.status == MATCHED:
            if values["kind"] in PLACE_LEVEL_KINDS:
                values["place_id"] = resolution.geonameid
            else:
                # A region or association named like a city is not that city: keep it off the map.
                row.reason = _("The kind is %(kind)s; not linked to the place %(place)s.") % {
                    "kind": values["kind"],
                    "place": resolution.matched_name,
                }
                values["resolution"] = SimpleNamespace(
                    status=ResolutionStatus.NOT_A_PLACE, score=resolution.score, reason=row.reason
                )
            return
        word = not_a_place_reason(normalise_name(values["name"]))
        if resolution.status == UNMATCHED and word and row.reason.startswith("not a place"):
            if not values["kind_given"]:
                values["kind"] = kind_for_word(word)
            values["resolution"] = SimpleNamespace(
                status=ResolutionStatus.NOT_A_PLACE, score=resolution.score, reason=row.reason
            )
        elif resolution.status == AMBIGUOUS and row.candidates:
            values["resolution"] = SimpleNamespace(
                status=ResolutionStatus.AMBIGUOUS, score=resolution.score, reason=describe_ambiguity(row)
            )
        if self.only_matched:
            row.outcome = RowOutcome.SKIPPED

    def apply_given_place(self, row):
        row.status = GIVEN
        row.geonameid = row.values["geonameid"]
        row.reason = _("GeoNames id given in the file")
        row.values["place_id"] = row.values["geonameid"]
        row.values["resolution"] = None
        if row.values["kind"] not in PLACE_LEVEL_KINDS:
            row.add_error(
                self.header("geonameid"),
                _("A government of kind “%(kind)s” is not linked to a place; leave the GeoNames id empty.")
                % {"kind": row.values["kind"]},
            )

    def check_places(self, rows):
        """Every linked place must be in the database, or in the gazetteer so that it can be added."""
        wanted = {row.values["place_id"] for row in rows if row.ok and row.values.get("place_id")}
        existing = set()
        wanted_list = sorted(wanted)
        for start in range(0, len(wanted_list), 900):
            chunk = wanted_list[start : start + 900]
            existing.update(Place.objects.filter(pk__in=chunk).values_list("pk", flat=True))
        self.places_to_add = {}
        if wanted - existing and self.gazetteer is None:
            self.gazetteer = load_gazetteer()
        for row in rows:
            place_id = row.values.get("place_id")
            if not row.ok or not place_id or place_id in existing:
                continue
            record = self.gazetteer.get(place_id)
            if record is None:
                row.add_error(
                    self.header("geonameid"), _("%(id)s is not a known GeoNames place.") % {"id": place_id}
                )
                continue
            if not row.matched_name:
                row.matched_name = record[1]
            if record[4] not in self.country_codes:
                row.add_error(
                    self.header("country"),
                    _("The place %(place)s is in %(code)s, a country that is not in the database.")
                    % {"place": record[1], "code": record[4]},
                )
                continue
            self.places_to_add[place_id] = record

    # -- writing -------------------------------------------------------------------------------------
    def get_source(self):
        return None

    def begin_write(self, report):
        from intercity.analysis.resolve.gazetteer import ADMIN1, COUNTRY, LAT, LON, NAME, POPULATION

        self.source = self.get_source()
        self.directory = GovernmentDirectory.load()
        self.seen_memberships = {}
        self.report = report
        # Places come from GeoNames, like the bundled gazetteer (when its attribution is loaded).
        gazetteer_source = DataSource.objects.filter(slug="geonames").first() if self.places_to_add else None
        Place.objects.bulk_create(
            [
                Place(
                    geonameid=place_id,
                    name=record[NAME],
                    country_id=record[COUNTRY],
                    admin1_code=record[ADMIN1] or "",
                    latitude=record[LAT],
                    longitude=record[LON],
                    population=record[POPULATION] or 0,
                    source=gazetteer_source,
                )
                for place_id, record in self.places_to_add.items()
            ],
            batch_size=500,
        )
        report.counters[PLACES_ADDED] = len(self.places_to_add)

    def write_row(self, row):
        values = row.values
        government, created = self.directory.find_or_create(
            name=values["name"],
            country_code=values["country_code"],
            kind=values["kind"],
            place_id=values.get("place_id"),
            identifiers=values["identifiers"],
            source=self.source,
            resolution=values.get("resolution"),
            latitude=values["latitude"],
            longitude=values["longitude"],
            confidence=self.confidence,
        )
        if created:
            self.report.counters[GOVERNMENTS_CREATED] += 1
        network = values["network"]
        key = (government.pk, network.pk, values["joined_on"])
        first_line = self.seen_memberships.get(key)
        if first_line is not None:
            message = _(
                "This row is the same membership as line %(line)s (same government, network and joining date)."
            ) % {"line": first_line}
            if self.duplicates_are_errors:
                row.add_error(self.header("name"), message)
                return RowOutcome.ERROR
            row.add_warning(self.header("name"), message)
            return RowOutcome.DUPLICATE
        self.seen_memberships[key] = row.line
        recorded_by = self.recorded_by_another_source(government, network, values)
        if recorded_by is not None:
            row.add_warning(
                self.header("name"),
                _("Already recorded (source: %(source)s); left as it is.") % {"source": recorded_by},
            )
            return RowOutcome.KEPT
        _membership, outcome = record_membership(
            government,
            network,
            status=values["status"],
            joined_on=values["joined_on"],
            joined_precision=values["joined_precision"],
            left_on=values["left_on"],
            left_precision=values["left_precision"],
            source=self.source,
            source_key=values["source_key"],
            confidence=self.confidence,
            note=values["note"][:500],
        )
        return RowOutcome(outcome.value)

    def recorded_by_another_source(self, government, network, values):
        """The name of another data source whose record of this membership must not be overwritten."""
        return None


def import_memberships(
    path,
    *,
    network=None,
    dry_run=False,
    only_matched=False,
    encoding=None,
    delimiter=None,
    sheet=None,
    gazetteer=None,
    progress=None,
):
    """Import a network's member list (CSV or XLSX); return the :class:`~intercity.core.importing.ImportReport`.

    Nothing is written when ``dry_run`` is true or when any row has an error; re-importing the same
    file creates nothing new. ``network`` is an acronym or name of the atlas, for files without a
    ``network`` column. ``progress`` is a callable ``(description, done, total)``.

    Examples
    --------
    >>> report = import_memberships("members.xlsx", network="ICLEI", dry_run=True)  # doctest: +SKIP
    >>> report.ok, report.status_counts()["matched"]  # doctest: +SKIP
    (True, 118)
    """
    importer = MembershipImporter(
        network=network,
        only_matched=only_matched,
        gazetteer=gazetteer,
        dry_run=dry_run,
        encoding=encoding,
        delimiter=delimiter,
        sheet=sheet,
        progress=progress,
    )
    return importer.run(path)
