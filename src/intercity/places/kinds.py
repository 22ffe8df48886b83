"""The kind of government a source row names, from the resolver's "not a place" verdict.

The resolver refuses to put a province, a district or a union of municipalities on a point and says why
("not a place: province"). Loaders and importers keep such rows as governments without a place, and use
the word to give them a kind other than municipality, so that "Antwerp Province" is filed as a region.
This is the one table for it: the open-data loader and the membership importers both read it.
"""

from intercity.places.choices import GovernmentKind

NOT_A_PLACE = "not a place:"

# Single words separated by spaces; phrases of several words separated by "|".
_WORDS = {
    GovernmentKind.REGION: (
        "region regione regional regionale regio provincia province provincie provinz prefecture generalitat "
        "xunta cabildo government gouvernement governo gobierno governorate gouvernorat oblast oblasti "
        "voivodeship wojewodztwo megye kraj landsting fylkeskommune fylke maakunta autonomous kanton land "
        "euroregion euregio diputacion diputacio deputacion",
        "junta de|consell insular|conseil regional|megyei onkormanyzat|canton of|canton de"
        "|comunidad autonoma|state of",
    ),
    GovernmentKind.COUNTY: (
        "county judet judetean departement department dipartimento district landkreis kreis bezirk comarca "
        "comarcal raion rayon powiat okres",
        "conseil departemental|conseil general",
    ),
    GovernmentKind.METROPOLITAN_AREA: (
        "greater metropolregion stadsregio vervoerregio",
        "metropolitan area|area metropolitana|citta metropolitana|zona metropolitana|metropolitan region",
    ),
    GovernmentKind.ASSOCIATION: (
        "agglomeration agglomerazione communaute communautes intercommunal intercommunale syndicat "
        "mancomunidad mancomunitat unione uniao consortium consorzio consorcio consorci samtgemeinde "
        "verbandsgemeinde zweckverband comunita comunidad community aggregazione municipalities comuni "
        "communes gemeinden municipios municipis kommuner cities towns villes gal gect egtc association "
        "associazione associacao asociacion associacio asociatia verband vereniging federation "
        "federazione federacion network",
        "union of|union des|pays de|pays d",
    ),
    # Public bodies named like a place that are not governments of one: agencies, universities, ports.
    GovernmentKind.OTHER: (
        "agency agence agenzia agencia agentia university universite universita universidad ministry "
        "ministere ministerio ministero chamber chambre authority authorities autorite school ecole company "
        "ltd gmbh institute institut istituto instituto transport energy energie mobility mobilita office "
        "centre center",
        "port authority",
    ),
}
KIND_BY_WORD = {
    word: kind for kind, (words, phrases) in _WORDS.items() for word in [*words.split(), *phrases.split("|")]
}


def kind_for_word(word, default=GovernmentKind.OTHER):
    """The kind of government a "not a place" word denotes: ``"province"`` -> region."""
    return KIND_BY_WORD.get(word, default)


def kind_from_resolution(resolution, default=GovernmentKind.MUNICIPALITY):
    """``region``, ``county``, ``metropolitan_area``, ``association`` or ``other`` for a "not a place"
    verdict, else ``default``.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> kind_from_resolution(SimpleNamespace(reason="not a place: province"))
    'region'
    >>> kind_from_resolution(SimpleNamespace(reason="no place named 'Lingewaard' in NL"))
    'municipality'
    """
    reason = getattr(resolution, "reason", "") or ""
    if not reason.startswith(NOT_A_PLACE):
        return default
    return kind_for_word(reason[len(NOT_A_PLACE) :].strip())
