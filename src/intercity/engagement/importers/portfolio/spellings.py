"""The words a portfolio file may use for its choices and sheets, in English, Spanish, Portuguese and French."""

from intercity.core.importing import synonym_table, word_key
from intercity.engagement.choices import (
    ActivityKind,
    MembershipCategory,
    PortfolioStatus,
    PositionNature,
)
from intercity.networks.choices import BodyKind


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
