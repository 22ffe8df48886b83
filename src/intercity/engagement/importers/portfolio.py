"""Importing a workspace's portfolio: memberships with their fees, positions, participations, activities.

The importers run on the generic pipeline of :mod:`intercity.core.importing` (read, check every row,
write in one transaction, report every problem with its line and column) and write only through
:mod:`intercity.engagement.portfolio_actions` and :func:`intercity.core.actions.save_private_record`.
Every row is resolved against one workspace: another workspace's records are never read or changed.

Re-importing a file creates nothing new and changes nothing: each record is found again by its natural
key, and saved only when a value differs (so no history row is written for an unchanged record).

============== ====================================================================================
kind           natural key (within the workspace)
============== ====================================================================================
portfolio      a membership: the network; a fee: the membership and the year
positions      the membership, the governance body (kind and name), the seat and the term start
participations the working group, the department and the start
activities     the membership, the date, the kind and the title
============== ====================================================================================

Only the columns present in a file are written: a file without a ``notes`` column leaves the notes as
they are. A workbook (XLSX) with one sheet per kind is imported sheet after sheet in one transaction, so
positions may name a membership that the ``memberships`` sheet of the same workbook creates.
"""

import csv
import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from intercity.core.actions import save_private_record
from intercity.core.importing import (
    Column,
    Importer,
    ImportReport,
    Issue,
    RowOutcome,
    header_key,
    parse_decimal,
    parse_partial_date,
    synonym_table,
    word_key,
)
from intercity.core.importing.errors import ImportFileError
from intercity.core.models import Department, Person
from intercity.core.validators import known_currencies
from intercity.engagement.choices import (
    ActivityKind,
    MembershipCategory,
    PortfolioStatus,
    PositionNature,
)
from intercity.engagement.importers.networks import NetworkIndex
from intercity.engagement.models import (
    Activity,
    MembershipFee,
    Participation,
    PortfolioMembership,
    Position,
)
from intercity.engagement.portfolio_actions import (
    find_or_create_body,
    find_or_create_working_group,
    save_activity,
    save_fee,
    save_membership,
    save_participation,
    save_position,
)
from intercity.networks.choices import BodyKind
from intercity.networks.models import GovernanceBody, WorkingGroup

# Counters of the report, translated where they are shown.
PEOPLE_CREATED = gettext_noop("people added")
DEPARTMENTS_CREATED = gettext_noop("departments added")
WORKING_GROUPS_CREATED = gettext_noop("working groups added")
BODIES_CREATED = gettext_noop("governance bodies added")
FEES_CREATED = gettext_noop("fees added")
FEES_UPDATED = gettext_noop("fees changed")

#: A fee column: "fee 2024", "cuota 2024", "cotisation 2024"... (compared as header keys).
FEE_HEADER = re.compile(r"^(?:fee|annualfee|cuota|cuotaanual|anuidade|taxa|cotisation|contribution)(\d{4})$")
#: The day a year's fee was paid: "paid 2024", "pagado 2024", "pago em 2024", "payé 2024".
PAID_HEADER = re.compile(r"^(?:paid|paidon|feepaid|pagado|pagadael|pagoem|pagaem|paye|payele)(\d{4})$")
#: A fee cell: an amount, optionally with its currency before or after it ("1200", "1200 USD").
FEE_CELL = re.compile(r"^(?:([A-Za-z]{3})\s*)?([-\u2212]?[\d.,]+)(?:\s*([A-Za-z]{3}))?$")
LIST_SEPARATOR = ";"

# -- words -------------------------------------------------------------------------------------------------


def _with_labels(groups, choices):
    """A synonym table that also understands each choice's label in the active language."""
    table = synonym_table(groups)
    for choice in choices:
        table.setdefault(word_key(choice.label), choice.value)
    return table


PORTFOLIO_STATUS_SPELLINGS = _with_labels(
    {
        PortfolioStatus.ACTIVE: [
            "member",
            "activa",
            "activo",
            "vigente",
            "ativa",
            "ativo",
            "actif",
            "active",
        ],
        PortfolioStatus.UNDER_REVIEW: [
            "under review",
            "review",
            "en revision",
            "en evaluacion",
            "em revisao",
            "em avaliacao",
            "en examen",
            "a l examen",
        ],
        PortfolioStatus.LEAVING: [
            "leaving",
            "saliendo",
            "en salida",
            "de salida",
            "saindo",
            "en depart",
            "sortant",
        ],
        PortfolioStatus.LEFT: [
            "former",
            "baja",
            "dada de baja",
            "salio",
            "ex miembro",
            "saiu",
            "desligada",
            "ex membro",
            "quitte",
            "quittee",
            "ancien membre",
        ],
    },
    PortfolioStatus,
)

CATEGORY_SPELLINGS = _with_labels(
    {
        MembershipCategory.FULL: [
            "full member",
            "pleno",
            "miembro pleno",
            "titular",
            "membro pleno",
            "titulaire",
        ],
        MembershipCategory.ASSOCIATE: [
            "associate member",
            "asociado",
            "associado",
            "associe",
            "membre associe",
        ],
        MembershipCategory.OBSERVER: ["observador", "observateur"],
        MembershipCategory.FOUNDING: [
            "founder",
            "founding member",
            "fundador",
            "miembro fundador",
            "fondateur",
        ],
        MembershipCategory.HONORARY: ["honorario", "honorario", "honoraire", "honorifique"],
        MembershipCategory.OTHER: ["otro", "otra", "outro", "outra", "autre"],
    },
    MembershipCategory,
)

BODY_KIND_SPELLINGS = _with_labels(
    {
        BodyKind.PRESIDENCY: ["president", "presidencia", "presidente", "presidence", "presidencia"],
        BodyKind.VICE_PRESIDENCY: [
            "vice presidency",
            "vice president",
            "vicepresidencia",
            "vicepresidente",
            "vice presidencia",
            "vice presidence",
        ],
        BodyKind.EXECUTIVE_BUREAU: [
            "executive bureau",
            "executive committee",
            "bureau",
            "buro ejecutivo",
            "comite ejecutivo",
            "mesa directiva",
            "comite executivo",
            "bureau executif",
        ],
        BodyKind.BOARD: [
            "board",
            "board of directors",
            "junta directiva",
            "directorio",
            "conselho diretor",
            "conseil d administration",
        ],
        BodyKind.COUNCIL: ["council", "consejo", "conselho", "conseil"],
        BodyKind.TREASURY: [
            "treasurer",
            "tesoreria",
            "tesorero",
            "tesouraria",
            "tesoureiro",
            "tresorerie",
            "tresorier",
        ],
        BodyKind.COMMISSION: ["commission", "comision", "comissao", "presidencia de comision"],
        BodyKind.ASSEMBLY: [
            "general assembly",
            "asamblea",
            "asamblea general",
            "assembleia",
            "assembleia geral",
            "assemblee generale",
        ],
        BodyKind.OTHER: ["otro", "outro", "autre"],
    },
    BodyKind,
)

NATURE_SPELLINGS = _with_labels(
    {
        PositionNature.POLITICAL: ["politico", "politica", "politique", "elected", "electo"],
        PositionNature.EXECUTIVE: [
            "staff",
            "technical",
            "tecnico",
            "tecnica",
            "ejecutivo",
            "executivo",
            "executif",
            "technique",
        ],
    },
    PositionNature,
)

ACTIVITY_KIND_SPELLINGS = _with_labels(
    {
        ActivityKind.ATTENDED: [
            "attendance",
            "asistio",
            "asistencia",
            "participo",
            "participou",
            "compareceu",
            "a assiste",
            "participation",
        ],
        ActivityKind.HOSTED: [
            "host",
            "organised",
            "organized",
            "organizo",
            "acogio",
            "anfitrion",
            "sede",
            "sediou",
            "organizou",
            "a accueilli",
            "accueil",
            "organise",
        ],
        ActivityKind.PRESENTED: [
            "presentation",
            "presento",
            "ponencia",
            "apresentou",
            "apresentacao",
            "a presente",
            "presente",
        ],
        ActivityKind.CO_AUTHORED: [
            "co authored",
            "coauthored",
            "coautoria",
            "coautor",
            "co ecrit",
            "coauteur",
            "coecrit",
        ],
        ActivityKind.LED: [
            "lead",
            "leadership",
            "lidero",
            "dirigio",
            "coordino",
            "liderou",
            "coordenou",
            "a dirige",
            "pilotage",
        ],
        ActivityKind.VOTED: ["vote", "voto", "voto", "votou", "a vote"],
        ActivityKind.APPLIED_FOR_FUNDS: [
            "applied for funds",
            "funding application",
            "solicito fondos",
            "postulacion",
            "solicitou fundos",
            "candidatura",
            "demande de financement",
        ],
        ActivityKind.RECEIVED_FUNDS: [
            "received funds",
            "funds received",
            "recibio fondos",
            "financiamiento recibido",
            "recebeu fundos",
            "recebeu recursos",
            "financement recu",
        ],
        ActivityKind.WON_AWARD: [
            "award",
            "won award",
            "premio",
            "gano un premio",
            "ganhou premio",
            "prix",
            "a gagne un prix",
        ],
        ActivityKind.OTHER: ["otro", "otra", "outro", "outra", "autre"],
    },
    ActivityKind,
)

YES_NO = {
    **dict.fromkeys(["yes", "y", "true", "1", "x", "si", "sim", "oui", "vrai"], True),
    **dict.fromkeys(["no", "n", "false", "0", "nao", "non", "faux"], False),
}

#: The kinds a workbook may hold, in the order they are imported, with their sheet names in en/es/pt/fr.
SHEET_SPELLINGS = synonym_table(
    {
        "portfolio": [
            "memberships",
            "membership",
            "membresias",
            "afiliaciones",
            "adhesiones",
            "cartera",
            "membros",
            "filiacoes",
            "adesoes",
            "carteira",
            "adhesions",
            "portefeuille",
            "affiliations",
        ],
        "positions": ["position", "cargos", "puestos", "posicoes", "postes", "fonctions", "mandats"],
        "participations": [
            "participation",
            "participaciones",
            "participacoes",
            "grupos de trabajo",
            "groupes de travail",
        ],
        "activities": ["activity", "actividades", "atividades", "activites"],
    }
)
WORKBOOK_ORDER = ["portfolio", "positions", "participations", "activities"]

# -- columns ----------------------------------------------------------------------------------------------

NETWORK = Column(
    "network", required=True, aliases=("network name", "network acronym", "red", "rede", "reseau")
)

MEMBERSHIP_COLUMNS = [
    NETWORK,
    Column("status", aliases=("portfolio status", "estado", "situacion", "situacao", "statut")),
    Column("category", aliases=("membership category", "categoria", "categorie", "tipo de membresia")),
    Column(
        "joined",
        aliases=(
            "joined on",
            "since",
            "member since",
            "desde",
            "fecha de adhesion",
            "adhesion",
            "adesao",
            "data de adesao",
            "depuis",
            "date d adhesion",
        ),
    ),
    Column(
        "left",
        aliases=("left on", "until", "hasta", "fecha de baja", "saida", "data de saida", "date de depart"),
    ),
    Column(
        "annual fee",
        aliases=(
            "fee",
            "cuota",
            "cuota anual",
            "anuidade",
            "taxa anual",
            "cotisation",
            "cotisation annuelle",
        ),
    ),
    Column("currency", aliases=("moneda", "divisa", "moeda", "devise", "monnaie")),
    Column(
        "budget line",
        aliases=(
            "partida presupuestaria",
            "partida",
            "linea presupuestaria",
            "linha orcamentaria",
            "rubrica orcamentaria",
            "ligne budgetaire",
        ),
    ),
    Column(
        "renewal",
        aliases=(
            "renewal on",
            "renewal date",
            "renovacion",
            "fecha de renovacion",
            "renovacao",
            "data de renovacao",
            "renouvellement",
            "date de renouvellement",
        ),
    ),
    Column("owner", aliases=("internal owner", "responsable", "responsavel", "responsable interne")),
    Column(
        "reason for joining",
        aliases=(
            "reason",
            "why",
            "motivo de adhesion",
            "motivo",
            "razon",
            "motivo de adesao",
            "raison d adhesion",
            "motif d adhesion",
            "motif",
        ),
    ),
    Column(
        "leaving reason",
        aliases=(
            "reason for leaving",
            "motivo de baja",
            "motivo de salida",
            "motivo de saida",
            "raison du depart",
            "motif de depart",
        ),
    ),
    Column(
        "notes", aliases=("note", "comments", "nota", "notas", "observaciones", "observacoes", "remarques")
    ),
]

POSITION_COLUMNS = [
    NETWORK,
    Column(
        "body kind",
        required=True,
        aliases=(
            "body",
            "governance body",
            "organo",
            "tipo de organo",
            "orgao",
            "tipo de orgao",
            "instance",
            "organe",
        ),
    ),
    Column(
        "body name", aliases=("nombre del organo", "nome do orgao", "nom de l organe", "nom de l instance")
    ),
    Column(
        "seat",
        required=True,
        aliases=("position", "cargo", "puesto", "posicao", "poste", "fonction", "siege"),
    ),
    Column(
        "holder title",
        aliases=(
            "held by",
            "role",
            "role title",
            "titular",
            "titular cargo",
            "ocupante",
            "titulaire",
            "occupe par",
        ),
    ),
    Column("holder", aliases=("person", "holder person", "persona", "pessoa", "personne")),
    Column("nature", required=True, aliases=("naturaleza", "tipo de cargo", "natureza", "type de poste")),
    Column("start", aliases=("term start", "started on", "since", "desde", "inicio", "debut", "depuis")),
    Column("end", aliases=("term end", "ended on", "until", "hasta", "fin", "fim", "ate", "jusqu a")),
]

PARTICIPATION_COLUMNS = [
    NETWORK,
    Column(
        "working group",
        required=True,
        aliases=(
            "group",
            "commission",
            "grupo de trabajo",
            "comision",
            "grupo de trabalho",
            "comissao",
            "groupe de travail",
        ),
    ),
    Column(
        "department",
        required=True,
        aliases=("departamento", "area", "secretaria", "direccion", "departement", "service", "direction"),
    ),
    Column("representative", aliases=("person", "representante", "representant", "persona", "pessoa")),
    Column("since", aliases=("start", "started on", "desde", "inicio", "depuis", "debut")),
    Column("until", aliases=("end", "ended on", "hasta", "fin", "ate", "fim", "jusqu a")),
    Column(
        "hours per month",
        aliases=(
            "hours",
            "commitment",
            "horas por mes",
            "horas",
            "horas por mes",
            "heures par mois",
            "heures",
        ),
    ),
]

ACTIVITY_COLUMNS = [
    NETWORK,
    Column(
        "kind",
        required=True,
        aliases=(
            "activity kind",
            "type",
            "tipo",
            "tipo de actividad",
            "tipo de atividade",
            "type d activite",
        ),
    ),
    Column("date", required=True, aliases=("occurred on", "fecha", "data")),
    Column(
        "title", required=True, aliases=("activity", "titulo", "actividad", "atividade", "titre", "activite")
    ),
    Column("working group", aliases=("group", "grupo de trabajo", "grupo de trabalho", "groupe de travail")),
    Column(
        "at annual meeting",
        aliases=(
            "annual meeting",
            "summit",
            "asamblea anual",
            "cumbre",
            "assembleia anual",
            "cupula",
            "assemblee annuelle",
            "sommet",
        ),
    ),
    Column("people", aliases=("participants", "personas", "participantes", "pessoas", "personnes")),
    Column("outcome", aliases=("result", "resultado", "resultat")),
    Column(
        "evidence link",
        aliases=("evidence", "link", "url", "evidencia", "enlace", "evidencia link", "lien", "preuve"),
    ),
    Column("amount", aliases=("monto", "importe", "valor", "montant")),
    Column("currency", aliases=("moneda", "divisa", "moeda", "devise", "monnaie")),
]

# -- parsing ----------------------------------------------------------------------------------------------


def parse_day(text, *, future_years=1):
    """A date written ``YYYY-MM-DD``, ``DD/MM/YYYY``, ``DD.MM.YYYY``, ``YYYY-MM`` or ``YYYY``; empty gives None.

    ``future_years`` is how far ahead a date may lie (renewal dates are planned years ahead).

    Examples
    --------
    >>> parse_day("31/12/2025")
    datetime.date(2025, 12, 31)
    """
    text = (text or "").strip().split("T", 1)[0]
    if not text:
        return None
    latest = datetime.date.today().year + future_years
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y"):
        try:
            value = datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
        if value.year > latest:
            raise ValueError(_("“%(value)s” is not a plausible year.") % {"value": text})
        if value.year >= 1800:
            return value
    value, _precision = parse_partial_date(text)
    return value


def parse_amount(text):
    """A non-negative amount with a decimal point or comma (``"1200,50"``); empty gives None."""
    value = parse_decimal(text)
    if value is None:
        return None
    if value < 0:
        raise ValueError(_("An amount cannot be negative."))
    try:
        return Decimal(str(value)).quantize(Decimal("0.01"))
    except InvalidOperation:
        raise ValueError(_("“%(value)s” is not a number.") % {"value": text}) from None


def parse_currency(text):
    """An ISO 4217 code in any case (``"eur"`` -> ``"EUR"``); empty gives ""."""
    code = (text or "").strip().upper()
    if code and code not in known_currencies():
        raise ValueError(
            _("“%(value)s” is not an ISO 4217 currency code (for example EUR, USD, ARS).") % {"value": text}
        )
    return code


def parse_fee(text):
    """A fee cell: ``(amount, currency or "")``, or ``(None, "")`` when empty.

    Examples
    --------
    >>> parse_fee("1200 usd")
    (Decimal('1200.00'), 'USD')
    """
    text = (text or "").strip()
    if not text:
        return None, ""
    match = FEE_CELL.match(text)
    if not match or (match.group(1) and match.group(3)):
        raise ValueError(
            _("“%(value)s” is not a fee: write an amount, optionally with its currency (1200 or 1200 USD).")
            % {"value": text}
        )
    return parse_amount(match.group(2)), parse_currency(match.group(1) or match.group(3) or "")


def person_key(name):
    """People are found again by their name, ignoring case, accents and extra spaces."""
    return word_key(name)


def differs(instance, values, m2m=None):
    """True when saving ``values`` (and many-to-many ``m2m``) would change ``instance``."""
    if instance is None or instance.pk is None:
        return True
    for name, value in values.items():
        if getattr(instance, name) != value:
            return True
    for name, objects in (m2m or {}).items():
        if {item.pk for item in getattr(instance, name).all()} != {item.pk for item in objects}:
            return True
    return False


# -- the importers ----------------------------------------------------------------------------------------


class WorkspaceImporter(Importer):
    """Base of the portfolio importers: rows resolved against one workspace.

    With ``in_workbook=True`` the importer writes inside the transaction of :func:`import_workbook`,
    which alone decides whether to commit: the sheets imported after this one see its records.
    """

    #: Whether every row's network must already be in the workspace's portfolio.
    needs_membership = True

    def __init__(self, workspace, *, in_workbook=False, **options):
        super().__init__(**options)
        self.workspace = workspace
        self.in_workbook = in_workbook

    # -- file ----------------------------------------------------------------------------------------
    def check_file(self, report):
        self.report = report
        self.networks = NetworkIndex.load()
        self.networks_by_slug = {network.slug: network for network in self.networks.networks}
        self.memberships = {
            membership.network_id: membership
            for membership in PortfolioMembership.objects.for_workspace(self.workspace).select_related(
                "network"
            )
        }
        self.seen = {}

    def begin_write(self, report):
        self.people = {}
        for person in Person.objects.for_workspace(self.workspace).order_by("pk"):
            self.people.setdefault(person_key(person.name), []).append(person)

    def _write(self, report):
        if not self.in_workbook:
            return super()._write(report)
        rows = [row for row in report.rows if row.ok and row.outcome != RowOutcome.SKIPPED]
        self.begin_write(report)
        total = len(rows)
        for done, row in enumerate(rows, start=1):
            try:
                row.outcome = self.write_row(row)
            except ValidationError as error:
                self._add_validation_errors(row, error)
            if done % 200 == 0 or done == total:
                self.progress(_("Writing"), done, total)
        for row in report.rows:
            if not row.ok:
                row.outcome = RowOutcome.ERROR
        return None

    # -- cells ---------------------------------------------------------------------------------------
    def present(self, column):
        return column in self.header_map

    def text(self, row, column, *, max_length=None, required=False):
        value = self.cell(row, column)
        if required and not value:
            row.add_error(self.header(column), _("This column cannot be empty."))
        if max_length and len(value) > max_length:
            row.add_error(
                self.header(column),
                _("The text is longer than %(count)s characters.") % {"count": max_length},
            )
        return value

    def date(self, row, column, *, required=False, future_years=1):
        if required and not self.cell(row, column):
            row.add_error(self.header(column), _("This column cannot be empty."))
            return None
        return self.parse(row, column, parse_day, future_years=future_years)

    def word(self, row, column, table, choices, *, default=None, required=False):
        text = self.cell(row, column)
        if not text:
            if required:
                row.add_error(self.header(column), _("This column cannot be empty."))
            return default
        value = table.get(word_key(text))
        if value is None:
            row.add_error(
                self.header(column),
                _("Unknown value “%(value)s”; use one of %(choices)s.")
                % {"value": text, "choices": ", ".join(choices.values)},
            )
            return default
        return value

    def person_name(self, row, column):
        return self.text(row, column, max_length=200)

    def clean_network(self, row):
        """The network of the row, and (when needed) its membership in the workspace's portfolio."""
        text = self.cell(row, "network")
        row.label = text
        if not text:
            row.add_error(self.header("network"), _("The network is empty."))
            return None
        network = self.networks_by_slug.get(text)
        if network is None:
            try:
                network = self.networks.find(text)
            except ValueError as error:
                row.add_error(self.header("network"), str(error))
                return None
        if network is None:
            row.add_error(self.header("network"), self.networks.unknown_message(text))
            return None
        if self.needs_membership and network.pk not in self.memberships:
            row.add_error(
                self.header("network"),
                _(
                    "%(network)s is not in the workspace's portfolio: import its membership first "
                    "(or a workbook whose memberships sheet adds it)."
                )
                % {"network": network},
            )
        return network

    def check_period(self, row, start, end, end_column):
        if start and end and end < start:
            row.add_error(self.header(end_column), _("The end is before the start."))

    def check_duplicate(self, row, key, column):
        """An error when an earlier row of the file has the same natural key."""
        first_line = self.seen.setdefault(key, row.line)
        if first_line != row.line:
            row.add_error(
                self.header(column),
                _("This row describes the same record as line %(line)s.") % {"line": first_line},
            )

    # -- writing helpers -----------------------------------------------------------------------------
    def find_person(self, row, column, name):
        """The workspace's person called ``name``, added (and reported) when the workspace has none."""
        if not name:
            return None
        found = self.people.get(person_key(name), [])
        if len(found) > 1:
            row.add_error(
                self.header(column),
                _("The workspace has %(count)s people called “%(name)s”; rename one of them first.")
                % {"count": len(found), "name": name},
            )
            return None
        if found:
            return found[0]
        person = save_private_record(Person(), self.workspace, {"name": name})
        self.people[person_key(name)] = [person]
        self.report.counters[PEOPLE_CREATED] += 1
        row.add_warning(
            self.header(column),
            _("“%(name)s” was not among the workspace's people and is added.") % {"name": name},
        )
        return person

    def default_currency(self, row, column):
        row.add_warning(
            self.header(column),
            _("No currency given: the workspace's currency %(currency)s is used.")
            % {"currency": self.workspace.default_currency},
        )
        return self.workspace.default_currency

    def save(self, instance, values, action, model, **options):
        """Save through ``action`` when something changes; return the record and the row's outcome."""
        m2m = {name: options[name] for name in ("people",) if options.get(name) is not None}
        if not differs(instance, values, m2m):
            return instance, RowOutcome.UNCHANGED
        created = instance is None
        if created:
            # The new record starts with its values: an unset relation cannot even be compared.
            instance = model(workspace=self.workspace, **values)
        record = action(self.workspace, values, instance=instance, **options)
        return record, RowOutcome.CREATED if created else RowOutcome.UPDATED


class PortfolioImporter(WorkspaceImporter):
    """The memberships of the portfolio, with optional fee columns per year ("fee 2024", "paid 2024")."""

    kind = "portfolio"
    columns = MEMBERSHIP_COLUMNS
    needs_membership = False
    model_field_columns = {
        "network": "network",
        "status": "status",
        "category": "category",
        "joined_on": "joined",
        "left_on": "left",
        "annual_fee": "annual fee",
        "currency": "currency",
        "budget_line": "budget line",
        "renewal_on": "renewal",
        "reason_for_joining": "reason for joining",
        "leaving_reason": "leaving reason",
        "notes": "notes",
    }
    #: Column -> model field, for the columns that hold plain values.
    fields = {
        "status": "status",
        "category": "category",
        "joined": "joined_on",
        "left": "left_on",
        "annual fee": "annual_fee",
        "currency": "currency",
        "budget line": "budget_line",
        "renewal": "renewal_on",
        "reason for joining": "reason_for_joining",
        "leaving reason": "leaving_reason",
        "notes": "notes",
    }

    def check_file(self, report):
        super().check_file(report)
        self.fee_headers, self.paid_headers = {}, {}
        for header in report.headers:
            for pattern, found in ((FEE_HEADER, self.fee_headers), (PAID_HEADER, self.paid_headers)):
                match = pattern.match(header_key(header))
                if match:
                    found[int(match.group(1))] = header
        fee_headers = {*self.fee_headers.values(), *self.paid_headers.values()}
        report.warnings = [issue for issue in report.warnings if issue.field not in fee_headers]
        for year, header in self.paid_headers.items():
            if year not in self.fee_headers:
                report.issues.append(
                    Issue(1, header, _("There is no fee column for %(year)s.") % {"year": year})
                )

    def clean_row(self, row):
        values = row.values
        values["network"] = network = self.clean_network(row)
        if network is not None:
            self.check_duplicate(row, network.pk, "network")
        fields = {}
        if self.present("status"):
            fields["status"] = self.word(
                row, "status", PORTFOLIO_STATUS_SPELLINGS, PortfolioStatus, default=PortfolioStatus.ACTIVE
            )
        if self.present("category"):
            fields["category"] = self.word(
                row, "category", CATEGORY_SPELLINGS, MembershipCategory, default=""
            )
        for column, field_name in (("joined", "joined_on"), ("left", "left_on")):
            if self.present(column):
                fields[field_name] = self.date(row, column)
        if self.present("renewal"):
            fields["renewal_on"] = self.date(row, "renewal", future_years=20)
        if self.present("annual fee"):
            fields["annual_fee"] = self.parse(row, "annual fee", parse_amount)
        if self.present("currency"):
            fields["currency"] = self.parse(row, "currency", parse_currency) or ""
        if self.present("budget line"):
            fields["budget_line"] = self.text(row, "budget line", max_length=200)
        for column in ("reason for joining", "leaving reason", "notes"):
            if self.present(column):
                fields[self.fields[column]] = self.text(row, column)
        self.check_period(row, fields.get("joined_on"), fields.get("left_on"), "left")
        values["fields"] = fields
        values["owner"] = self.person_name(row, "owner") if self.present("owner") else None
        values["fees"] = {}
        for year, header in sorted(self.fee_headers.items()):
            try:
                amount, currency = parse_fee(row.cells.get(header, ""))
            except ValueError as error:
                row.add_error(header, str(error))
                continue
            paid_header = self.paid_headers.get(year)
            paid_on = None
            if paid_header:
                try:
                    paid_on = parse_day(row.cells.get(paid_header, ""))
                except ValueError as error:
                    row.add_error(paid_header, str(error))
            if amount is None:
                if paid_on is not None:
                    row.add_error(header, _("A payment date is given without the fee."))
                continue
            values["fees"][year] = (amount, currency, paid_on, paid_header is not None)

    def write_row(self, row):
        values = row.values
        network = values["network"]
        fields = dict(values["fields"])
        membership = PortfolioMembership.objects.for_workspace(self.workspace).filter(network=network).first()
        if fields.get("annual_fee") is not None and not fields.get("currency"):
            existing = membership.currency if membership else ""
            fields["currency"] = existing or self.default_currency(row, "currency")
        if self.present("owner"):
            fields["owner"] = self.find_person(row, "owner", values["owner"])
            if not row.ok:
                return RowOutcome.ERROR
        if membership is None:
            fields["network"] = network
        membership, outcome = self.save(membership, fields, save_membership, PortfolioMembership)
        self.memberships[network.pk] = membership
        fee_changed = self.write_fees(row, membership)
        if outcome == RowOutcome.UNCHANGED and fee_changed:
            outcome = RowOutcome.UPDATED
        return outcome if row.ok else RowOutcome.ERROR

    def write_fees(self, row, membership):
        changed = False
        existing = {
            fee.year: fee
            for fee in MembershipFee.objects.for_workspace(self.workspace).filter(membership=membership)
        }
        for year, (amount, currency, paid_on, paid_given) in sorted(row.values["fees"].items()):
            fee = existing.get(year)
            fee_values = {"amount": amount, "currency": currency or membership.currency}
            if not fee_values["currency"]:
                fee_values["currency"] = (
                    fee.currency if fee else self.default_currency(row, self.fee_headers[year])
                )
            if paid_given:
                fee_values["paid_on"] = paid_on
            if fee is None:
                fee_values.update(membership=membership, year=year)
            try:
                _fee, outcome = self.save(fee, fee_values, save_fee, MembershipFee)
            except ValidationError as error:
                for message in error.messages:
                    row.add_error(self.fee_headers[year], message)
                continue
            if outcome == RowOutcome.CREATED:
                self.report.counters[FEES_CREATED] += 1
            elif outcome == RowOutcome.UPDATED:
                self.report.counters[FEES_UPDATED] += 1
            changed = changed or outcome != RowOutcome.UNCHANGED
        return changed


class PositionImporter(WorkspaceImporter):
    """Seats the city holds in its networks' governance bodies."""

    kind = "positions"
    columns = POSITION_COLUMNS
    model_field_columns = {
        "body": "body kind",
        "seat": "seat",
        "holder_title": "holder title",
        "holder": "holder",
        "nature": "nature",
        "started_on": "start",
        "ended_on": "end",
    }

    def clean_row(self, row):
        values = row.values
        values["network"] = network = self.clean_network(row)
        values["body_kind"] = self.word(row, "body kind", BODY_KIND_SPELLINGS, BodyKind, required=True)
        values["body_name"] = self.text(row, "body name", max_length=200)
        values["seat"] = self.text(row, "seat", max_length=200, required=True)
        values["holder_title"] = self.text(row, "holder title", max_length=200)
        values["holder"] = self.person_name(row, "holder")
        values["nature"] = self.word(row, "nature", NATURE_SPELLINGS, PositionNature, required=True)
        values["started_on"] = self.date(row, "start")
        values["ended_on"] = self.date(row, "end", future_years=10)
        self.check_period(row, values["started_on"], values["ended_on"], "end")
        if network is not None and row.ok:
            key = (
                network.pk,
                values["body_kind"],
                word_key(values["body_name"]),
                values["seat"],
                values["started_on"],
            )
            self.check_duplicate(row, key, "seat")

    def write_row(self, row):
        values = row.values
        network = values["network"]
        membership = self.memberships[network.pk]
        body_exists = (
            GovernanceBody.objects.for_workspace(self.workspace)
            .filter(network=network, kind=values["body_kind"], name=values["body_name"])
            .exists()
        )
        body = find_or_create_body(self.workspace, network, values["body_kind"], values["body_name"])
        if not body_exists:
            self.report.counters[BODIES_CREATED] += 1
        position = (
            Position.objects.for_workspace(self.workspace)
            .filter(membership=membership, body=body, seat=values["seat"], started_on=values["started_on"])
            .first()
        )
        fields = {"nature": values["nature"]}
        if self.present("end"):
            fields["ended_on"] = values["ended_on"]
        if self.present("holder title"):
            fields["holder_title"] = values["holder_title"]
        if self.present("holder"):
            fields["holder"] = self.find_person(row, "holder", values["holder"])
        if not fields.get("holder_title") and position is None:
            holder = fields.get("holder")
            fields["holder_title"] = holder.role_title if holder and holder.role_title else ""
        if position is None:
            fields.update(
                membership=membership, body=body, seat=values["seat"], started_on=values["started_on"]
            )
        if not row.ok:
            return RowOutcome.ERROR
        _position, outcome = self.save(position, fields, save_position, Position)
        return outcome


class ParticipationImporter(WorkspaceImporter):
    """Departments (and their representatives) in the networks' working groups."""

    kind = "participations"
    columns = PARTICIPATION_COLUMNS
    model_field_columns = {
        "working_group": "working group",
        "department": "department",
        "representative": "representative",
        "started_on": "since",
        "ended_on": "until",
        "hours_per_month": "hours per month",
    }

    def clean_row(self, row):
        values = row.values
        values["network"] = network = self.clean_network(row)
        values["working_group"] = self.text(row, "working group", max_length=200, required=True)
        values["department"] = self.text(row, "department", max_length=200, required=True)
        values["representative"] = self.person_name(row, "representative")
        values["started_on"] = self.date(row, "since")
        values["ended_on"] = self.date(row, "until", future_years=10)
        self.check_period(row, values["started_on"], values["ended_on"], "until")
        hours = self.parse(row, "hours per month", parse_decimal, minimum=0, maximum=744)
        values["hours_per_month"] = None if hours is None else Decimal(str(hours)).quantize(Decimal("0.1"))
        if network is not None and row.ok:
            key = (
                network.pk,
                word_key(values["working_group"]),
                word_key(values["department"]),
                values["started_on"],
            )
            self.check_duplicate(row, key, "working group")

    def begin_write(self, report):
        super().begin_write(report)
        self.departments = {
            word_key(department.name): department
            for department in Department.objects.for_workspace(self.workspace)
        }

    def find_department(self, row, name):
        department = self.departments.get(word_key(name))
        if department is None:
            department = save_private_record(Department(), self.workspace, {"name": name})
            self.departments[word_key(name)] = department
            self.report.counters[DEPARTMENTS_CREATED] += 1
            row.add_warning(
                self.header("department"),
                _("The department “%(name)s” is new and is added.") % {"name": name},
            )
        return department

    def write_row(self, row):
        values = row.values
        network = values["network"]
        membership = self.memberships[network.pk]
        group = find_working_group(self, row, network, values["working_group"])
        department = self.find_department(row, values["department"])
        participation = (
            Participation.objects.for_workspace(self.workspace)
            .filter(working_group=group, department=department, started_on=values["started_on"])
            .first()
        )
        fields = {"membership": membership}
        if self.present("until"):
            fields["ended_on"] = values["ended_on"]
        if self.present("hours per month"):
            fields["hours_per_month"] = values["hours_per_month"]
        if self.present("representative"):
            fields["representative"] = self.find_person(row, "representative", values["representative"])
        if participation is None:
            fields.update(working_group=group, department=department, started_on=values["started_on"])
        if not row.ok:
            return RowOutcome.ERROR
        _participation, outcome = self.save(participation, fields, save_participation, Participation)
        return outcome


def find_working_group(importer, row, network, name):
    """The workspace's working group ``name`` of ``network``, added (and reported) when new."""
    existing = (
        WorkingGroup.objects.for_workspace(importer.workspace)
        .filter(network=network, name__iexact=name)
        .first()
    )
    if existing is not None:
        return existing
    group = find_or_create_working_group(importer.workspace, network, name)
    importer.report.counters[WORKING_GROUPS_CREATED] += 1
    row.add_warning(
        importer.header("working group"),
        _("The working group “%(name)s” of %(network)s is new and is added.")
        % {"name": name, "network": network},
    )
    return group


class ActivityImporter(WorkspaceImporter):
    """What the city did in its networks."""

    kind = "activities"
    columns = ACTIVITY_COLUMNS
    model_field_columns = {
        "working_group": "working group",
        "kind": "kind",
        "occurred_on": "date",
        "title": "title",
        "at_annual_meeting": "at annual meeting",
        "people": "people",
        "outcome": "outcome",
        "evidence_url": "evidence link",
        "amount": "amount",
        "currency": "currency",
    }

    def clean_row(self, row):
        values = row.values
        values["network"] = network = self.clean_network(row)
        values["kind"] = self.word(row, "kind", ACTIVITY_KIND_SPELLINGS, ActivityKind, required=True)
        values["occurred_on"] = self.date(row, "date", required=True)
        values["title"] = self.text(row, "title", max_length=300, required=True)
        values["working_group"] = self.text(row, "working group", max_length=200)
        meeting = self.cell(row, "at annual meeting")
        values["at_annual_meeting"] = YES_NO.get(word_key(meeting)) if meeting else False
        if values["at_annual_meeting"] is None:
            row.add_error(
                self.header("at annual meeting"), _("“%(value)s” is not yes or no.") % {"value": meeting}
            )
        values["people"] = [
            name.strip() for name in self.cell(row, "people").split(LIST_SEPARATOR) if name.strip()
        ]
        for name in values["people"]:
            if len(name) > 200:
                row.add_error(self.header("people"), _("A name is longer than 200 characters."))
        values["outcome"] = self.text(row, "outcome")
        values["evidence_url"] = self.text(row, "evidence link", max_length=500)
        values["amount"] = self.parse(row, "amount", parse_amount)
        values["currency"] = self.parse(row, "currency", parse_currency) or ""
        if network is not None and row.ok:
            key = (network.pk, values["occurred_on"], values["kind"], values["title"])
            self.check_duplicate(row, key, "title")

    def write_row(self, row):
        values = row.values
        network = values["network"]
        membership = self.memberships[network.pk]
        activity = (
            Activity.objects.for_workspace(self.workspace)
            .filter(
                membership=membership,
                occurred_on=values["occurred_on"],
                kind=values["kind"],
                title=values["title"],
            )
            .first()
        )
        fields = {}
        for column, field_name in (
            ("at annual meeting", "at_annual_meeting"),
            ("outcome", "outcome"),
            ("evidence link", "evidence_url"),
            ("amount", "amount"),
            ("currency", "currency"),
        ):
            if self.present(column):
                fields[field_name] = values[field_name]
        if fields.get("amount") is not None and not fields.get("currency"):
            fields["currency"] = (activity.currency if activity else "") or self.default_currency(
                row, "currency"
            )
        if self.present("working group"):
            fields["working_group"] = (
                find_working_group(self, row, network, values["working_group"])
                if values["working_group"]
                else None
            )
        people = None
        if self.present("people"):
            people = [self.find_person(row, "people", name) for name in values["people"]]
        if activity is None:
            fields.update(
                membership=membership,
                occurred_on=values["occurred_on"],
                kind=values["kind"],
                title=values["title"],
            )
        if not row.ok:
            return RowOutcome.ERROR
        _activity, outcome = self.save(activity, fields, save_activity, Activity, people=people)
        return outcome


IMPORTERS = {
    "portfolio": PortfolioImporter,
    "positions": PositionImporter,
    "participations": ParticipationImporter,
    "activities": ActivityImporter,
}
KINDS = [*IMPORTERS, "workbook"]

# -- entry points -----------------------------------------------------------------------------------------


def import_portfolio_file(workspace, path, kind, *, dry_run=False, progress=None, **options):
    """Import one file of ``kind`` (portfolio, positions, participations, activities or workbook).

    Returns a :class:`WorkbookReport` for a workbook and an
    :class:`~intercity.core.importing.ImportReport` otherwise; nothing is written when ``dry_run`` is
    true or when any row has an error. ``options`` (encoding, delimiter, sheet) are those of the pipeline.

    Examples
    --------
    >>> report = import_portfolio_file(workspace, "positions.csv", "positions", dry_run=True)  # doctest: +SKIP
    >>> report.ok, report.outcome_counts()["created"]  # doctest: +SKIP
    (True, 4)
    """
    if kind == "workbook":
        return import_workbook(workspace, path, dry_run=dry_run, progress=progress)
    if kind not in IMPORTERS:
        raise ValueError(kind)
    importer = IMPORTERS[kind](workspace, dry_run=dry_run, progress=progress, **options)
    return importer.run(path)


@dataclass
class WorkbookReport:
    """The reports of a workbook's sheets, imported in one transaction (committed together or not at all)."""

    path: str = ""
    dry_run: bool = False
    committed: bool = False
    kind: str = "workbook"
    reports: list = field(default_factory=list)
    issues: list = field(default_factory=list)
    warnings: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.issues and all(report.ok for report in self.reports)

    @property
    def errors(self):
        return [*self.issues, *(issue for report in self.reports for issue in report.errors)]


def workbook_sheets(path):
    """``(kinds found -> sheet name, warnings)`` of a workbook; raises ImportFileError when unreadable."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise ImportFileError(_("The file %(path)s does not exist.") % {"path": path}) from None
    except Exception as error:  # openpyxl raises zipfile, XML and KeyError alike for a bad file
        raise ImportFileError(
            _("The file %(path)s is not a readable XLSX workbook: %(error)s") % {"path": path, "error": error}
        ) from None
    sheets, warnings = {}, []
    try:
        for name in workbook.sheetnames:
            kind = SHEET_SPELLINGS.get(word_key(name))
            if kind is None:
                warnings.append(
                    Issue(
                        None,
                        name,
                        _(
                            "This sheet is not one of memberships, positions, participations, activities; it is ignored."
                        ),
                    )
                )
                continue
            if kind in sheets:
                raise ImportFileError(
                    _("The sheets “%(first)s” and “%(second)s” hold the same kind of records; keep one.")
                    % {"first": sheets[kind][0], "second": name}
                )
            rows = workbook[name].iter_rows(values_only=True)
            filled = sum(1 for cells in rows if any(cell not in (None, "") for cell in cells))
            sheets[kind] = (name, filled > 1)
    finally:
        workbook.close()
    return sheets, warnings


def import_workbook(workspace, path, *, dry_run=False, progress=None):
    """Import an XLSX workbook with one sheet per kind, in order, in one transaction.

    Sheet names may be English, Spanish, Portuguese or French (memberships/membresías/adesões/adhésions,
    positions/cargos/postes, participations/participaciones, activities/actividades/activités). A sheet
    with only its header is skipped.
    """
    report = WorkbookReport(path=str(path), dry_run=dry_run)
    try:
        sheets, report.warnings = workbook_sheets(path)
    except ImportFileError as error:
        report.issues.append(Issue(error.line, error.field, error.message))
        return report
    if not sheets:
        report.issues.append(
            Issue(
                None,
                "",
                _("The workbook has none of the sheets memberships, positions, participations, activities."),
            )
        )
        return report
    with transaction.atomic():
        for kind in WORKBOOK_ORDER:
            if kind not in sheets:
                continue
            name, has_rows = sheets[kind]
            if not has_rows:
                report.warnings.append(Issue(None, name, _("The sheet has no rows; nothing to import.")))
                continue
            importer = IMPORTERS[kind](
                workspace, in_workbook=True, dry_run=dry_run, progress=progress, sheet=name
            )
            sheet_report = importer.run(path)
            sheet_report.kind = kind
            sheet_report.sheet = name
            report.reports.append(sheet_report)
        if dry_run or not report.ok:
            transaction.set_rollback(True)
        else:
            report.committed = True
            for sheet_report in report.reports:
                sheet_report.committed = True
    return report


def report_sections(report):
    """``[(title, ImportReport)]``: the sheets of a workbook report, or the one report of a file."""
    if isinstance(report, WorkbookReport):
        return [(getattr(sheet, "sheet", sheet.kind), sheet) for sheet in report.reports]
    return [(report.kind, report)] if isinstance(report, ImportReport) else []


REPORT_CSV_COLUMNS = ["sheet", "line", "network", "outcome", "column", "problem"]


def write_report_csv(report, path):
    """Write every row of a portfolio import (or of every sheet of a workbook) with its outcome and problems.

    A row with several problems has one line per problem; file-level problems have no line number.
    """
    with open(path, "w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(REPORT_CSV_COLUMNS)
        for issue in report.issues if isinstance(report, WorkbookReport) else []:
            writer.writerow(["", issue.line or "", "", RowOutcome.ERROR, issue.field, issue.message])
        for title, section in report_sections(report):
            for issue in section.issues:
                writer.writerow([title, issue.line or "", "", RowOutcome.ERROR, issue.field, issue.message])
            for row in section.rows:
                outcome = row.outcome or RowOutcome.NOT_WRITTEN
                problems = [*row.errors, *row.warnings] or [None]
                for issue in problems:
                    writer.writerow(
                        [
                            title,
                            row.line,
                            row.label,
                            outcome,
                            issue.field if issue else "",
                            issue.message if issue else "",
                        ]
                    )
