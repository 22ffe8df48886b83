"""Administrative words in many languages, and cells that name something other than a place."""

import pytest

from intercity.analysis.resolve import normalise_name, not_a_place_reason, strip_admin_words


def strip(text: str) -> str:
    return strip_admin_words(normalise_name(text))


@pytest.mark.parametrize(
    ("cell", "place"),
    [
        ("Comune di Brescia", "brescia"),
        ("Città di Collegno", "collegno"),
        ("Municipality of Athens", "athens"),
        ("City of Blois", "blois"),
        ("Town of Cobh", "cobh"),
        ("City Council of Barcelona", "barcelona"),
        ("Leeds City Council", "leeds"),
        ("Reading Borough Council", "reading"),
        ("Birgu Local Council", "birgu"),
        ("Gemeente Assen", "assen"),
        ("Stadt Heidelberg", "heidelberg"),
        ("Landeshauptstadt Stuttgart", "stuttgart"),
        ("Hansestadt Rostock", "rostock"),
        ("Marktgemeinde Lustenau", "lustenau"),
        ("Ayuntamiento de Zaragoza", "zaragoza"),
        ("Barcelona Ayuntamiento", "barcelona"),
        ("Concello de Vigo", "vigo"),
        ("Ajuntament de Girona", "girona"),
        ("Prefeitura de Curitiba", "curitiba"),
        ("Câmara Municipal de Cascais", "cascais"),
        ("Ville de Grenoble", "grenoble"),
        ("Commune de Tellin", "tellin"),
        ("Mairie de Nantes", "nantes"),
        ("Municipalité d'Asker", "asker"),
        ("Administration communale de La Hulpe", "la hulpe"),
        ("Öckero kommun", "ockero"),
        ("Aalborg Kommune", "aalborg"),
        ("Gmina Kobylnica", "kobylnica"),
        ("Miasto Gdynia", "gdynia"),
        ("Urząd Miasta Łodzi", "lodzi"),
        ("Obec Dolní Břežany", "dolni brezany"),
        ("Město Litoměřice", "litomerice"),
        ("Općina Vir", "vir"),
        ("Grad Krapina", "krapina"),
        ("Dimos Trikkaion", "trikkaion"),
        ("Municipiul Cluj-Napoca", "cluj napoca"),
        ("Oraşul Buftea", "buftea"),
        ("Comuna Ciugud", "ciugud"),
        ("Tapolca Város Önkormányzata", "tapolca"),
        ("Szolnok Megyei Jogú Város Önkormányzata", "szolnok"),
        ("Valmieras novads", "valmieras"),
        ("Jūrmalas pašvaldība", "jurmalas"),
        ("Viimsi vald", "viimsi"),
        ("Tartu linn", "tartu"),
        ("Stad Gent", "gent"),
        ("Tampereen kaupunki", "tampereen"),
        ("Métropole de Lyon", "lyon"),
        ("Lyon Metropole", "lyon"),
        ("Korostyshiv amalgamated territorial community", "korostyshiv"),
    ],
)
def test_municipal_government_words_are_stripped(cell, place):
    assert strip(cell) == place


def test_comune_di_prefix_is_stripped():
    assert strip("Comune di Faenza") == "faenza"


def test_stripping_never_empties_a_name():
    assert strip("Grad") == "grad"
    assert strip("Markt") == "markt"


@pytest.mark.parametrize(
    ("cell", "word"),
    [
        ("Province of Barcelona", "province"),
        ("Provincia di Torino", "provincia"),
        ("Diputación de Barcelona", "diputacion"),
        ("Region of Galicia", "region"),
        ("Région Occitanie", "region"),
        ("Landkreis Goslar", "landkreis"),
        ("Kreis Recklinghausen", "kreis"),
        ("Samtgemeinde Bersenbrück", "samtgemeinde"),
        ("Verbandsgemeinde Montabaur", "verbandsgemeinde"),
        ("Communauté de communes du Pays de Lunel", "communaute"),
        ("Agglomération du Grand Besançon", "agglomeration"),
        ("Unione dei Comuni Savena", "unione"),
        ("Union of Municipalities of Cyprus", "union of"),
        ("Association of Finnish Local and Regional Authorities", "association"),
        ("Eurocities Network", "network"),
        ("Consorzio Bonifica", "consorzio"),
        ("Città metropolitana di Bologna", "citta metropolitana"),
        ("Kent County Council", "county"),
        ("Land Nordrhein-Westfalen", "land"),
        ("Brest - CU", "cu"),
    ],
)
def test_regions_groupings_and_organisations_are_not_places(cell, word):
    assert not_a_place_reason(normalise_name(cell)) == word


@pytest.mark.parametrize(
    "cell", ["Nordre Land", "Brescia", "Città di Castello", "Villers-la-Ville", "Bad Kreuzen"]
)
def test_real_place_names_are_not_flagged(cell):
    assert not_a_place_reason(normalise_name(cell)) is None
