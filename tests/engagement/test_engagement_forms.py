"""The engagement forms: they save through the actions (with history), keep to the workspace, obey roles."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from intercity.core.choices import Role
from intercity.engagement.choices import ActivityKind, PortfolioStatus, PositionNature
from intercity.engagement.models import (
    Activity,
    MembershipFee,
    Participation,
    PortfolioMembership,
    Position,
)
from intercity.networks.choices import BodyKind
from intercity.networks.models import GovernanceBody, WorkingGroup
from tests.factories import (
    ActivityFactory,
    DepartmentFactory,
    MembershipFactory,
    NetworkFactory,
    PersonFactory,
    PortfolioMembershipFactory,
    WorkingGroupFactory,
    WorkspaceFactory,
    WorkspaceMemberFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def workspace():
    return WorkspaceFactory(slug="office", default_currency="ARS")


@pytest.fixture
def membership(workspace):
    return PortfolioMembershipFactory(workspace=workspace, annual_fee=Decimal("9000"), currency="EUR")


@pytest.fixture
def stranger_membership():
    """A membership of another workspace."""
    return PortfolioMembershipFactory()


@pytest.fixture
def editor(client, workspace):
    client.force_login(WorkspaceMemberFactory(workspace=workspace, role=Role.EDITOR).user)
    return client


@pytest.fixture
def viewer(client, workspace):
    client.force_login(WorkspaceMemberFactory(workspace=workspace, role=Role.VIEWER).user)
    return client


def url(name, workspace, **kwargs):
    return reverse(name, kwargs={"workspace": workspace.slug, **kwargs})


def today():
    return timezone.localdate()


def test_adding_a_membership_saves_it_with_history_and_links_the_public_record(editor, workspace):
    network = NetworkFactory(name="Cities for Climate")
    public = MembershipFactory(government=workspace.government, network=network)
    response = editor.post(
        url("engagement:membership-add", workspace),
        {"network": network.pk, "status": PortfolioStatus.ACTIVE, "annual_fee": "1200", "currency": "eur"},
    )
    membership = PortfolioMembership.objects.get(workspace=workspace, network=network)
    assert response.status_code == 302
    assert response["Location"] == url("engagement:membership", workspace, pk=membership.pk)
    assert membership.currency == "EUR"
    assert membership.public_membership == public
    assert membership.history.count() == 1


def test_the_membership_form_proposes_the_workspaces_currency(editor, workspace):
    response = editor.get(url("engagement:membership-add", workspace))
    assert response.context["form"].initial["currency"] == "ARS"


def test_leaving_a_membership_without_a_reason_shows_the_error_and_changes_nothing(
    editor, workspace, membership
):
    response = editor.post(
        url("engagement:membership-edit", workspace, pk=membership.pk),
        {
            "network": membership.network.pk,
            "status": PortfolioStatus.LEAVING,
            "annual_fee": "9000",
            "currency": "EUR",
        },
    )
    assert response.status_code == 200
    assert "leaving_reason" in response.context["form"].errors
    assert "Say why the city is leaving this network." in response.content.decode()
    membership.refresh_from_db()
    assert membership.status == PortfolioStatus.ACTIVE


def test_leaving_a_membership_with_a_reason_is_saved(editor, workspace, membership):
    editor.post(
        url("engagement:membership-edit", workspace, pk=membership.pk),
        {
            "network": membership.network.pk,
            "status": PortfolioStatus.LEAVING,
            "annual_fee": "9000",
            "currency": "EUR",
            "leaving_reason": "The city's priorities changed.",
        },
    )
    membership.refresh_from_db()
    assert membership.status == PortfolioStatus.LEAVING
    assert membership.history.count() == 2


def test_a_membership_owner_of_another_workspace_is_refused(editor, workspace, membership):
    stranger = PersonFactory()
    response = editor.post(
        url("engagement:membership-edit", workspace, pk=membership.pk),
        {"network": membership.network.pk, "status": PortfolioStatus.ACTIVE, "owner": stranger.pk},
    )
    assert "owner" in response.context["form"].errors
    membership.refresh_from_db()
    assert membership.owner is None and membership.history.count() == 1


def test_recording_a_fee_proposes_the_membership_fee_and_saves_it(editor, workspace, membership):
    form = editor.get(url("engagement:fee-add", workspace), {"membership": membership.pk}).context["form"]
    assert (form.initial["membership"], form.initial["amount"], form.initial["currency"]) == (
        membership.pk,
        Decimal("9000"),
        "EUR",
    )
    response = editor.post(
        url("engagement:fee-add", workspace),
        {
            "membership": membership.pk,
            "year": 2025,
            "amount": "9000",
            "currency": "EUR",
            "paid_on": "2025-03-01",
        },
    )
    fee = MembershipFee.objects.get(membership=membership)
    assert response["Location"].endswith("#fees")
    assert fee.paid_on == datetime.date(2025, 3, 1) and fee.history.count() == 1


def test_a_position_finds_or_creates_its_body_by_kind_and_name(editor, workspace, membership):
    values = {
        "membership": membership.pk,
        "body_kind": BodyKind.EXECUTIVE_BUREAU,
        "body_name": "Executive Committee",
        "seat": "Vice-president for Latin America",
        "holder_title": "Mayor",
        "nature": PositionNature.POLITICAL,
    }
    editor.post(url("engagement:position-add", workspace), values)
    editor.post(url("engagement:position-add", workspace), {**values, "seat": "Treasurer"})
    body = GovernanceBody.objects.get(workspace=workspace)
    assert (body.network, body.kind, body.name) == (
        membership.network,
        BodyKind.EXECUTIVE_BUREAU,
        "Executive Committee",
    )
    assert sorted(Position.objects.filter(body=body).values_list("seat", flat=True)) == [
        "Treasurer",
        "Vice-president for Latin America",
    ]
    position = Position.objects.get(seat="Treasurer")
    assert position.history.count() == 1
    form = editor.get(url("engagement:position-edit", workspace, pk=position.pk)).context["form"]
    assert form.initial["body_kind"] == BodyKind.EXECUTIVE_BUREAU
    assert form.initial["body_name"] == "Executive Committee"


def test_a_position_in_a_membership_of_another_workspace_is_refused_and_creates_no_body(
    editor, workspace, stranger_membership
):
    response = editor.post(
        url("engagement:position-add", workspace),
        {
            "membership": stranger_membership.pk,
            "body_kind": BodyKind.BOARD,
            "seat": "Member",
            "holder_title": "Mayor",
            "nature": PositionNature.POLITICAL,
        },
    )
    assert response.status_code == 200 and "membership" in response.context["form"].errors
    assert not Position.objects.exists() and not GovernanceBody.objects.exists()


def test_a_participation_with_a_representative_of_another_workspace_is_refused(editor, workspace, membership):
    group = WorkingGroupFactory(workspace=workspace, network=membership.network)
    department = DepartmentFactory(workspace=workspace)
    values = {"membership": membership.pk, "working_group": group.pk, "department": department.pk}
    response = editor.post(
        url("engagement:participation-add", workspace), {**values, "representative": PersonFactory().pk}
    )
    assert "representative" in response.context["form"].errors
    assert not Participation.objects.exists()
    mine = PersonFactory(workspace=workspace)
    response = editor.post(
        url("engagement:participation-add", workspace), {**values, "representative": mine.pk}
    )
    assert response.status_code == 302
    assert Participation.objects.get().history.count() == 1


def test_a_participation_in_a_working_group_of_another_network_is_refused(editor, workspace, membership):
    other_group = WorkingGroupFactory(workspace=workspace)  # same workspace, another network
    response = editor.post(
        url("engagement:participation-add", workspace),
        {
            "membership": membership.pk,
            "working_group": other_group.pk,
            "department": DepartmentFactory(workspace=workspace).pk,
        },
    )
    assert "working_group" in response.context["form"].errors
    assert not Participation.objects.exists()


def test_the_full_activity_form_saves_people_and_an_evidence_file(
    editor, workspace, membership, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    person = PersonFactory(workspace=workspace)
    response = editor.post(
        url("engagement:activity-add", workspace),
        {
            "membership": membership.pk,
            "kind": ActivityKind.HOSTED,
            "occurred_on": "2025-05-02",
            "title": "Hosted the regional meeting",
            "people": [person.pk],
            "currency": "EUR",
            "evidence_file": SimpleUploadedFile("minutes.txt", b"minutes of the meeting"),
        },
    )
    assert response.status_code == 302
    activity = Activity.objects.get()
    assert list(activity.people.all()) == [person]
    assert activity.currency == ""  # no amount, so the proposed currency is not kept
    assert activity.history.count() >= 1
    download = editor.get(url("engagement:activity-evidence", workspace, pk=activity.pk))
    assert b"".join(download.streaming_content) == b"minutes of the meeting"


def test_an_activity_with_a_person_of_another_workspace_is_refused(editor, workspace, membership):
    response = editor.post(
        url("engagement:activity-add", workspace),
        {
            "membership": membership.pk,
            "kind": ActivityKind.ATTENDED,
            "occurred_on": "2025-05-02",
            "title": "Attended",
            "people": [PersonFactory().pk],
        },
    )
    assert "people" in response.context["form"].errors
    assert not Activity.objects.exists()


def test_an_evidence_file_is_not_found_for_a_member_of_another_workspace(
    client, workspace, membership, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    activity = ActivityFactory(
        membership=membership, evidence_file=SimpleUploadedFile("minutes.txt", b"private")
    )
    client.force_login(WorkspaceMemberFactory(role=Role.OWNER).user)
    assert client.get(url("engagement:activity-evidence", workspace, pk=activity.pk)).status_code == 404


def short_form(membership, **values):
    return {
        "short_form": "1",
        "membership": membership.pk,
        "kind": ActivityKind.PRESENTED,
        "occurred_on": today().isoformat(),
        "title": "Presented the mobility plan",
        "currency": "EUR",
        **values,
    }


def test_htmx_short_form_returns_the_activities_and_the_new_score_in_place(editor, workspace, membership):
    group = WorkingGroupFactory(workspace=workspace, network=membership.network, name="Mobility")
    address = url("engagement:activity-add", workspace) + f"?membership={membership.pk}"
    before = editor.get(url("engagement:membership", workspace, pk=membership.pk)).context["engagement"].score
    response = editor.post(address, short_form(membership, working_group=group.pk), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="membership-activities"')
    assert "Presented the mobility plan" in html and "Activity added" in html
    assert 'id="membership-score"' in html and 'hx-swap-oob="true"' in html
    assert response.context["engagement"].score > before
    activity = Activity.objects.get()
    assert (activity.membership, activity.working_group, activity.kind) == (
        membership,
        group,
        ActivityKind.PRESENTED,
    )
    assert activity.history.count() >= 1
    # The form comes back empty, ready for the next activity.
    assert response.context["activity_form"].is_bound is False


def test_htmx_short_form_with_errors_returns_them_and_saves_nothing(editor, workspace, membership):
    response = editor.post(
        url("engagement:activity-add", workspace),
        short_form(membership, kind=ActivityKind.RECEIVED_FUNDS, title=""),
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    errors = response.context["activity_form"].errors
    assert "title" in errors and "amount" in errors
    assert "Please correct the errors below." in response.content.decode()
    assert not Activity.objects.exists()


def test_short_form_without_javascript_redirects_to_the_membership_page(editor, workspace, membership):
    response = editor.post(url("engagement:activity-add", workspace), short_form(membership))
    assert response.status_code == 302
    assert response["Location"] == url("engagement:membership", workspace, pk=membership.pk) + "#activities"
    assert Activity.objects.get().title == "Presented the mobility plan"


def test_short_form_for_a_membership_of_another_workspace_is_not_found(
    editor, workspace, stranger_membership
):
    response = editor.post(
        url("engagement:activity-add", workspace), short_form(stranger_membership), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 404
    assert not Activity.objects.exists()


def test_short_form_offers_only_the_working_groups_of_the_membership_network(editor, workspace, membership):
    mine = WorkingGroupFactory(workspace=workspace, network=membership.network)
    WorkingGroupFactory(workspace=workspace)  # another network
    WorkingGroupFactory(network=membership.network)  # another workspace
    form = editor.get(url("engagement:membership", workspace, pk=membership.pk)).context["activity_form"]
    assert list(form.fields["working_group"].queryset) == [mine]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("engagement:membership-add", {"status": "active"}),
        (
            "engagement:activity-add",
            {"short_form": "1", "kind": "attended", "title": "x", "occurred_on": "2025-01-01"},
        ),
        ("engagement:working-group-add", {"name": "Mobility"}),
    ],
)
def test_a_viewer_cannot_add_anything(viewer, workspace, membership, name, data):
    data = {**data, "membership": membership.pk, "network": membership.network.pk}
    assert viewer.post(url(name, workspace), data).status_code == 403
    assert not Activity.objects.exists() and not WorkingGroup.objects.exists()
    assert PortfolioMembership.objects.count() == 1


def test_a_viewer_cannot_change_or_delete_a_record(viewer, workspace, membership):
    activity = ActivityFactory(membership=membership, title="Original")
    assert viewer.get(url("engagement:activity-edit", workspace, pk=activity.pk)).status_code == 403
    response = viewer.post(
        url("engagement:activity-edit", workspace, pk=activity.pk),
        {"membership": membership.pk, "kind": "attended", "title": "Changed", "occurred_on": "2025-01-01"},
    )
    assert response.status_code == 403
    assert viewer.post(url("engagement:activity-delete", workspace, pk=activity.pk)).status_code == 403
    assert viewer.post(url("engagement:membership-delete", workspace, pk=membership.pk)).status_code == 403
    activity.refresh_from_db()
    assert activity.title == "Original"
    assert PortfolioMembership.objects.filter(pk=membership.pk).exists()


def test_an_editor_deletes_an_activity_and_returns_to_its_membership(editor, workspace, membership):
    activity = ActivityFactory(membership=membership)
    response = editor.post(url("engagement:activity-delete", workspace, pk=activity.pk))
    assert response["Location"] == url("engagement:membership", workspace, pk=membership.pk)
    assert not Activity.objects.exists()
    assert Activity.history.filter(id=activity.pk, history_type="-").exists()


def test_a_record_of_another_workspace_cannot_be_edited_or_deleted(editor, workspace):
    theirs = ActivityFactory()
    assert editor.get(url("engagement:activity-edit", workspace, pk=theirs.pk)).status_code == 404
    assert editor.post(url("engagement:activity-delete", workspace, pk=theirs.pk)).status_code == 404
    assert Activity.objects.filter(pk=theirs.pk).exists()


def test_a_working_group_is_added_and_listed(editor, workspace):
    network = NetworkFactory()
    response = editor.post(
        url("engagement:working-group-add", workspace), {"network": network.pk, "name": "Mobility"}
    )
    assert response["Location"] == url("engagement:working-group-list", workspace)
    group = WorkingGroup.objects.get(workspace=workspace)
    assert group.name == "Mobility" and group.history.count() == 1


@pytest.mark.parametrize(
    "name",
    [
        "engagement:membership-add",
        "engagement:fee-add",
        "engagement:position-add",
        "engagement:participation-add",
        "engagement:activity-add",
        "engagement:working-group-add",
    ],
)
def test_every_add_page_opens_for_an_editor_with_a_way_back(editor, workspace, membership, name):
    response = editor.get(
        url(name, workspace), {"membership": membership.pk} if "membership" not in name else {}
    )
    assert response.status_code == 200
    assert response.context["cancel_url"]
    assert 'method="post"' in response.content.decode()


def test_a_fee_page_proposed_for_another_workspaces_membership_proposes_nothing(
    editor, workspace, stranger_membership
):
    form = editor.get(url("engagement:fee-add", workspace), {"membership": stranger_membership.pk}).context[
        "form"
    ]
    assert form.initial.get("membership") is None
    assert stranger_membership not in form.fields["membership"].queryset
