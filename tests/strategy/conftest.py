"""A small world for the decision tools: an atlas of six networks and a workspace that has stated its
priorities, holds a portfolio with activities, positions and working-group seats, has assessed two
candidate networks and overridden one score; and a second workspace whose private records must never
leak into the first one's evaluation.

All names are fictional. Fixtures:

- ``decision_atlas``: countries, themes, governments, networks (one dissolved), public memberships and
  twinnings (a ``SimpleNamespace``; ``decision_atlas.networks.climate`` and so on).
- ``decisions``: the atlas plus the workspace ``decisions.workspace`` (government ``home``), its users
  ``owner``/``editor``/``viewer``, ``priorities``, ``portfolio`` (``climate``, ``world``, ``regional``),
  ``assessments``, ``overrides`` and ``other_workspace`` with its own records.
- ``decision_client``: a logged-in Django test client factory: ``decision_client(decisions.editor)``.

Dates are relative to today so that the engagement window (24 months) always holds the activities.
"""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import timezone

from intercity.core.choices import Role
from intercity.engagement.choices import ActivityKind, MembershipStatus, PortfolioStatus, PositionNature
from intercity.networks.choices import GeographicScope, NetworkKind
from intercity.places.choices import GovernmentKind
from intercity.relations.actions import link_governments
from intercity.strategy.choices import Criterion
from intercity.strategy.models import CriterionOverride, NetworkAssessment, Priorities
from tests.factories import (
    ActivityFactory,
    CountryFactory,
    GovernmentFactory,
    MembershipFactory,
    MembershipFeeFactory,
    NetworkFactory,
    ParticipationFactory,
    PlaceFactory,
    PortfolioMembershipFactory,
    PositionFactory,
    ThemeFactory,
    UserFactory,
    WorkspaceFactory,
    WorkspaceMemberFactory,
)


def recently(days=60):
    """A date ``days`` ago: inside the engagement window whatever the day the tests run."""
    return timezone.localdate() - datetime.timedelta(days=days)


@pytest.fixture
def decision_atlas(db):
    countries = SimpleNamespace(
        ar=CountryFactory(code="AR", iso3="ARG", name="Country A", continent="SA", region="South America"),
        br=CountryFactory(code="BR", iso3="BRA", name="Country B", continent="SA", region="South America"),
        uy=CountryFactory(code="UY", iso3="URY", name="Country C", continent="SA", region="South America"),
        es=CountryFactory(code="ES", region="Southern Europe"),
        fr=CountryFactory(code="FR", region="Western Europe"),
    )
    themes = SimpleNamespace(
        climate=ThemeFactory(name="Climate", slug="climate"),
        security=ThemeFactory(name="Citizen security", slug="citizen-security"),
        tourism=ThemeFactory(name="Tourism", slug="tourism"),
        culture=ThemeFactory(name="Culture and heritage", slug="culture-heritage"),
    )
    home_place = PlaceFactory(name="Capital A", country=countries.ar, population=3_000_000)
    governments = SimpleNamespace(
        # The workspace's own government: a city of 3 million in South America.
        home=GovernmentFactory(
            name="Capital City A", country=countries.ar, place=home_place, kind=GovernmentKind.CITY
        ),
        # Similar: within a factor 3 of its population, same continent.
        peer_br=GovernmentFactory(
            name="City B", country=countries.br, kind=GovernmentKind.CITY, population=2_500_000
        ),
        peer_uy=GovernmentFactory(
            name="City C", country=countries.uy, kind=GovernmentKind.CITY, population=1_400_000
        ),
        # Not similar: too small; another continent; population unknown and another kind.
        small_br=GovernmentFactory(
            name="Town D", country=countries.br, kind=GovernmentKind.MUNICIPALITY, population=50_000
        ),
        es_city=GovernmentFactory(
            name="City E", country=countries.es, kind=GovernmentKind.CITY, population=3_200_000
        ),
        fr_city=GovernmentFactory(
            name="City F", country=countries.fr, kind=GovernmentKind.CITY, population=500_000
        ),
        region_ar=GovernmentFactory(name="Province G", country=countries.ar, kind=GovernmentKind.REGION),
    )
    networks = SimpleNamespace(
        climate=NetworkFactory(
            name="Climate Alliance of Cities",
            slug="climate-alliance",
            acronym="CAC",
            kind=NetworkKind.THEMATIC,
            scope=GeographicScope.GLOBAL,
            approx_members=100,
        ),
        security=NetworkFactory(
            name="Safer Cities Forum",
            slug="safer-cities",
            acronym="SCF",
            kind=NetworkKind.THEMATIC,
            scope=GeographicScope.REGIONAL,
            region="South America",
        ),
        regional=NetworkFactory(
            name="South American Cities Network",
            slug="south-american-cities",
            acronym="SACN",
            kind=NetworkKind.REGIONAL,
            scope=GeographicScope.REGIONAL,
            region="South America",
        ),
        world=NetworkFactory(
            name="World Organisation of Local Governments",
            slug="world-local",
            acronym="WOLG",
            kind=NetworkKind.REPRESENTATION,
            scope=GeographicScope.GLOBAL,
        ),
        tourism=NetworkFactory(
            name="Tourism Cities",
            slug="tourism-cities",
            acronym="TC",
            kind=NetworkKind.THEMATIC,
            scope=GeographicScope.GLOBAL,
        ),
        bygone=NetworkFactory(
            name="Bygone League",
            slug="bygone",
            acronym="BL",
            kind=NetworkKind.REPRESENTATION,
            scope=GeographicScope.GLOBAL,
            dissolved=2001,
        ),
    )
    networks.climate.themes.set([themes.climate])
    networks.security.themes.set([themes.security])
    networks.regional.themes.set([themes.tourism, themes.culture])
    networks.world.themes.set([themes.climate, themes.security])
    networks.tourism.themes.set([themes.tourism])
    networks.bygone.themes.set([themes.climate])
    g = governments
    members = {
        networks.climate: [g.home, g.peer_br, g.es_city, g.fr_city, g.small_br],
        networks.security: [g.peer_br, g.peer_uy, g.small_br],
        networks.regional: [g.home, g.peer_br, g.peer_uy, g.region_ar],
        networks.world: [g.home, g.es_city, g.fr_city, g.peer_br],
        networks.tourism: [g.es_city, g.fr_city],
        networks.bygone: [g.home, g.peer_uy],
    }
    for network, governments_in in members.items():
        for government in governments_in:
            MembershipFactory(network=network, government=government)
    # A former member is not counted.
    MembershipFactory(network=networks.tourism, government=g.peer_uy, status=MembershipStatus.FORMER)
    link_governments(g.home, g.peer_br)
    link_governments(g.home, g.es_city)
    return SimpleNamespace(countries=countries, themes=themes, governments=governments, networks=networks)


@pytest.fixture
def decisions(decision_atlas):
    atlas = decision_atlas
    nets = atlas.networks
    workspace = WorkspaceFactory(
        name="International relations office A", slug="office-a", government=atlas.governments.home
    )
    owner = UserFactory(username="decisions-owner")
    editor = UserFactory(username="decisions-editor")
    viewer = UserFactory(username="decisions-viewer")
    WorkspaceMemberFactory(workspace=workspace, user=owner, role=Role.OWNER)
    WorkspaceMemberFactory(workspace=workspace, user=editor, role=Role.EDITOR)
    WorkspaceMemberFactory(workspace=workspace, user=viewer, role=Role.VIEWER)

    priorities = Priorities.objects.create(
        workspace=workspace,
        regions=["South America"],
        fee_budget=Decimal("40000"),
        budget_currency="EUR",
        exchange_rates={"USD": 0.9},
        staff_hours=Decimal("30"),
        top_k=3,
        draws=200,
        seed=7,
    )
    priorities.themes.set([atlas.themes.climate, atlas.themes.security])

    # The portfolio: an active climate network the city works hard in; a representation network paid
    # in dollars where it only attends the summit (passive); a regional one under review, its fee in a
    # currency without an exchange rate, with no activity (dormant).
    climate = PortfolioMembershipFactory(
        workspace=workspace, network=nets.climate, annual_fee=Decimal("20000"), currency="EUR"
    )
    world = PortfolioMembershipFactory(
        workspace=workspace, network=nets.world, annual_fee=Decimal("5000"), currency="USD"
    )
    regional = PortfolioMembershipFactory(
        workspace=workspace,
        network=nets.regional,
        status=PortfolioStatus.UNDER_REVIEW,
        annual_fee=Decimal("3000"),
        currency="BRL",
    )
    this_year = timezone.localdate().year
    MembershipFeeFactory(membership=climate, year=this_year, amount=Decimal("20000"), currency="EUR")
    ActivityFactory(membership=climate, kind=ActivityKind.HOSTED, occurred_on=recently(30))
    ActivityFactory(membership=climate, kind=ActivityKind.WON_AWARD, occurred_on=recently(90))
    ActivityFactory(
        membership=climate,
        kind=ActivityKind.RECEIVED_FUNDS,
        occurred_on=recently(120),
        amount=Decimal("30000"),
        currency="EUR",
    )
    ActivityFactory(membership=climate, kind=ActivityKind.PRESENTED, occurred_on=recently(150))
    ActivityFactory(membership=climate, kind=ActivityKind.CO_AUTHORED, occurred_on=recently(200))
    PositionFactory(membership=climate, nature=PositionNature.POLITICAL, started_on=recently(400))
    ParticipationFactory(membership=climate, hours_per_month=Decimal("10"), started_on=recently(400))
    ActivityFactory(
        membership=world, kind=ActivityKind.ATTENDED, at_annual_meeting=True, occurred_on=recently(100)
    )

    assessments = SimpleNamespace(
        tourism=NetworkAssessment.objects.create(
            workspace=workspace,
            network=nets.tourism,
            expected_fee=Decimal("8000"),
            fee_currency="EUR",
            expected_hours=Decimal("6"),
            funds_available=True,
            funds_note="Grants for heritage projects.",
            observer_status="UN agency for tourism",
        ),
        security=NetworkAssessment.objects.create(
            workspace=workspace, network=nets.security, expected_hours=Decimal("12")
        ),
    )
    overrides = SimpleNamespace(
        tourism_lobbying=CriterionOverride.objects.create(
            workspace=workspace,
            network=nets.tourism,
            criterion=Criterion.LOBBYING,
            rating=4,
            comment="Speaks for its members at the UN agency.",
            author=editor,
        )
    )

    # Another office, with records on the same networks that must never reach this workspace's scores.
    other_workspace = WorkspaceFactory(
        name="International relations office F", slug="office-f", government=atlas.governments.fr_city
    )
    other_security = PortfolioMembershipFactory(
        workspace=other_workspace, network=nets.security, annual_fee=Decimal("1"), currency="EUR"
    )
    ActivityFactory(
        membership=other_security,
        kind=ActivityKind.RECEIVED_FUNDS,
        occurred_on=recently(10),
        amount=Decimal("999999"),
        currency="EUR",
    )
    ActivityFactory(membership=other_security, kind=ActivityKind.HOSTED, occurred_on=recently(10))
    PositionFactory(membership=other_security, nature=PositionNature.POLITICAL, started_on=recently(10))
    NetworkAssessment.objects.create(
        workspace=other_workspace,
        network=nets.security,
        expected_fee=Decimal("1"),
        fee_currency="EUR",
        funds_available=True,
        observer_status="Observer everywhere",
    )
    CriterionOverride.objects.create(
        workspace=other_workspace,
        network=nets.security,
        criterion=Criterion.BEST_PRACTICES,
        rating=0,
        comment="Another office's view.",
    )
    Priorities.objects.create(workspace=other_workspace, fee_budget=Decimal("1"), exchange_rates={"BRL": 5})

    return SimpleNamespace(
        atlas=atlas,
        networks=nets,
        themes=atlas.themes,
        governments=atlas.governments,
        workspace=workspace,
        owner=owner,
        editor=editor,
        viewer=viewer,
        priorities=priorities,
        portfolio=SimpleNamespace(climate=climate, world=world, regional=regional),
        assessments=assessments,
        overrides=overrides,
        other_workspace=other_workspace,
    )


@pytest.fixture
def decision_client(client):
    """``decision_client(user)``: the test client signed in as ``user``."""

    def signed_in(user):
        client.force_login(user)
        return client

    return signed_in
