"""The columns of a practices file and of a lessons file, with their spellings in en/es/pt/fr.

The canonical names double as the keys of a JSON file and as the header of an export. Headers are
compared loosely (:func:`intercity.core.importing.header_key`): ``key figures``, ``key_figures`` and
``Key-Figures`` are one column.
"""

from intercity.core.importing import Column

#: Separator of the values of a list cell (themes, SDGs, networks, tags); a JSON array is read too.
LIST_SEPARATOR = ";"

LANGUAGE = Column("language", aliases=("lang", "idioma", "lengua", "lingua", "langue"))
VISIBILITY = Column("visibility", aliases=("visibilidad", "visibilidade", "visibilite", "visible to"))

PRACTICE_COLUMNS = [
    Column(
        "title",
        required=True,
        aliases=(
            "practice",
            "good practice",
            "titulo",
            "buena practica",
            "practica",
            "boa pratica",
            "pratica",
            "titre",
            "bonne pratique",
            "pratique",
        ),
    ),
    Column(
        "government",
        required=True,
        aliases=(
            "local government",
            "city",
            "municipality",
            "gobierno",
            "gobierno local",
            "ciudad",
            "municipio",
            "governo",
            "governo local",
            "cidade",
            "gouvernement",
            "collectivite",
            "ville",
            "municipalite",
        ),
    ),
    Column("government_id", aliases=("government id", "id gobierno", "id governo", "id gouvernement")),
    Column("country", aliases=("country code", "pais", "codigo de pais", "pays", "code pays")),
    Column("themes", aliases=("theme", "topics", "temas", "tema", "themes", "thematiques")),
    Column(
        "sdgs",
        aliases=(
            "sdg",
            "sustainable development goals",
            "ods",
            "objetivos de desarrollo sostenible",
            "objetivos de desenvolvimento sustentavel",
            "odd",
            "objectifs de developpement durable",
        ),
    ),
    Column(
        "problem",
        required=True,
        aliases=("challenge", "problema", "desafio", "reto", "probleme", "defi", "enjeu"),
    ),
    Column(
        "solution",
        required=True,
        aliases=(
            "what was done",
            "solucion",
            "lo que se hizo",
            "solucao",
            "o que foi feito",
            "ce qui a ete fait",
        ),
    ),
    Column("results", aliases=("result", "outcomes", "resultados", "resultado", "resultats", "resultat")),
    Column(
        "key_figures",
        aliases=(
            "figures",
            "key figures",
            "cifras clave",
            "cifras",
            "numeros chave",
            "dados chave",
            "chiffres cles",
            "chiffres",
        ),
    ),
    Column("cost", aliases=("costo", "coste", "custo", "cout")),
    Column("currency", aliases=("moneda", "divisa", "moeda", "devise", "monnaie")),
    Column(
        "cost_note",
        aliases=(
            "about the cost",
            "cost note",
            "nota sobre el costo",
            "sobre el costo",
            "nota sobre o custo",
            "sobre o custo",
            "note sur le cout",
            "a propos du cout",
        ),
    ),
    Column(
        "started",
        aliases=(
            "started in",
            "start",
            "start year",
            "inicio",
            "ano de inicio",
            "desde",
            "debut",
            "annee de debut",
            "depuis",
        ),
    ),
    Column(
        "ended",
        aliases=(
            "ended in",
            "end",
            "end year",
            "fin",
            "ano de fin",
            "hasta",
            "fim",
            "ano de termino",
            "ate",
            "annee de fin",
            "jusqu a",
        ),
    ),
    Column(
        "timeframe_note",
        aliases=(
            "about the timeframe",
            "timeframe",
            "periodo",
            "plazo",
            "calendario",
            "prazo",
            "cronograma",
            "calendrier",
            "duree",
        ),
    ),
    Column("partners", aliases=("socios", "aliados", "parceiros", "partenaires")),
    Column("networks", aliases=("network", "networks involved", "redes", "red", "rede", "reseaux", "reseau")),
    LANGUAGE,
    Column(
        "source_url",
        aliases=("source", "source address", "url", "link", "fuente", "enlace", "fonte", "lien"),
    ),
    Column("licence", aliases=("license", "licencia", "licenca")),
    VISIBILITY,
]

LESSON_COLUMNS = [
    Column("title", required=True, aliases=("titulo", "titre")),
    Column(
        "learned",
        required=True,
        aliases=(
            "what was learned",
            "lesson learned",
            "lesson",
            "aprendizaje",
            "lo aprendido",
            "leccion",
            "aprendizado",
            "o que aprendemos",
            "licao",
            "enseignement",
            "ce que nous avons appris",
            "lecon",
        ),
    ),
    Column("activity", aliases=("actividad", "atividade", "activite")),
    Column("event", aliases=("evento", "evenement")),
    Column("project", aliases=("proyecto", "projeto", "projet")),
    Column(
        "learned_on",
        aliases=("learned on", "date", "fecha", "aprendido el", "data", "aprendido em", "appris le"),
    ),
    Column("author", aliases=("by", "autor", "autora", "auteur", "autrice")),
    Column(
        "tags",
        aliases=(
            "tag",
            "keywords",
            "etiquetas",
            "palabras clave",
            "palavras chave",
            "mots cles",
            "etiquettes",
        ),
    ),
    LANGUAGE,
    VISIBILITY,
]
