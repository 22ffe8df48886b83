"""The engagement score and the passive/dormant flags (docs/engagement-score.md)."""

import datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from intercity.engagement.choices import ActivityKind, PortfolioStatus, PositionNature
from intercity.engagement.scoring import (
    ACTIVITY_POINTS,
    MAX_SCORE,
    Evidence,
    Flag,
    diminishing_points,
    funds_rule,
    months_before,
    score,
    score_membership,
    score_portfolio,
)
from tests.factories import (
    ActivityFactory,
    MembershipFeeFactory,
    ParticipationFactory,
    PortfolioMembershipFactory,
    PositionFactory,
    WorkspaceFactory,
)

TODAY = datetime.date(2026, 6, 30)
WINDOW_START = datetime.date(2024, 6, 30)
IN_WINDOW = datetime.date(2025, 6, 1)


def evidence(**values):
    """Plain evidence for the rules, over the default window ending TODAY."""
    values.setdefault("membership_id", 1)
    values.setdefault("window_start", WINDOW_START)
    values.setdefault("window_end", TODAY)
    return Evidence(**values)


def summit_attendance(membership, occurred_on=IN_WINDOW):
    return ActivityFactory(
        membership=membership, kind=ActivityKind.ATTENDED, at_annual_meeting=True, occurred_on=occurred_on
    )


@pytest.fixture
def membership(db):
    return PortfolioMembershipFactory(joined_on=datetime.date(2015, 1, 1))


# --- Flags ---------------------------------------------------------------------------------------------------


def test_passive_when_only_annual_summit_attendance(membership):
    summit_attendance(membership, datetime.date(2024, 11, 10))
    summit_attendance(membership, datetime.date(2025, 11, 12))

    engagement = score_membership(membership, today=TODAY)

    assert engagement.flag == Flag.PASSIVE
    assert engagement.flag_reason == (
        "The only activities in the last 24 months were attending the annual assembly or summit (2 times)."
    )
    assert engagement.activity_count == 2
    assert engagement.activities_by_kind == {ActivityKind.ATTENDED: 2}


def test_not_passive_when_holding_a_position(membership):
    summit_attendance(membership)
    PositionFactory(membership=membership, started_on=datetime.date(2023, 1, 1), ended_on=None)

    engagement = score_membership(membership, today=TODAY)

    assert engagement.flag is None
    assert engagement.positions == 1


def test_not_passive_with_a_working_group_seat(membership):
    summit_attendance(membership)
    ParticipationFactory(membership=membership, started_on=datetime.date(2025, 1, 1))

    engagement = score_membership(membership, today=TODAY)

    assert engagement.flag is None
    assert engagement.working_groups == 1


@pytest.mark.parametrize(
    ("kind", "at_annual_meeting"),
    [(ActivityKind.ATTENDED, False), (ActivityKind.PRESENTED, True), (ActivityKind.VOTED, True)],
)
def test_not_passive_when_doing_more_than_attending_the_summit(membership, kind, at_annual_meeting):
    summit_attendance(membership)
    ActivityFactory(
        membership=membership, kind=kind, at_annual_meeting=at_annual_meeting, occurred_on=IN_WINDOW
    )

    assert score_membership(membership, today=TODAY).flag is None


def test_dormant_without_activity(membership):
    ActivityFactory(membership=membership, occurred_on=datetime.date(2023, 5, 1))  # before the window

    engagement = score_membership(membership, today=TODAY)

    assert engagement.flag == Flag.DORMANT
    assert (
        engagement.flag_reason == "No activity, no position and no working-group seat in the last 24 months."
    )
    assert engagement.score == 0


def test_not_dormant_when_holding_a_position_without_activity(membership):
    PositionFactory(membership=membership, started_on=datetime.date(2025, 1, 1))

    assert score_membership(membership, today=TODAY).flag is None


@pytest.mark.parametrize(
    ("status", "flagged"),
    [
        (PortfolioStatus.ACTIVE, True),
        (PortfolioStatus.UNDER_REVIEW, True),
        (PortfolioStatus.LEAVING, False),
        (PortfolioStatus.LEFT, False),
    ],
)
def test_only_active_or_under_review_memberships_are_flagged(db, status, flagged):
    membership = PortfolioMembershipFactory(status=status, left_on=datetime.date(2026, 1, 1))

    engagement = score_membership(membership, today=TODAY)

    assert (engagement.flag == Flag.DORMANT) is flagged
    assert bool(engagement.flag_reason) is flagged


def test_young_membership_is_judged_since_it_joined(db):
    membership = PortfolioMembershipFactory(joined_on=datetime.date(2026, 3, 1))
    ActivityFactory(membership=membership, kind=ActivityKind.LED, occurred_on=datetime.date(2025, 12, 1))
    summit_attendance(membership, datetime.date(2026, 4, 20))

    engagement = score_membership(membership, today=TODAY)

    assert engagement.window_start == datetime.date(2026, 3, 1)
    assert engagement.activities_by_kind == {ActivityKind.ATTENDED: 1}
    assert engagement.flag == Flag.PASSIVE
    assert engagement.flag_reason == (
        "The only activity since it joined on March 1, 2026 was attending the annual assembly or summit (1 time)."
    )


def test_membership_joining_in_the_future_is_not_flagged(db):
    membership = PortfolioMembershipFactory(joined_on=datetime.date(2026, 9, 1))

    assert score_membership(membership, today=TODAY).flag is None


# --- The window ----------------------------------------------------------------------------------------------


def test_activities_outside_window_ignored(membership):
    ActivityFactory(membership=membership, kind=ActivityKind.HOSTED, occurred_on=WINDOW_START)
    ActivityFactory(membership=membership, kind=ActivityKind.LED, occurred_on=datetime.date(2024, 6, 29))
    ActivityFactory(membership=membership, kind=ActivityKind.LED, occurred_on=datetime.date(2026, 7, 1))

    engagement = score_membership(membership, today=TODAY)

    assert engagement.activities_by_kind == {ActivityKind.HOSTED: 1}
    assert engagement.score == ACTIVITY_POINTS[ActivityKind.HOSTED]
    assert (engagement.window_start, engagement.window_end) == (WINDOW_START, TODAY)


def test_window_length_is_a_parameter(membership):
    ActivityFactory(membership=membership, kind=ActivityKind.HOSTED, occurred_on=datetime.date(2025, 3, 1))

    assert score_membership(membership, today=TODAY, window_months=12).activity_count == 0
    assert score_membership(membership, today=TODAY, window_months=24).activity_count == 1


@pytest.mark.parametrize(
    ("started_on", "ended_on", "counted"),
    [
        (datetime.date(2020, 1, 1), datetime.date(2024, 6, 1), False),
        (datetime.date(2020, 1, 1), datetime.date(2024, 7, 1), True),
        (datetime.date(2020, 1, 1), None, True),
        (None, None, True),
        (datetime.date(2026, 8, 1), None, False),
    ],
)
def test_positions_and_seats_count_when_they_overlap_the_window(membership, started_on, ended_on, counted):
    PositionFactory(membership=membership, started_on=started_on, ended_on=ended_on)
    ParticipationFactory(membership=membership, started_on=started_on, ended_on=ended_on)

    engagement = score_membership(membership, today=TODAY)

    assert (engagement.positions, engagement.working_groups) == ((1, 1) if counted else (0, 0))


# --- Points --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(ActivityKind))
def test_first_activity_of_a_kind_is_worth_its_points(kind):
    engagement = score(evidence(activities={(kind, False): 1}))

    assert engagement.score == ACTIVITY_POINTS[kind] > 0
    assert engagement.breakdown[0][0] == kind.label


def test_diminishing_returns_per_kind():
    forty_attendances = score(evidence(activities={(ActivityKind.ATTENDED, True): 40}))
    one_leadership = score(evidence(activities={(ActivityKind.LED, False): 1}))
    two_presentations = score(evidence(activities={(ActivityKind.PRESENTED, False): 2}))

    assert forty_attendances.score == 3 < one_leadership.score == 5
    assert two_presentations.score == 5  # 3 + 3 × 0.7 = 5.1
    assert diminishing_points(4, 1000) < 4 / (1 - 0.7) + 1e-9


def test_positions_score_by_nature_up_to_the_cap():
    political = score(evidence(positions=[PositionNature.POLITICAL]))
    executive = score(evidence(positions=[PositionNature.EXECUTIVE]))
    many = score(evidence(positions=[PositionNature.POLITICAL] * 3 + [PositionNature.EXECUTIVE]))

    assert (political.score, executive.score, many.score) == (15, 10, 30)


def test_working_group_seats_score_up_to_the_cap():
    assert score(evidence(working_groups=1)).score == 8
    assert score(evidence(working_groups=5)).score == 24


def test_working_groups_count_distinct_groups(membership):
    first = ParticipationFactory(membership=membership)
    ParticipationFactory(membership=membership, working_group=first.working_group)

    assert score_membership(membership, today=TODAY).working_groups == 1


def test_funds_compared_with_fees_in_same_currency_only(membership):
    MembershipFeeFactory(membership=membership, year=2025, amount=10000, currency="EUR", paid_on=IN_WINDOW)
    ActivityFactory(
        membership=membership,
        kind=ActivityKind.RECEIVED_FUNDS,
        amount=50000,
        currency="USD",
        occurred_on=IN_WINDOW,
    )

    different = score_membership(membership, today=TODAY)

    assert different.funds_received == {"USD": Decimal("50000")}
    assert different.fees_paid == {"EUR": Decimal("10000")}
    funds_line = different.breakdown[-1]
    assert funds_line[1] == 0
    assert "not compared" in funds_line[2]
    assert different.score == ACTIVITY_POINTS[ActivityKind.RECEIVED_FUNDS]

    ActivityFactory(
        membership=membership,
        kind=ActivityKind.RECEIVED_FUNDS,
        amount=6000,
        currency="EUR",
        occurred_on=IN_WINDOW,
    )
    same = score_membership(membership, today=TODAY)

    assert same.funds_received == {"USD": Decimal("50000"), "EUR": Decimal("6000")}
    assert same.breakdown[-1][1] == 10  # 6,000 EUR is 60% of 10,000 EUR; the 50,000 USD are not added in


@pytest.mark.parametrize(
    ("received", "paid", "points"),
    [
        ({"EUR": Decimal(10000)}, {"EUR": Decimal(10000)}, 15),
        ({"EUR": Decimal(5000)}, {"EUR": Decimal(10000)}, 10),
        ({"EUR": Decimal(4999)}, {"EUR": Decimal(10000)}, 5),
        ({"EUR": Decimal(100), "ARS": Decimal(900000)}, {"EUR": Decimal(1000), "ARS": Decimal(800000)}, 15),
        ({"USD": Decimal(10)}, {}, 15),
        ({"USD": Decimal(10)}, {"EUR": Decimal(1)}, 0),
    ],
)
def test_funds_rule_thresholds(received, paid, points):
    assert funds_rule(received, paid)[1] == points


def test_no_funds_line_without_funds():
    assert funds_rule({}, {"EUR": Decimal(10000)}) is None


def test_fee_without_payment_date_counts_by_year(membership):
    MembershipFeeFactory(membership=membership, year=2025, amount=8000, currency="EUR", paid_on=None)
    MembershipFeeFactory(membership=membership, year=2023, amount=7000, currency="EUR", paid_on=None)
    MembershipFeeFactory(
        membership=membership, year=2022, amount=6000, currency="EUR", paid_on=datetime.date(2024, 8, 1)
    )

    assert score_membership(membership, today=TODAY).fees_paid == {"EUR": Decimal("14000")}


def test_score_is_capped_at_100():
    everything = evidence(
        activities={(kind, False): 20 for kind in ActivityKind},
        positions=[PositionNature.POLITICAL] * 3,
        working_groups=4,
        funds_received={"EUR": Decimal(50000)},
        fees_paid={"EUR": Decimal(10000)},
    )

    engagement = score(everything)

    assert sum(points for _label, points, _detail in engagement.breakdown) > MAX_SCORE
    assert engagement.score == MAX_SCORE


def test_breakdown_adds_up_to_the_score_below_the_cap(membership):
    ActivityFactory(membership=membership, kind=ActivityKind.PRESENTED, occurred_on=IN_WINDOW)
    ActivityFactory(membership=membership, kind=ActivityKind.HOSTED, occurred_on=IN_WINDOW)
    PositionFactory(membership=membership, nature=PositionNature.EXECUTIVE)
    ParticipationFactory(membership=membership)

    engagement = score_membership(membership, today=TODAY)

    assert [points for _label, points, _detail in engagement.breakdown] == [3, 5, 10, 8]
    assert engagement.score == 26


# --- Portfolio -----------------------------------------------------------------------------------------------


def build_portfolio(workspace, size):
    memberships = []
    for index in range(size):
        membership = PortfolioMembershipFactory(workspace=workspace)
        for kind in (ActivityKind.ATTENDED, ActivityKind.PRESENTED, ActivityKind.RECEIVED_FUNDS):
            ActivityFactory(
                membership=membership, kind=kind, occurred_on=IN_WINDOW, amount=1000 + index, currency="EUR"
            )
        PositionFactory(membership=membership, nature=PositionNature.EXECUTIVE)
        ParticipationFactory(membership=membership)
        MembershipFeeFactory(membership=membership, year=2025, paid_on=IN_WINDOW)
        memberships.append(membership)
    return memberships


@pytest.mark.parametrize("size", [2, 10])
def test_score_portfolio_query_count_is_constant(db, django_assert_num_queries, size):
    workspace = WorkspaceFactory()
    build_portfolio(workspace, size)

    # memberships, activities (counts and funds), positions, working-group seats, fees
    with django_assert_num_queries(5):
        scores = score_portfolio(workspace, today=TODAY)

    assert len(scores) == size
    assert all(engagement.activity_count == 3 for engagement in scores.values())


def test_score_portfolio_matches_score_membership(db):
    workspace = WorkspaceFactory()
    memberships = build_portfolio(workspace, 3)
    passive = PortfolioMembershipFactory(workspace=workspace)
    summit_attendance(passive)
    PortfolioMembershipFactory(workspace=workspace)  # dormant

    scores = score_portfolio(workspace, today=TODAY)

    assert len(scores) == 5
    for membership in [*memberships, passive]:
        assert scores[membership.pk] == score_membership(membership, today=TODAY)
    assert sorted(str(engagement.flag) for engagement in scores.values()) == [
        "None",
        "None",
        "None",
        "dormant",
        "passive",
    ]


def test_score_portfolio_keeps_to_its_workspace(db):
    workspace, other_workspace = WorkspaceFactory(), WorkspaceFactory()
    membership = PortfolioMembershipFactory(workspace=workspace)
    stranger = PortfolioMembershipFactory(workspace=other_workspace, network=membership.network)
    ActivityFactory(membership=stranger, occurred_on=IN_WINDOW)

    assert score_portfolio(workspace, today=TODAY, memberships=[membership, stranger]).keys() == {
        membership.pk
    }
    assert score_portfolio(workspace, today=TODAY)[membership.pk].activity_count == 0


def test_score_portfolio_of_an_empty_workspace(db):
    assert score_portfolio(WorkspaceFactory(), today=TODAY) == {}


def test_months_before_keeps_the_day_or_takes_the_last_of_the_month():
    assert months_before(datetime.date(2026, 6, 30), 24) == datetime.date(2024, 6, 30)
    assert months_before(datetime.date(2024, 3, 31), 1) == datetime.date(2024, 2, 29)
    assert months_before(datetime.date(2026, 1, 15), 13) == datetime.date(2024, 12, 15)


# --- Properties ----------------------------------------------------------------------------------------------

kinds = st.sampled_from(list(ActivityKind))
currencies = st.sampled_from(["EUR", "USD", "ARS"])
amounts = st.decimals(min_value=0, max_value=10_000_000, places=2, allow_nan=False, allow_infinity=False)
evidences = st.builds(
    evidence,
    activities=st.dictionaries(st.tuples(kinds, st.booleans()), st.integers(1, 60), max_size=8),
    positions=st.lists(st.sampled_from(list(PositionNature)), max_size=5),
    working_groups=st.integers(0, 6),
    funds_received=st.dictionaries(currencies, amounts, max_size=3),
    fees_paid=st.dictionaries(currencies, amounts, max_size=3),
)


@settings(max_examples=300, deadline=None)
@given(evidences)
def test_score_is_always_between_0_and_100(item):
    assert 0 <= score(item).score <= MAX_SCORE


@settings(max_examples=300, deadline=None)
@given(evidences, kinds, st.booleans(), currencies, amounts)
def test_adding_an_activity_never_lowers_the_score(item, kind, at_annual_meeting, currency, amount):
    before = score(item).score
    key = (kind, at_annual_meeting)
    item.activities = {**item.activities, key: item.activities.get(key, 0) + 1}
    if kind == ActivityKind.RECEIVED_FUNDS:
        item.funds_received = {**item.funds_received, currency: item.funds_received.get(currency, 0) + amount}

    assert score(item).score >= before


def test_young_membership_counts_fees_since_it_joined(db):
    membership = PortfolioMembershipFactory(joined_on=datetime.date(2026, 3, 1))
    MembershipFeeFactory(membership=membership, year=2025, amount=5000, currency="EUR", paid_on=None)
    MembershipFeeFactory(membership=membership, year=2026, amount=8000, currency="EUR", paid_on=None)

    assert score_membership(membership, today=TODAY).fees_paid == {"EUR": Decimal("8000")}


@pytest.mark.parametrize(("grant", "expected"), [({"EUR": Decimal(6000)}, 41), ({"USD": Decimal(25000)}, 36)])
def test_worked_example_of_the_documentation(grant, expected):
    example = evidence(
        activities={
            (ActivityKind.ATTENDED, True): 2,
            (ActivityKind.PRESENTED, False): 3,
            (ActivityKind.RECEIVED_FUNDS, False): 1,
            (ActivityKind.HOSTED, False): 1,
        },
        positions=[PositionNature.EXECUTIVE],
        working_groups=1,
        funds_received=grant,
        fees_paid={"EUR": Decimal(20000)},
    )
    engagement = score(example)

    assert engagement.score == expected
    assert engagement.flag is None
    assert score(evidence(activities={(ActivityKind.ATTENDED, True): 2})).score == 2


def test_breakdown_explains_each_line_in_words(membership):
    for _ in range(3):
        ActivityFactory(membership=membership, kind=ActivityKind.PRESENTED, occurred_on=IN_WINDOW)
    ActivityFactory(membership=membership, kind=ActivityKind.HOSTED, occurred_on=IN_WINDOW)
    PositionFactory(membership=membership, nature=PositionNature.POLITICAL)
    ParticipationFactory(membership=membership)
    MembershipFeeFactory(membership=membership, year=2025, amount=10000, currency="EUR", paid_on=IN_WINDOW)
    ActivityFactory(
        membership=membership,
        kind=ActivityKind.RECEIVED_FUNDS,
        amount=12500,
        currency="EUR",
        occurred_on=IN_WINDOW,
    )

    lines = [
        (str(label), points, str(detail))
        for label, points, detail in score_membership(membership, today=TODAY).breakdown
    ]

    assert lines == [
        (
            "Presented",
            7,
            "3 activities: the first is worth 3, each further one 70% of the one before.",
        ),
        ("Received funds", 4, "1 activity, worth 4."),
        ("Hosted", 5, "1 activity, worth 5."),
        (
            "Positions in governance bodies",
            15,
            "Political: 1 (15 points each); executive: 0 (10 points each); at most 30 points in all.",
        ),
        ("Working groups", 8, "A seat in 1 working group (8 points each, at most 24 points in all)."),
        ("Funds received compared with fees", 15, "12,500.00 EUR received for 10,000.00 EUR of fees (125%)."),
    ]
