"""The portfolio and membership pages: what each role sees, totals per currency, renewals, scores, exports."""

import csv
import datetime
import io
import json
import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from intercity.core.choices import Role
from intercity.engagement.choices import ActivityKind, PortfolioStatus
from intercity.engagement.querysets import activity_timeline
from tests.factories import (
    ActivityFactory,
    MembershipFeeFactory,
    NetworkFactory,
    ParticipationFactory,
    PersonFactory,
    PortfolioMembershipFactory,
    PositionFactory,
    WorkspaceFactory,
    WorkspaceMemberFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def workspace():
    return WorkspaceFactory(name="International relations office", slug="office")


@pytest.fixture
def member_client(client, workspace):
    """A client signed in as a member of ``workspace`` with the role asked for."""

    def sign_in(role):
        member = WorkspaceMemberFactory(workspace=workspace, role=role)
        client.force_login(member.user)
        return client

    return sign_in


def url(name, workspace, **kwargs):
    return reverse(name, kwargs={"workspace": workspace.slug, **kwargs})


def today():
    return timezone.localdate()


@pytest.fixture
def portfolio(workspace):
    """Two networks: one the city leads in (a seat, a working group, activities), one it only pays for."""
    active = PortfolioMembershipFactory(
        workspace=workspace,
        network=NetworkFactory(name="Cities for Climate", acronym="CFC"),
        annual_fee=Decimal("12000"),
        currency="EUR",
        renewal_on=today() + datetime.timedelta(days=23),
    )
    PositionFactory(membership=active, seat="Vice-president for Latin America")
    ParticipationFactory(membership=active)
    ActivityFactory(
        membership=active, kind=ActivityKind.HOSTED, occurred_on=today() - datetime.timedelta(days=30)
    )
    idle = PortfolioMembershipFactory(
        workspace=workspace,
        network=NetworkFactory(name="Idle Network", acronym="IDL"),
        annual_fee=Decimal("5000"),
        currency="USD",
        renewal_on=today() + datetime.timedelta(days=200),
        joined_on=datetime.date(2010, 1, 1),
    )
    return active, idle


def test_portfolio_shows_each_membership_with_score_flag_and_seats_to_a_viewer_without_edit_links(
    member_client, workspace, portfolio
):
    active, _idle = portfolio
    response = member_client(Role.VIEWER).get(url("engagement:portfolio", workspace))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Cities for Climate" in html and "Idle Network" in html
    assert url("engagement:membership", workspace, pk=active.pk) in html
    assert reverse("networks:detail", args=[active.network.slug]) in html
    assert "Vice-president for Latin America" in html
    # The dormant membership's flag and its reason are written out, not hidden in a tooltip.
    assert "Dormant membership" in html
    assert "No activity, no position and no working-group seat" in html
    assert url("engagement:membership-add", workspace) not in html
    assert "fee-scatter" in html


def test_portfolio_offers_an_add_link_to_an_editor(member_client, workspace, portfolio):
    response = member_client(Role.EDITOR).get(url("engagement:portfolio", workspace))
    assert url("engagement:membership-add", workspace) in response.content.decode()


def test_portfolio_is_not_found_for_a_non_member_and_asks_anonymous_users_to_sign_in(
    client, workspace, portfolio
):
    response = client.get(url("engagement:portfolio", workspace))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    client.force_login(WorkspaceMemberFactory().user)  # a member of another workspace
    assert client.get(url("engagement:portfolio", workspace)).status_code == 404
    active, _idle = portfolio
    assert client.get(url("engagement:membership", workspace, pk=active.pk)).status_code == 404


def test_portfolio_totals_keep_each_currency_apart(member_client, workspace, portfolio):
    active, idle = portfolio
    PortfolioMembershipFactory(workspace=workspace, annual_fee=Decimal("3000"), currency="EUR")
    MembershipFeeFactory(
        membership=active, year=2025, amount=Decimal("12000"), currency="EUR", paid_on=today()
    )
    MembershipFeeFactory(membership=idle, year=2025, amount=Decimal("5000"), currency="USD")
    response = member_client(Role.VIEWER).get(url("engagement:portfolio", workspace))
    totals = {row["currency"]: row["total"] for row in response.context["annual_fee_totals"]}
    assert totals == {"EUR": Decimal("15000"), "USD": Decimal("5000")}
    by_year = {
        (row["year"], row["currency"]): (row["due"], row["paid"])
        for row in response.context["fee_totals_by_year"]
    }
    assert by_year == {
        (2025, "EUR"): (Decimal("12000"), Decimal("12000")),
        (2025, "USD"): (Decimal("5000"), Decimal("0")),
    }
    html = response.content.decode()
    assert "20,000" not in html and "20000" not in html  # never EUR + USD
    scatter = {series["currency"]: series["points"] for series in response.context["fee_scatter"]}
    assert sorted(scatter) == ["EUR", "USD"]
    assert {point["fee"] for point in scatter["USD"]} == {5000.0}


def test_renewals_in_the_next_90_days_are_announced_and_later_ones_are_not(
    member_client, workspace, portfolio
):
    active, idle = portfolio
    left = PortfolioMembershipFactory(
        workspace=workspace,
        status=PortfolioStatus.LEFT,
        left_on=today(),
        leaving_reason="Budget cuts",
        renewal_on=today() + datetime.timedelta(days=10),
    )
    response = member_client(Role.VIEWER).get(url("engagement:portfolio", workspace))
    announced = [item["membership"] for item in response.context["renewals"]]
    assert announced == [active]
    assert idle not in announced and left not in announced
    html = response.content.decode()
    assert "Renews in 23 days" in html
    assert "Renews in 200 days" not in html
    assert len(re.findall(r"<tr [^>]*renews-soon", html)) == 1


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_portfolio_export_contains_the_score_and_the_flag(member_client, workspace, portfolio, export_format):
    _active, _idle = portfolio
    response = member_client(Role.VIEWER).get(
        url("engagement:portfolio", workspace), {"export": export_format}
    )
    assert response.status_code == 200
    if export_format == "csv":
        rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    else:
        sheet = load_workbook(io.BytesIO(response.content)).active
        rows = [
            [str(cell) if cell is not None else "" for cell in row]
            for row in sheet.iter_rows(values_only=True)
        ]
    header, records = rows[0], {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert {"Engagement score", "Flag", "Flag reason", "Score window (months)"} <= set(header)
    assert records["Idle Network"]["Flag"] == "dormant"
    assert records["Idle Network"]["Engagement score"] == "0"
    assert records["Idle Network"]["Flag reason"].startswith("No activity")
    assert records["Cities for Climate"]["Flag"] == ""
    assert int(records["Cities for Climate"]["Engagement score"]) > 0


def test_the_score_window_is_chosen_in_the_address(member_client, workspace):
    membership = PortfolioMembershipFactory(workspace=workspace, joined_on=datetime.date(2000, 1, 1))
    ActivityFactory(
        membership=membership, kind=ActivityKind.LED, occurred_on=today() - datetime.timedelta(days=600)
    )
    client = member_client(Role.VIEWER)
    short = client.get(url("engagement:portfolio", workspace), {"window": "12"})
    long = client.get(url("engagement:portfolio", workspace), {"window": "36"})
    assert short.context["window_months"] == 12 and long.context["window_months"] == 36
    assert short.context["table"].scores[membership.pk].score == 0
    assert long.context["table"].scores[membership.pk].score > 0
    assert client.get(url("engagement:portfolio", workspace), {"window": "7"}).context["filter"].form.errors


def test_portfolio_filters_by_status(member_client, workspace, portfolio):
    _active, _idle = portfolio
    PortfolioMembershipFactory(workspace=workspace, status=PortfolioStatus.UNDER_REVIEW)
    response = member_client(Role.VIEWER).get(
        url("engagement:portfolio", workspace), {"status": "under_review"}
    )
    assert [row.record.status for row in response.context["table"].rows] == [PortfolioStatus.UNDER_REVIEW]


def make_memberships(workspace, count):
    for _ in range(count):
        membership = PortfolioMembershipFactory(
            workspace=workspace, renewal_on=today() + datetime.timedelta(days=5)
        )
        PositionFactory(membership=membership)
        ParticipationFactory(membership=membership)
        ActivityFactory(membership=membership, occurred_on=today())
        MembershipFeeFactory(membership=membership)


def test_portfolio_query_count_does_not_grow_with_the_number_of_memberships(
    member_client, workspace, django_assert_num_queries
):
    client = member_client(Role.VIEWER)
    address = url("engagement:portfolio", workspace)
    make_memberships(workspace, 3)
    client.get(address)  # the session and the user's role are loaded once
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cache.clear()  # scores and rows are computed, not read from the cache
    with CaptureQueriesContext(connection) as small:
        assert client.get(address).status_code == 200
    make_memberships(workspace, 9)
    cache.clear()
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(address)
    assert len(response.context["table"].rows) == 12
    # Read again while nothing changed: the scores come from the cache, so fewer queries still.
    with CaptureQueriesContext(connection) as cached:
        client.get(address)
    assert len(cached.captured_queries) < len(small.captured_queries)


def test_membership_page_tells_the_story_of_a_membership(member_client, workspace, portfolio):
    active, _idle = portfolio
    person = PersonFactory(workspace=workspace, name="Staff member A")
    activity = ActivityFactory(
        membership=active,
        kind=ActivityKind.PRESENTED,
        title="Presented the climate plan",
        occurred_on=today() - datetime.timedelta(days=3),
        evidence_url="https://example.org/report",
    )
    activity.people.set([person])
    MembershipFeeFactory(membership=active, year=2024, amount=Decimal("11000"))
    response = member_client(Role.VIEWER).get(url("engagement:membership", workspace, pk=active.pk))
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "Cities for Climate",
        "Renews in 23 days",
        "Presented the climate plan",
        "Vice-president for Latin America",
        "Staff member A",
        "https://example.org/report",
        "11,000.00",
        "How the score is reached",
    ):
        assert text in html, text
    engagement = response.context["engagement"]
    assert engagement.score > 0 and engagement.flag is None
    assert sum(sum(series["values"]) for series in response.context["timeline"]["series"]) == 2
    # A viewer sees no form and no edit link.
    assert "short_form" not in html
    assert url("engagement:activity-edit", workspace, pk=activity.pk) not in html
    assert url("engagement:membership-edit", workspace, pk=active.pk) not in html


def test_membership_page_gives_an_editor_the_short_form_and_edit_links(member_client, workspace, portfolio):
    active, _idle = portfolio
    activity = ActivityFactory(membership=active)
    html = (
        member_client(Role.EDITOR).get(url("engagement:membership", workspace, pk=active.pk)).content.decode()
    )
    assert 'name="short_form"' in html and "hx-post" in html
    assert url("engagement:activity-edit", workspace, pk=activity.pk) in html
    assert url("engagement:membership-edit", workspace, pk=active.pk) in html


def test_membership_page_shows_the_flag_reason_of_a_dormant_membership(member_client, workspace, portfolio):
    _active, idle = portfolio
    response = member_client(Role.VIEWER).get(url("engagement:membership", workspace, pk=idle.pk))
    html = response.content.decode()
    assert "Dormant membership" in html
    assert "No activity, no position and no working-group seat in the last 24 months" in html


def test_timeline_counts_activities_per_month_and_kind_up_to_this_month():
    class Row:
        def __init__(self, kind, day):
            self.kind, self.occurred_on = kind, day

    rows = [
        Row(ActivityKind.ATTENDED, datetime.date(2025, 11, 3)),
        Row(ActivityKind.ATTENDED, datetime.date(2025, 11, 20)),
        Row(ActivityKind.HOSTED, datetime.date(2026, 1, 9)),
    ]
    timeline = activity_timeline(rows, today=datetime.date(2026, 2, 14))
    assert timeline["months"] == ["2025-11", "2025-12", "2026-01", "2026-02"]
    assert {series["kind"]: series["values"] for series in timeline["series"]} == {
        "attended": [2, 0, 0, 0],
        "hosted": [0, 0, 1, 0],
    }
    assert activity_timeline([], today=datetime.date(2026, 2, 14)) == {"months": [], "series": []}


@pytest.mark.parametrize(
    ("name", "factory"),
    [
        ("engagement:activity-list", ActivityFactory),
        ("engagement:position-list", PositionFactory),
        ("engagement:participation-list", ParticipationFactory),
    ],
)
def test_list_pages_show_only_the_workspaces_records_and_export_them(member_client, workspace, name, factory):
    membership = PortfolioMembershipFactory(workspace=workspace)
    mine, theirs = factory(membership=membership), factory()
    client = member_client(Role.VIEWER)
    response = client.get(url(name, workspace))
    assert response.status_code == 200
    assert [row.record for row in response.context["table"].rows] == [mine]
    assert "Edit" not in [str(column.header) for column in response.context["table"].columns]
    exported = json.loads(b"".join(client.get(url(name, workspace), {"export": "json"}).streaming_content))
    assert len(exported) == 1 and "actions" not in exported[0]
    assert theirs.pk != mine.pk


def test_working_group_list_counts_participations_and_activities(member_client, workspace):
    participation = ParticipationFactory(membership=PortfolioMembershipFactory(workspace=workspace))
    ActivityFactory(membership=participation.membership, working_group=participation.working_group)
    response = member_client(Role.EDITOR).get(url("engagement:working-group-list", workspace))
    (row,) = response.context["table"].rows
    assert (row.record.participation_count, row.record.activity_count) == (1, 1)
    assert (
        url("engagement:working-group-edit", workspace, pk=participation.working_group.pk)
        in response.content.decode()
    )


def test_htmx_filtering_returns_the_results_with_their_chart_data(member_client, workspace, portfolio):
    response = member_client(Role.VIEWER).get(
        url("engagement:portfolio", workspace), {"currency": "USD", "window": "36"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert "<h1" not in html  # a fragment, not the page
    assert "Idle Network" in html and "Cities for Climate" not in html
    assert [series["currency"] for series in response.context["fee_scatter"]] == ["USD"]
    assert "Scores over the last 36 months" in html
