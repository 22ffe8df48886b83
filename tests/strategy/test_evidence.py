"""The evidence read from the database: figures per network, constant queries, money never mixed, and
nothing of another workspace."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from intercity.engagement.choices import ActivityKind
from intercity.networks.choices import NetworkKind
from intercity.strategy import evidence as ev
from tests.factories import (
    ActivityFactory,
    GovernmentFactory,
    MembershipFactory,
    NetworkFactory,
    ParticipationFactory,
    PortfolioMembershipFactory,
    PositionFactory,
)
from tests.strategy.conftest import recently


def context_for(decisions, **changes):
    values = {
        "currency": "EUR",
        "rates": {"USD": 0.9},
        "budget": 40_000.0,
        "hours_available": 30.0,
        "themes": ("citizen-security", "climate"),
        "regions": ("South America",),
    }
    values.update(changes)
    return ev.Context(**values)


def gather(decisions, **changes):
    rows, context = ev.gather(decisions.workspace, context_for(decisions, **changes))
    return {row.slug: row for row in rows}, context


def test_candidates_are_the_active_networks(decisions):
    rows, _context = gather(decisions)
    assert set(rows) == {
        "climate-alliance",
        "safer-cities",
        "south-american-cities",
        "world-local",
        "tourism-cities",
    }  # the dissolved Bygone League is not a candidate
    assert rows["climate-alliance"].url == "/networks/climate-alliance/"


def test_members_countries_regions_and_similar_governments(decisions):
    rows, context = gather(decisions)
    climate = rows["climate-alliance"]
    # Members: City B, City E, City F, Town D (the city itself is not counted).
    assert climate.member_count == 4
    assert climate.reach_members == 100  # the atlas's approximate count is larger
    assert climate.country_count == 3
    assert climate.members_in_regions == 2  # City B and Town D are in South America
    # Comparable: City B only (Town D is too small, E and F are on another continent).
    assert climate.similar_members == 1
    # Safer Cities: City B and City C are comparable (1.4 M is within a factor 3 of 3 M).
    assert rows["safer-cities"].similar_members == 2
    # The tourism network's former member does not count.
    assert rows["tourism-cities"].member_count == 2
    assert context.max_members == 100


def test_similar_by_kind_when_a_population_is_unknown():
    home = ("SA", None, "city")
    assert ev.is_similar(home, ("SA", 10_000, "city"))
    assert not ev.is_similar(home, ("SA", 10_000, "region"))
    assert not ev.is_similar(home, ("EU", None, "city"))
    assert ev.is_similar(("SA", 3_000_000, "city"), ("SA", 1_000_000, "region"))
    assert not ev.is_similar(("SA", 3_000_000, "city"), ("SA", 999_999, "city"))


def test_peers_are_twins_and_co_members(decisions):
    rows, context = gather(decisions)
    # Twins: City B, City E; co-members of the city's networks: B, E, F, Town D, C, Province G.
    assert context.peers_total == 6
    assert rows["climate-alliance"].peers_present == 4
    assert rows["tourism-cities"].peers_present == 2  # City E and City F


def test_portfolio_activities_positions_and_hours(decisions):
    rows, _context = gather(decisions)
    climate = rows["climate-alliance"]
    assert climate.portfolio_status == "active"
    assert (climate.positions, climate.events_hosted, climate.awards, climate.practices) == (1, 1, 1, 2)
    assert climate.funds_received == pytest.approx(30_000)
    assert climate.fees_paid == pytest.approx(20_000)  # the fee recorded this year
    assert (climate.hours, climate.hours_source) == (10.0, "working_groups")
    assert climate.theme_overlap == 1
    # No fee recorded in the window: the annual fee for each of the 2 years, converted from USD.
    assert rows["world-local"].fees_paid == pytest.approx(2 * 5_000 * 0.9)
    assert rows["safer-cities"].hours_source == "assessment"
    assert rows["safer-cities"].hours == 12.0
    assert rows["south-american-cities"].hours == ev.DEFAULT_HOURS[NetworkKind.REGIONAL]


def test_fees_known_converted_and_estimated(decisions):
    rows, _context = gather(decisions)
    assert (rows["climate-alliance"].fee, rows["climate-alliance"].fee_estimated) == (20_000.0, False)
    # 5,000 USD at the rate entered.
    assert rows["world-local"].fee == pytest.approx(4_500)
    assert rows["world-local"].fee_estimated is False
    # The assessment's expected fee.
    assert rows["tourism-cities"].fee == 8_000.0
    # No fee known for Safer Cities (thematic, regional): no other thematic regional network has a
    # known fee, so the median of the thematic ones (20,000 and 8,000).
    security = rows["safer-cities"]
    assert security.fee_estimated is True
    assert security.fee == pytest.approx(14_000)
    assert security.fee_source == ("estimate", {"basis": "kind", "count": 2})


def test_a_fee_in_a_currency_without_a_rate_is_not_mixed(decisions):
    rows, context = gather(decisions)
    regional = rows["south-american-cities"]
    # 3,000 BRL: no rate, so the fee is unknown, then estimated (default of a regional network).
    assert regional.fee != 3_000
    assert regional.fee_estimated is True
    assert regional.fee == ev.DEFAULT_FEES_EUR[NetworkKind.REGIONAL]
    assert regional.fee_source[1]["currency"] == "BRL"
    sentence = ev.explain(
        "financial_commitment", ev.score_row(regional, context)["financial_commitment"][1], regional, context
    )
    assert "BRL" in sentence and "no exchange rate" in sentence
    # With a rate, the same fee is converted and no longer estimated.
    rows, _context = gather(decisions, rates={"USD": 0.9, "BRL": 0.2})
    assert rows["south-american-cities"].fee == pytest.approx(600)
    assert rows["south-american-cities"].fee_estimated is False


def test_funds_in_a_currency_without_a_rate_are_left_out(decisions):
    ActivityFactory(
        membership=decisions.portfolio.climate,
        kind=ActivityKind.RECEIVED_FUNDS,
        occurred_on=recently(20),
        amount=Decimal("50000"),
        currency="JPY",
    )
    rows, context = gather(decisions)
    climate = rows["climate-alliance"]
    assert climate.funds_received == pytest.approx(30_000)  # not 80,000
    assert climate.unconverted == {"JPY"}
    sentence = ev.explain(
        "financial_opportunities",
        ev.score_row(climate, context)["financial_opportunities"][1],
        climate,
        context,
    )
    assert "JPY" in sentence


def test_default_fee_unknown_without_a_euro_rate(decisions):
    # Budget in pesos, no EUR rate: the default fee (in euros) cannot be converted; every fee recorded
    # in EUR or USD is unknown too.
    rows, context = gather(decisions, currency="ARS", rates={})
    regional = rows["south-american-cities"]
    assert regional.fee is None
    scores = ev.score_row(regional, context)
    assert scores["financial_commitment"] == (0.5, ("fee_unknown", {}))


def test_another_workspace_records_are_never_read(decisions):
    rows, _context = gather(decisions)
    security = rows["safer-cities"]
    # The other office holds Safer Cities with a position, hosted events, funds, an assessment of it
    # with funds and an observer status, and a fee of 1 EUR.
    assert security.portfolio_status is None
    assert (security.positions, security.events_hosted, security.funds_received) == (0, 0, 0)
    assert security.funds_available is False
    assert security.observer_status == ""
    assert security.fee != 1.0


def count_queries(decisions):
    with CaptureQueriesContext(connection) as queries:
        ev.gather(decisions.workspace, context_for(decisions))
    return len(queries)


def test_query_count_does_not_depend_on_the_data(decisions):
    before = count_queries(decisions)
    # Many more networks, members, portfolio memberships and private records.
    for number in range(8):
        network = NetworkFactory(kind=NetworkKind.REPRESENTATION)
        for _ in range(3):
            MembershipFactory(
                network=network, government=GovernmentFactory(country=decisions.atlas.countries.br)
            )
        membership = PortfolioMembershipFactory(
            workspace=decisions.workspace, network=network, currency="USD"
        )
        ActivityFactory(membership=membership, kind=ActivityKind.HOSTED, occurred_on=recently(5 + number))
        PositionFactory(membership=membership, started_on=recently(300))
        ParticipationFactory(membership=membership, started_on=recently(300))
    assert count_queries(decisions) == before
    assert before <= 12
