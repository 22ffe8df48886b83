"""factory_boy factories for the atlas models; tests build exactly the rows they need."""

import factory
from django.utils.text import slugify

from intercity.engagement.models import Membership
from intercity.networks.choices import GeographicScope, NetworkKind
from intercity.networks.models import Network, Theme
from intercity.places.models import Country, Government, Place


class CountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Country
        django_get_or_create = ["code"]

    code = "IT"
    iso3 = factory.LazyAttribute(
        lambda country: {"IT": "ITA", "ES": "ESP", "FR": "FRA"}.get(country.code, country.code + "X")
    )
    name = factory.LazyAttribute(
        lambda country: {"IT": "Italy", "ES": "Spain", "FR": "France"}.get(country.code, country.code)
    )
    continent = "EU"


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place

    geonameid = factory.Sequence(lambda n: 9_000_000 + n)
    name = factory.Sequence(lambda n: f"Place {n}")
    country = factory.SubFactory(CountryFactory)
    latitude = 45.0
    longitude = 9.0
    population = 10_000


class GovernmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Government

    name = factory.Sequence(lambda n: f"Municipality {n}")
    country = factory.SubFactory(CountryFactory)


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ["slug"]

    name = "Climate"
    slug = factory.LazyAttribute(lambda theme: slugify(theme.name))


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network

    name = factory.Sequence(lambda n: f"Network of Cities {n}")
    slug = factory.LazyAttribute(lambda network: slugify(network.name))
    acronym = factory.Sequence(lambda n: f"NC{n}")
    kind = NetworkKind.THEMATIC
    scope = GeographicScope.GLOBAL


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    government = factory.SubFactory(GovernmentFactory)
    network = factory.SubFactory(NetworkFactory)
