"""Co-membership analytics read from the database, worked out by hand on a small atlas.

Networks and members (counted memberships only; government 5's former membership of network C is not)::

    A: 1, 2, 3, 4        B: 1, 2, 5        C: 3, 4        D: nobody

A & B share {1, 2}: Jaccard 2/5 = 0.4; A & C share {3, 4}: Jaccard 2/4 = 0.5; B & C share nobody.

Peers of government 1 (Italy, Southern Europe, 10,000 people); similarity = (size + place) / 2 with
size = 1 / (1 + |delta log10 population|) and place = share of {country, region} in common:

    2 (Spain, population unknown): 2 shared networks, similarity (0 + 1/2) / 2 = 0.25
    5 (Italy, 10,000 from its place): 1 shared, (1 + 1) / 2 = 1.0
    4 (Spain, 10,000): 1 shared, (1 + 1/2) / 2 = 0.75
    3 (Italy, 1,000,000): 1 shared, (1/3 + 1) / 2 = 2/3
"""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from intercity.engagement import analytics
from intercity.engagement.actions import record_membership
from intercity.engagement.choices import MembershipStatus
from tests.factories import CountryFactory, GovernmentFactory, MembershipFactory, NetworkFactory, PlaceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_analytics():
    # The memo is process-wide: never let one test see another's snapshot.
    cache.clear()
    analytics._memo.clear()
    yield
    cache.clear()
    analytics._memo.clear()


@pytest.fixture
def atlas():
    italy = CountryFactory(code="IT", region="Southern Europe")
    spain = CountryFactory(code="ES", region="Southern Europe")
    networks = {name: NetworkFactory(name=f"Network {name}") for name in "ABCD"}
    governments = {
        1: GovernmentFactory(country=italy, population=10_000),
        2: GovernmentFactory(country=spain, population=None),
        3: GovernmentFactory(country=italy, population=1_000_000),
        4: GovernmentFactory(country=spain, population=10_000),
        5: GovernmentFactory(
            country=italy, population=None, place=PlaceFactory(country=italy, population=10_000)
        ),
    }
    for name, members in {"A": [1, 2, 3, 4], "B": [1, 2, 5], "C": [3, 4]}.items():
        for number in members:
            MembershipFactory(government=governments[number], network=networks[name])
    MembershipFactory(
        government=governments[5],
        network=networks["C"],
        status=MembershipStatus.FORMER,
        left_on=datetime.date(2015, 1, 1),
    )
    return {"networks": networks, "governments": governments}


def test_overlapping_networks_match_the_hand_computed_jaccard(atlas):
    networks = atlas["networks"]
    assert analytics.overlapping_networks(networks["A"]) == [
        {"network": networks["C"], "shared": 2, "jaccard": 0.5, "members": 2},
        {"network": networks["B"], "shared": 2, "jaccard": 0.4, "members": 3},
    ]
    assert analytics.overlapping_networks(networks["B"]) == [
        {"network": networks["A"], "shared": 2, "jaccard": 0.4, "members": 4}
    ]
    assert analytics.overlapping_networks(networks["D"]) == []
    assert analytics.overlapping_networks(networks["A"], limit=1)[0]["network"] == networks["C"]


def test_peer_governments_match_the_hand_computed_order(atlas):
    governments, networks = atlas["governments"], atlas["networks"]
    peers = analytics.peer_governments(governments[1])
    assert [peer["government"] for peer in peers] == [governments[n] for n in (2, 5, 4, 3)]
    assert [peer["shared"] for peer in peers] == [2, 1, 1, 1]
    assert [peer["similarity"] for peer in peers] == pytest.approx([0.25, 1.0, 0.75, 2 / 3])
    assert peers[0]["shared_networks"] == [networks["A"], networks["B"]]
    assert peers[1]["shared_networks"] == [networks["B"]]


def test_former_memberships_are_not_counted(atlas):
    governments = atlas["governments"]
    # 5 left network C, so it shares nothing with 3 and 4.
    assert [peer["government"] for peer in analytics.peer_governments(governments[5])] == [
        governments[1],
        governments[2],
    ]


def test_government_without_counted_membership_has_no_peers_and_no_rank(atlas):
    loner = GovernmentFactory()
    assert analytics.peer_governments(loner) == []
    assert analytics.government_centrality(loner) == {
        "out_of": 5,
        "degree": 0,
        "degree_rank": None,
        "pagerank": 0.0,
        "pagerank_rank": None,
    }


def test_centralities_match_the_hand_computed_degrees_and_bridge(atlas):
    networks, governments = atlas["networks"], atlas["governments"]
    by_network = analytics.network_centrality()
    assert set(by_network) == {network.pk for network in networks.values()}
    assert by_network[networks["A"].pk]["degree"] == 4
    assert by_network[networks["A"].pk]["degree_rank"] == 1
    # A is the only route between B and C: 1 of the 3 pairs of other networks (D is alone).
    assert by_network[networks["A"].pk]["betweenness"] == pytest.approx(1 / 3)
    assert by_network[networks["D"].pk]["degree"] == 0
    assert by_network[networks["D"].pk]["degree_rank"] == 4
    first = analytics.government_centrality(governments[1])
    assert (first["degree"], first["degree_rank"], first["out_of"]) == (2, 1, 5)
    assert analytics.government_centrality(governments[5])["degree_rank"] == 5


def test_recording_a_membership_recomputes_the_analytics(atlas):
    governments, networks = atlas["governments"], atlas["networks"]
    before = analytics.comembership_snapshot()
    assert analytics.comembership_snapshot() is before
    record_membership(governments[5], networks["A"])
    after = analytics.comembership_snapshot()
    assert after is not before
    assert analytics.overlapping_networks(networks["B"])[0]["shared"] == 3
    assert analytics.peer_governments(governments[5])[0]["government"] == governments[1]
    assert analytics.government_centrality(governments[5])["degree"] == 2


def test_invalidate_forces_a_recomputation(atlas):
    before = analytics.comembership_snapshot()
    analytics.invalidate()
    assert analytics.comembership_snapshot() is not before


def test_another_process_reuses_the_cached_snapshot_with_one_query(atlas):
    analytics.comembership_snapshot()
    analytics._memo.clear()
    with CaptureQueriesContext(connection) as queries:
        snapshot = analytics.comembership_snapshot()
    assert len(queries) == 1
    assert snapshot.graph.n_memberships == 9


def test_warm_calls_cost_a_fixed_number_of_queries_whatever_the_limit(atlas, django_assert_max_num_queries):
    governments, networks = atlas["governments"], atlas["networks"]
    analytics.comembership_snapshot()
    counts = {}
    for limit in (1, 2, 10):
        with CaptureQueriesContext(connection) as peer_queries:
            analytics.peer_governments(governments[1], limit=limit)
        with CaptureQueriesContext(connection) as overlap_queries:
            analytics.overlapping_networks(networks["A"], limit=limit)
        counts[limit] = (len(peer_queries), len(overlap_queries))
    assert set(counts.values()) == {(3, 2)}
    with django_assert_max_num_queries(1):
        analytics.network_centrality()
    with django_assert_max_num_queries(1):
        analytics.government_centrality(governments[1])


def test_a_cold_call_builds_the_snapshot_in_a_fixed_number_of_queries(atlas, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        analytics.peer_governments(atlas["governments"][1], limit=50)


def test_peer_governments_come_with_country_and_place_selected(atlas, django_assert_num_queries):
    peers = analytics.peer_governments(atlas["governments"][1])
    with django_assert_num_queries(0):
        assert [peer["government"].country.code for peer in peers] == ["ES", "IT", "ES", "IT"]
        assert peers[1]["government"].place.population == 10_000
