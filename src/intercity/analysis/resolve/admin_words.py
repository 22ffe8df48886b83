"""Administrative words around place names, and names that denote something other than a place.

The rule (documented in the package docstring) is:

* Words that name **the government of a single municipality** ("Comune di", "City Council of", "Gemeente",
  "kommun", "Ayuntamiento de", "Város Önkormányzata", ...) are stripped and the rest is resolved as the place.
  French "Métropole"/"Grand X" intercommunalities are treated the same way: they carry the name of their
  central city and are usually meant as that city.
* Words that name a **region, a grouping of municipalities or an organisation** ("Province of", "Region",
  "Landkreis", "Communauté de communes", "Unione dei Comuni", "Association", "Network", "Agency", ...)
  make the whole cell *not a place*, even when the rest is also a city name: "Province of Barcelona" is not
  Barcelona.

All patterns work on :func:`~intercity.analysis.resolve.normalise.normalise_name` output (ASCII, lowercase).
"""

from __future__ import annotations

import re

# Government of one municipality, placed before the name.  Longest phrases first so that
# "city council of" wins over "city of".
_PREFIXES = (
    # English
    "the city council of",
    "city council of",
    "town council of",
    "local council of",
    "municipal council of",
    "municipality of",
    "municipality",
    "city of",
    "town of",
    "village of",
    "borough of",
    "london borough of",
    "royal borough of",
    "metropolitan borough of",
    "city hall of",
    "mayor of",
    "mayoralty of",
    "the city of",
    "the municipality of",
    "the town of",
    "municipal corporation of",
    # Italian
    "comune di",
    "comune de",
    "comune",
    "citta di",
    "municipio di",
    "amministrazione comunale di",
    # German, Dutch
    "landeshauptstadt",
    "hansestadt",
    "universitatsstadt",
    "grosse kreisstadt",
    "kreisstadt",
    "stadtgemeinde",
    "marktgemeinde",
    "ortsgemeinde",
    "gemeinde",
    "stadt",
    "markt",
    "gemeente",
    "stad",
    # Spanish, Catalan, Galician, Portuguese
    "excmo ayuntamiento de",
    "ayuntamiento de",
    "ayuntamiento del",
    "ayuntamiento",
    "concello de",
    "concello da",
    "concello do",
    "concello",
    "ajuntament de",
    "ajuntament d",
    "ajuntament",
    "municipio de",
    "municipio do",
    "municipio da",
    # Latin America: the city government's own names (Intendencia, Alcaldía, Prefeitura...)
    "gobierno autonomo municipal de",
    "gobierno de la ciudad autonoma de",
    "gobierno de la ciudad de",
    "gobierno municipal de",
    "ciudad autonoma de",
    "municipalidad metropolitana de",
    "municipalidad provincial de",
    "municipalidad distrital de",
    "municipalidad de",
    "municipalidad del",
    "intendencia municipal de",
    "intendencia de",
    "alcaldia mayor de",
    "alcaldia municipal de",
    "alcaldia de",
    "distrito metropolitano de",
    "concejo municipal de",
    "prefeitura da cidade do",
    "prefeitura da cidade de",
    "prefeitura do municipio de",
    "prefeitura municipal do",
    "prefeitura municipal da",
    "prefeitura municipal de",
    "prefeitura de",
    "camara municipal de",
    "camara municipal do",
    "camara municipal da",
    "camara municipal",
    # French
    "ville de",
    "ville d",
    "commune urbaine de",
    "commune urbaine d",
    "commune rurale de",
    "commune rurale d",
    "commune de",
    "commune d",
    "mairie de",
    "mairie d",
    "municipalite de",
    "municipalite d",
    "administration communale de",
    "administration communale d",
    "administration commmunale de",
    "conseil municipal de",
    "conseil municipal d",
    "metropole de",
    "metropole d",
    "metropole europeenne de",
    "metropole europeenne d",
    "metropole",
    "grand",
    # Central and Eastern Europe, Greece
    "gmina miejska",
    "gmina miasto",
    "gmina",
    "urzad miasta",
    "urzad miejski w",
    "urzad gminy",
    "miasto",
    "statutarni mesto",
    "mesto",
    "obec",
    "mestna obcina",
    "obcina",
    "opcina",
    "grad",
    "dimos",
    "demos",
    "primaria municipiului",
    "primaria orasului",
    "primaria comunei",
    "primaria",
    "municipiul",
    "orasul",
    "oras",
    "comuna",
    "opstina",
    "obshtina",
)

# The same, placed after the name.
_SUFFIXES = (
    "city council",
    "town council",
    "borough council",
    "local council",
    "municipal council",
    "council",
    "municipality",
    "city",
    "town",
    "ayuntamiento",
    "ajuntament",
    "comune",
    "municipio",
    "kommune",
    "kommun",
    "kommuna",
    "gemeente",
    "stad",
    "stadt",
    "kaupunki",
    "kunta",
    "vald",
    "linn",
    "vallavalitsus",
    "linnavalitsus",
    "novads",
    "pasvaldiba",
    "miesto savivaldybe",
    "rajono savivaldybe",
    "savivaldybe",
    "miasto",
    "megyei jogu varos onkormanyzata",
    "varos onkormanyzata",
    "nagykozseg onkormanyzata",
    "kozseg onkormanyzata",
    "onkormanyzata",
    "onkormanyzat",
    "varos",
    "kozseg",
    "amalgamated territorial community",
    "amalgamated community",
    "territorial community",
    "hromada",
    "metropole",
    "buyuksehir belediyesi",
    "metropolitan municipality",
    "metropolitan",
    "atc",
    "otg",
    "ac",
    "belediyesi",
    "obcina",
    "opcina",
    "opstina",
    "obshtina",
)

# A region or district (plus a few public bodies named like one): not a place.  Matched as whole words.
_NOT_PLACE = (
    # regions and districts
    "region",
    "regione",
    "regional",
    "regionale",
    "regio",
    "provincia",
    "province",
    "provincie",
    "provinz",
    "prefecture",
    "county",
    "judet",
    "judetean",
    "departement",
    "department",
    "dipartimento",
    "diputacion",
    "diputacio",
    "deputacion",
    "district",
    "landkreis",
    "kreis",
    "bezirk",
    "comarca",
    "comarcal",
    "metropolitan area",
    "area metropolitana",
    "citta metropolitana",
    "zona metropolitana",
    "metropolitan region",
    "metropolregion",
    "euroregion",
    "euregio",
    "greater",
    "pays de",
    "pays d",
    "generalitat",
    "junta de",
    "xunta",
    "cabildo",
    "consell insular",
    "government",
    "gouvernement",
    "governo",
    "gobierno",
    "conseil general",
    "conseil regional",
    "conseil departemental",
    "governorate",
    "gouvernorat",
    "oblast",
    "oblasti",
    "raion",
    "rayon",
    "voivodeship",
    "wojewodztwo",
    "powiat",
    "megye",
    "megyei onkormanyzat",
    "kraj",
    "okres",
    "landsting",
    "fylkeskommune",
    "fylke",
    "maakunta",
    "islands",
    "autonomous",
    "canton of",
    "canton de",
    "kanton",
    "consell",
    "vervoerregio",
    "stadsregio",
    "autorita",
    "sistema portuale",
    "comunidad autonoma",
    "state of",
)

# A grouping of municipalities or an organisation: not a place, even inside parentheses.
_NOT_PLACE_BODIES = (
    # groups of municipalities
    "agglomeration",
    "agglomerazione",
    "communaute",
    "communautes",
    "intercommunal",
    "intercommunale",
    "syndicat",
    "mancomunidad",
    "mancomunitat",
    "unione",
    "union of",
    "union des",
    "uniao",
    "consortium",
    "consorzio",
    "consorcio",
    "consorci",
    "samtgemeinde",
    "verbandsgemeinde",
    "zweckverband",
    "comunita",
    "comunidad",
    "community",
    "aggregazione",
    "municipalities",
    "comuni",
    "communes",
    "gemeinden",
    "municipios",
    "municipis",
    "kommuner",
    "cities",
    "towns",
    "villes",
    "citta e",
    "gal",
    "gect",
    "egtc",
    # organisations
    "association",
    "associazione",
    "associacao",
    "asociacion",
    "associacio",
    "asociatia",
    "verband",
    "vereniging",
    "federation",
    "federazione",
    "federacion",
    "network",
    "netzwerk",
    "rete",
    "red de",
    "forum",
    "alliance",
    "partnership",
    "league",
    "agency",
    "agence",
    "agenzia",
    "agencia",
    "agentia",
    "foundation",
    "fondation",
    "fondazione",
    "fundacion",
    "fundacao",
    "stiftung",
    "institute",
    "institut",
    "istituto",
    "instituto",
    "university",
    "universite",
    "universita",
    "universidad",
    "ministry",
    "ministere",
    "ministerio",
    "ministero",
    "chamber",
    "chambre",
    "authority",
    "authorities",
    "autorite",
    "administration portuaire",
    "port authority",
    "school",
    "ecole",
    "company",
    "ltd",
    "gmbh",
    "asbl",
    "vzw",
    "committee",
    "organisation",
    "organization",
    "secretariat",
    "cooperation",
    "groupement",
    "centre",
    "center",
    "office",
    "council of europe",
    "ngo",
    "transport",
    "mobility",
    "mobilita",
    "energy",
    "energie",
    "agenda",
)

# Words that mean "region" only at the start of a cell ("Land Berlin" but "Nordre Land", "Canton" (Ohio)).
_NOT_PLACE_START = re.compile(r"^(land|bundesland|freistaat|canton|departamento|estado)\s")

# French intercommunality abbreviations used after a dash: "Brest - CU", "Artois - CA", "Essonne - CG".
_NOT_PLACE_TRAILING_CODES = re.compile(r"\s(?:ca|cu|cc|cg|cr|sivom|sivu|epci|metropole ca)$")


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_PREFIX_RE = re.compile(rf"^(?:{_alternation(_PREFIXES)})\s+")
_SUFFIX_RE = re.compile(rf"\s+(?:{_alternation(_SUFFIXES)})$")
_NOT_PLACE_RE = re.compile(rf"(?:^|\s)({_alternation(_NOT_PLACE + _NOT_PLACE_BODIES)})(?:\s|$)")
_NOT_PLACE_BODIES_RE = re.compile(rf"(?:^|\s)({_alternation(_NOT_PLACE_BODIES)})(?:\s|$)")


_TRAILING_YEAR = re.compile(r"\s(?:19|20)\d\d$")


def strip_admin_words(normalised: str) -> str:
    """Remove words naming the government of a municipality before and after a normalised name.

    Stripping repeats until nothing changes ("Comune di X" and "X Municipality" and "Gemeente X kommune"),
    but never empties the name: if everything would be removed the input is returned unchanged (a town may
    really be called "Grad" or "Markt").

    Parameters
    ----------
    normalised : str
        Output of :func:`~intercity.analysis.resolve.normalise.normalise_name`.

    Returns
    -------
    str
        The name without administrative words.

    Examples
    --------
    >>> strip_admin_words("comune di brescia")
    'brescia'
    >>> strip_admin_words("tapolca varos onkormanyzata")
    'tapolca'
    >>> strip_admin_words("city council of barcelona")
    'barcelona'
    >>> strip_admin_words("grad")
    'grad'
    """
    current = normalised
    while True:
        stripped = _SUFFIX_RE.sub("", _PREFIX_RE.sub("", current)).strip()
        # A campaign year after the name ("Sint-Niklaas 2030") is not part of it.
        stripped = _TRAILING_YEAR.sub("", stripped).strip()
        if not stripped or stripped == current:
            return current
        current = stripped


def not_a_place_reason(normalised: str, *, regions: bool = True) -> str | None:
    """Return the word that makes a normalised cell a region, grouping or organisation, else ``None``.

    Parameters
    ----------
    normalised : str
        Output of :func:`~intercity.analysis.resolve.normalise.normalise_name`.
    regions : bool
        With ``False`` only groupings and organisations count.  Used for text in parentheses, where a
        region usually *locates* the place: "Skyros (Aegean Islands)" is Skyros, but
        "Nancy (Communauté Urbaine)" is an intercommunality.

    Examples
    --------
    >>> not_a_place_reason("province of barcelona")
    'province'
    >>> not_a_place_reason("landkreis goslar")
    'landkreis'
    >>> not_a_place_reason("comune di brescia") is None
    True
    """
    found = (_NOT_PLACE_RE if regions else _NOT_PLACE_BODIES_RE).search(normalised)
    if found:
        return found.group(1)
    if not regions:
        return None
    found = _NOT_PLACE_START.search(normalised)
    if found:
        return found.group(1)
    found = _NOT_PLACE_TRAILING_CODES.search(normalised)
    if found:
        return found.group(0).strip()
    return None


# Many languages put the place name in the genitive before the admin noun: Finnish "Tampereen kaupunki",
# "Kuopion kaupunki", Swedish "Helsingborgs stad", Lithuanian "Vilniaus miesto", "Kauno miesto", Latvian
# "Valmieras novads".  Only tried after an admin word was removed, so ordinary names are never truncated.
_GENITIVE_ENDINGS = (("een", "ee"), ("en", ""), ("n", ""), ("aus", "us"), ("o", "as"), ("s", ""))


def genitive_variants(normalised: str) -> list[str]:
    """Return nominative guesses for a genitive place name (last word only).

    Examples
    --------
    >>> genitive_variants("tampereen")
    ['tamperee', 'tampere']
    >>> "vilnius" in genitive_variants("vilniaus")
    True
    """
    head, _, last = normalised.rpartition(" ")
    out: list[str] = []
    for ending, replacement in _GENITIVE_ENDINGS:
        if last.endswith(ending) and len(last) - len(ending) >= 3:
            guess = f"{head} {last[: -len(ending)]}{replacement}".strip()
            if guess not in out and guess != normalised:
                out.append(guess)
    return out
