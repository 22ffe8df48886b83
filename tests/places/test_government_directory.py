import pytest

from intercity.places.actions import GovernmentDirectory
from intercity.places.choices import GovernmentKind, IdentifierScheme
from intercity.places.models import Government, GovernmentIdentifier
from tests.factories import CountryFactory, PlaceFactory

pytestmark = pytest.mark.django_db


def test_two_sources_naming_the_same_place_meet_in_one_government():
    bologna = PlaceFactory(name="Bologna", country=CountryFactory(code="IT"))
    directory = GovernmentDirectory.load()
    from_covenant, created = directory.find_or_create(
        name="Comune di Bologna", country_code="IT", place_id=bologna.pk, identifiers={"com": "1234"}
    )
    from_wikidata, created_again = directory.find_or_create(
        name="Bologna", country_code="IT", place_id=bologna.pk, identifiers={"wikidata": "Q1891"}
    )
    assert created and not created_again
    assert from_wikidata.pk == from_covenant.pk
    assert from_wikidata.name_variants == ["Bologna"]
    assert set(from_covenant.identifiers.values_list("scheme", "value")) == {
        ("com", "1234"),
        ("wikidata", "Q1891"),
        (IdentifierScheme.GEONAMES, str(bologna.pk)),
    }


def test_a_government_is_found_again_by_identifier_in_a_new_directory():
    CountryFactory(code="IT")
    first, _ = GovernmentDirectory.load().find_or_create(
        name="Unione dei Comuni", country_code="IT", identifiers={"com": "99"}
    )
    again, created = GovernmentDirectory.load().find_or_create(
        name="Unione Comuni", country_code="IT", identifiers={"com": "99"}
    )
    assert not created and again.pk == first.pk
    assert Government.objects.count() == 1


def test_an_unplaced_government_is_found_again_by_exact_name_and_kind():
    CountryFactory(code="IT")
    directory = GovernmentDirectory.load()
    first, _ = directory.find_or_create(
        name="Provincia di Torino", country_code="IT", kind=GovernmentKind.REGION
    )
    again, created = GovernmentDirectory.load().find_or_create(
        name="provincia di  torino", country_code="IT", kind=GovernmentKind.REGION
    )
    assert not created and again.pk == first.pk


def test_a_region_is_not_merged_with_the_city_of_the_same_place():
    turin = PlaceFactory(name="Torino", country=CountryFactory(code="IT"))
    directory = GovernmentDirectory.load()
    city, _ = directory.find_or_create(name="Torino", country_code="IT", place_id=turin.pk)
    region, created = directory.find_or_create(
        name="Città metropolitana di Torino",
        country_code="IT",
        place_id=turin.pk,
        kind=GovernmentKind.METROPOLITAN_AREA,
    )
    assert created and region.pk != city.pk


def test_identifiers_are_unique_across_governments():
    CountryFactory(code="IT")
    directory = GovernmentDirectory.load()
    directory.find_or_create(name="A", country_code="IT", identifiers={"com": "1"})
    assert GovernmentIdentifier.objects.filter(scheme="com", value="1").count() == 1


def test_editing_a_government_records_who_changed_what():
    CountryFactory(code="IT")
    government, _ = GovernmentDirectory.load().find_or_create(name="Comune di Lettere", country_code="IT")
    government.name = "Lettere"
    government.save()
    names = list(government.history.order_by("history_id").values_list("name", flat=True))
    assert names == ["Comune di Lettere", "Lettere"]
    assert government.history.first().history_type == "~"


def test_a_government_found_by_identifier_does_not_take_the_geonames_id_of_another_place():
    country = CountryFactory(code="IT")
    elsewhere = PlaceFactory(name="Lettere", country=country)
    directory = GovernmentDirectory.load()
    unplaced, _ = directory.find_or_create(
        name="Unione dei Comuni", country_code="IT", identifiers={"com": "7"}
    )
    found, created = directory.find_or_create(
        name="Lettere", country_code="IT", place_id=elsewhere.pk, identifiers={"com": "7"}
    )
    assert not created and found.pk == unplaced.pk
    assert not found.identifiers.filter(scheme=IdentifierScheme.GEONAMES).exists()
