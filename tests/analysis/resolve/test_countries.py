"""Country parsing: codes of every flavour and names in six languages."""

import pytest

from intercity.analysis.resolve import parse_country


@pytest.mark.parametrize(
    ("value", "iso"), [("FR", "FR"), ("fr", "FR"), (" de ", "DE"), ("FRA", "FR"), ("deu", "DE")]
)
def test_iso2_and_iso3_codes(value, iso):
    assert parse_country(value) == iso


@pytest.mark.parametrize(("value", "iso"), [("UK", "GB"), ("EL", "GR"), ("RKS", "XK"), ("XK", "XK")])
def test_eurostat_and_kosovo_codes(value, iso):
    assert parse_country(value) == iso


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("Germany", "DE"),  # en
        ("Alemania", "DE"),  # es
        ("Alemanha", "DE"),  # pt
        ("Allemagne", "DE"),  # fr
        ("Deutschland", "DE"),  # de
        ("Germania", "DE"),  # it
        ("España", "ES"),
        ("espana", "ES"),
        ("Grèce", "GR"),
        ("Paesi Bassi", "NL"),
        ("Reino Unido", "GB"),
        ("Royaume-Uni", "GB"),
        ("Österreich", "AT"),
        ("United Kingdom", "GB"),
        ("Czech Republic", "CZ"),
        ("Kosovo", "XK"),
    ],
)
def test_country_names_in_six_languages_ignore_case_and_diacritics(value, iso):
    assert parse_country(value) == iso
    assert parse_country(value.upper()) == iso


@pytest.mark.parametrize("value", [None, "", "ZZ", "Atlantis", "QQQ", "12"])
def test_unknown_values_give_none(value):
    assert parse_country(value) is None
