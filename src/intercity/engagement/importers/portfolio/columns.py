"""The columns of each kind of portfolio file, with their aliases, and the per-year fee headers."""

import re

from intercity.core.importing import Column

#: A fee column: "fee 2024", "cuota 2024", "cotisation 2024"... (compared as header keys).
FEE_HEADER = re.compile(r"^(?:fee|annualfee|cuota|cuotaanual|anuidade|taxa|cotisation|contribution)(\d{4})$")
#: The day a year's fee was paid: "paid 2024", "pagado 2024", "pago em 2024", "payé 2024".
PAID_HEADER = re.compile(r"^(?:paid|paidon|feepaid|pagado|pagadael|pagoem|pagaem|paye|payele)(\d{4})$")
LIST_SEPARATOR = ";"

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
