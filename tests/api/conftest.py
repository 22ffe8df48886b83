"""A small atlas built with factories: enough rows that every filter of the API selects something."""

import datetime
from types import SimpleNamespace

import pytest
from rest_framework.test import APIClient

from intercity.core.choices import Confidence, DatePrecision
from intercity.core.models import DataSource
from intercity.engagement.choices import MembershipStatus
from intercity.networks.choices import GeographicScope, MemberType, NetworkKind
from intercity.places.choices import GovernmentKind, ResolutionStatus
from intercity.relations.actions import link_governments
from intercity.relations.choices import AgreementKind
from tests.factories import (
    CountryFactory,
    GovernmentFactory,
    MembershipFactory,
    NetworkFactory,
    PlaceFactory,
    ThemeFactory,
)


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture
def atlas(db):
    wikidata = DataSource.objects.create(
        slug="wikidata-twinnings", name="Wikidata twinnings", licence="CC0", redistributable=True
    )
    facts = DataSource.objects.create(slug="network-facts", name="Network facts", licence="CC BY 4.0")
    italy = CountryFactory(code="IT", region="Southern Europe", population=59_000_000)
    spain = CountryFactory(code="ES", region="Southern Europe", population=48_000_000)
    france = CountryFactory(code="FR", region="Western Europe", population=68_000_000)
    brazil = CountryFactory(code="BR", iso3="BRA", name="Brazil", continent="SA", region="South America")
    bologna_place = PlaceFactory(
        name="Bologna", country=italy, population=390_000, latitude=44.49, longitude=11.34
    )
    madrid_place = PlaceFactory(
        name="Madrid", country=spain, population=3_200_000, latitude=40.42, longitude=-3.7
    )
    lyon_place = PlaceFactory(name="Lyon", country=france, population=520_000, latitude=45.76, longitude=4.83)
    climate, culture = ThemeFactory(name="Climate"), ThemeFactory(name="Culture")
    eurocities = NetworkFactory(
        name="Eurocities",
        slug="eurocities",
        acronym="EC",
        kind=NetworkKind.REGIONAL,
        scope=GeographicScope.REGIONAL,
        region="Europe",
        founded=1986,
        member_types=[MemberType.CITIES],
        secretariat_place=bologna_place,
        secretariat_country=italy,
        source=facts,
    )
    eurocities.themes.set([culture])
    c40 = NetworkFactory(
        name="C40 Cities",
        slug="c40",
        acronym="C40",
        founded=2005,
        member_types=[MemberType.CITIES, MemberType.METROPOLITAN_AREAS],
        source=facts,
        confidence=Confidence.MEDIUM,
    )
    c40.themes.set([climate])
    bygone = NetworkFactory(
        name="Bygone League",
        slug="bygone",
        acronym="BL",
        kind=NetworkKind.REPRESENTATION,
        founded=1950,
        dissolved=1999,
        member_types=[MemberType.REGIONS],
        confidence=Confidence.LOW,
    )
    bologna = GovernmentFactory(
        name="Comune di Bologna",
        country=italy,
        place=bologna_place,
        kind=GovernmentKind.CITY,
        resolution_status=ResolutionStatus.MATCHED,
    )
    bologna.identifiers.create(scheme="wikidata", value="Q1891")
    madrid = GovernmentFactory(
        name="Ayuntamiento de Madrid",
        country=spain,
        place=madrid_place,
        kind=GovernmentKind.CITY,
        resolution_status=ResolutionStatus.MATCHED,
    )
    lyon = GovernmentFactory(
        name="Ville de Lyon", country=france, place=lyon_place, resolution_status=ResolutionStatus.MANUAL
    )
    province = GovernmentFactory(
        name="Provincia di Modena",
        country=italy,
        kind=GovernmentKind.REGION,
        resolution_status=ResolutionStatus.NOT_A_PLACE,
        latitude=44.6,
        longitude=10.9,
    )
    curitiba = GovernmentFactory(name="Prefeitura de Curitiba", country=brazil)
    memberships = SimpleNamespace(
        bologna_eurocities=MembershipFactory(
            government=bologna,
            network=eurocities,
            joined_on=datetime.date(2001, 1, 1),
            joined_precision=DatePrecision.YEAR,
            source=facts,
        ),
        madrid_eurocities=MembershipFactory(
            government=madrid, network=eurocities, joined_on=datetime.date(1995, 3, 1), source=facts
        ),
        madrid_c40=MembershipFactory(government=madrid, network=c40, joined_on=datetime.date(2010, 6, 1)),
        lyon_c40=MembershipFactory(
            government=lyon,
            network=c40,
            status=MembershipStatus.FORMER,
            joined_on=datetime.date(2008, 1, 1),
            left_on=datetime.date(2015, 1, 1),
            left_precision=DatePrecision.YEAR,
        ),
        lyon_eurocities=MembershipFactory(
            government=lyon, network=eurocities, status=MembershipStatus.OBSERVER
        ),
        province_bygone=MembershipFactory(government=province, network=bygone),
        curitiba_c40=MembershipFactory(government=curitiba, network=c40),
    )
    bologna_madrid, _ = link_governments(bologna, madrid, source=wikidata)
    lyon_bologna, _ = link_governments(lyon, bologna, kind=AgreementKind.PARTNERSHIP)
    curitiba_lyon, _ = link_governments(curitiba, lyon, kind=AgreementKind.FRIENDSHIP)
    return SimpleNamespace(
        sources=SimpleNamespace(wikidata=wikidata, facts=facts),
        countries=SimpleNamespace(italy=italy, spain=spain, france=france, brazil=brazil),
        places=SimpleNamespace(bologna=bologna_place, madrid=madrid_place, lyon=lyon_place),
        themes=SimpleNamespace(climate=climate, culture=culture),
        networks=SimpleNamespace(eurocities=eurocities, c40=c40, bygone=bygone),
        governments=SimpleNamespace(
            bologna=bologna, madrid=madrid, lyon=lyon, province=province, curitiba=curitiba
        ),
        memberships=memberships,
        twinnings=SimpleNamespace(
            bologna_madrid=bologna_madrid, lyon_bologna=lyon_bologna, curitiba_lyon=curitiba_lyon
        ),
    )
