"""Practices and lessons: their constraints, who sees them, and the actions that record and publish them."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from intercity.core.choices import Role
from intercity.knowledge.actions import (
    add_attachment,
    delete_practice,
    publish,
    save_lesson,
    save_practice,
    unpublish,
)
from intercity.knowledge.choices import Visibility
from intercity.knowledge.models import Lesson, Practice, PracticeAttachment
from tests.factories import (
    ActivityFactory,
    GovernmentFactory,
    NetworkFactory,
    PersonFactory,
    ThemeFactory,
    UserFactory,
    WorkspaceFactory,
    WorkspaceMemberFactory,
)

pytestmark = pytest.mark.django_db


def practice_values(**changes):
    return {
        "title": "Youth centres in the hillside neighbourhoods",
        "government": GovernmentFactory(),
        "problem": "Homicides of young men in the outer neighbourhoods.",
        "solution": "Libraries, sports grounds and night schools run with the neighbours.",
        "language": "en",
        **changes,
    }


def make_practice(workspace, visibility=Visibility.WORKSPACE, **changes):
    return save_practice(workspace, practice_values(visibility=visibility, **changes))


def make_lesson(workspace, visibility=Visibility.WORKSPACE, **changes):
    values = {"title": "Bring the mayor", "learned": "Peers listen when the mayor comes.", **changes}
    return save_lesson(workspace, {"visibility": visibility, **values})


# --- Constraints and validation ------------------------------------------------------------------------


def test_save_practice_records_it_in_the_workspace_with_history_themes_and_networks():
    workspace = WorkspaceFactory()
    theme, network = ThemeFactory(name="Safety"), NetworkFactory()
    practice = save_practice(workspace, practice_values(sdgs=[16, 4, 11]), themes=[theme], networks=[network])
    assert practice.workspace == workspace
    assert practice.sdgs == [4, 11, 16]
    assert list(practice.themes.all()) == [theme]
    assert list(practice.networks.all()) == [network]
    # simple_history writes a row for the save and one per many-to-many set; the last holds everything.
    assert [row.theme_id for row in practice.history.latest().themes.all()] == [theme.pk]
    assert practice.published_at is None


@pytest.mark.parametrize("sdgs", [[0], [18], ["3"], [3, 3], [True], "11"])
def test_practice_refuses_anything_but_distinct_goal_numbers_from_1_to_17(sdgs):
    with pytest.raises(ValidationError) as error:
        make_practice(WorkspaceFactory(), sdgs=sdgs)
    assert "sdgs" in error.value.message_dict
    assert not Practice.objects.exists()


def test_practice_with_a_cost_needs_its_currency():
    with pytest.raises(ValidationError) as error:
        make_practice(WorkspaceFactory(), cost=Decimal("250000"))
    assert "Give the currency of the cost." in str(error.value)
    practice = make_practice(WorkspaceFactory(), cost=Decimal("250000"), currency="COP")
    assert practice.cost == Decimal("250000")


def test_practice_cannot_end_before_it_started():
    with pytest.raises(ValidationError, match="cannot end before it started"):
        make_practice(WorkspaceFactory(), started_year=2015, ended_year=2012)


def test_database_refuses_a_private_practice_without_a_workspace():
    with pytest.raises(IntegrityError), transaction.atomic():
        Practice.objects.create(
            title="Nobody's", government=GovernmentFactory(), problem="p", solution="s", workspace=None
        )


def test_a_public_practice_may_have_no_workspace():
    practice = Practice.objects.create(
        title="Open data", government=GovernmentFactory(), problem="p", solution="s", visibility="public"
    )
    assert practice.workspace is None


def test_attachment_needs_a_file_or_an_address():
    workspace = WorkspaceFactory()
    practice = make_practice(workspace)
    with pytest.raises(ValidationError, match="Attach a file or give an address"):
        add_attachment(practice, workspace, title="Report")
    attachment = add_attachment(practice, workspace, title="Report", url="https://example.org/report.pdf")
    assert list(practice.attachments.all()) == [attachment]


def test_another_workspace_cannot_change_delete_or_attach_to_a_practice():
    practice = make_practice(WorkspaceFactory())
    other = WorkspaceFactory()
    with pytest.raises(ValueError):
        save_practice(other, {"title": "Taken over"}, instance=practice)
    with pytest.raises(ValueError):
        publish(practice, other)
    with pytest.raises(ValueError):
        delete_practice(practice, other)
    with pytest.raises(ValueError):
        add_attachment(practice, other, title="Report", url="https://example.org/report.pdf")
    practice.refresh_from_db()
    assert practice.title == "Youth centres in the hillside neighbourhoods"
    assert not PracticeAttachment.objects.exists()


def test_lesson_keeps_its_activity_and_author_and_cleans_its_tags():
    activity = ActivityFactory()
    workspace = activity.workspace
    author = PersonFactory(workspace=workspace)
    lesson = make_lesson(
        workspace,
        activity=activity,
        author=author,
        learned_on=datetime.date(2025, 6, 2),
        tags=[" Youth ", "youth", "safety", ""],
    )
    assert (lesson.activity, lesson.author) == (activity, author)
    assert lesson.tags == ["Youth", "safety"]
    assert list(activity.lessons.all()) == [lesson]


def test_lesson_refuses_an_activity_or_author_of_another_workspace():
    workspace = WorkspaceFactory()
    with pytest.raises(ValidationError) as error:
        make_lesson(workspace, activity=ActivityFactory(), author=PersonFactory())
    assert set(error.value.message_dict) == {"activity", "author"}
    assert not Lesson.objects.exists()


@pytest.mark.parametrize("tags", ["youth", [1, 2]])
def test_lesson_refuses_tags_that_are_not_a_list_of_words(tags):
    with pytest.raises(ValidationError) as error:
        make_lesson(WorkspaceFactory(), tags=tags)
    assert "tags" in error.value.message_dict


# --- Publishing ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("make", [make_practice, make_lesson])
def test_publish_stamps_the_date_and_unpublish_makes_it_private_again(make):
    workspace = WorkspaceFactory()
    record = make(workspace)
    publish(record, workspace)
    record.refresh_from_db()
    assert record.visibility == Visibility.PUBLIC
    published_at = record.published_at
    assert published_at is not None
    assert publish(record, workspace).published_at == published_at  # publishing twice changes nothing
    unpublish(record, workspace)
    record.refresh_from_db()
    assert (record.visibility, record.published_at) == (Visibility.WORKSPACE, None)
    assert record.history.count() == 3


# --- Who sees what ------------------------------------------------------------------------------------------


@pytest.fixture
def two_offices():
    """Two workspaces, each with a public and a private practice and lesson, and a public practice of the
    atlas that no workspace recorded."""
    member = WorkspaceMemberFactory(role=Role.VIEWER)
    mine, theirs = member.workspace, WorkspaceFactory()
    records = {}
    for name, workspace in (("mine", mine), ("theirs", theirs)):
        for visibility in Visibility.values:
            records[f"{name}_{visibility}_practice"] = make_practice(
                workspace, visibility, title=name + visibility
            )
            records[f"{name}_{visibility}_lesson"] = make_lesson(
                workspace, visibility, title=name + visibility
            )
    records["atlas_practice"] = Practice.objects.create(
        title="atlas", government=GovernmentFactory(), problem="p", solution="s", visibility="public"
    )
    return member.user, mine, theirs, records


def titles(queryset):
    return sorted(queryset.values_list("title", flat=True))


@pytest.mark.parametrize("user", [None, AnonymousUser()], ids=["none", "anonymous"])
def test_an_anonymous_visitor_sees_only_public_records(two_offices, user):
    _member, _mine, _theirs, _records = two_offices
    assert titles(Practice.objects.visible_to(user)) == ["atlas", "minepublic", "theirspublic"]
    assert titles(Lesson.objects.visible_to(user)) == ["minepublic", "theirspublic"]


def test_a_member_sees_public_records_and_the_private_ones_of_the_workspace(two_offices):
    member, mine, _theirs, _records = two_offices
    expected = ["atlas", "minepublic", "mineworkspace", "theirspublic"]
    assert titles(Practice.objects.visible_to(member)) == expected
    assert titles(Practice.objects.visible_to(member, workspace=mine)) == expected
    assert titles(Lesson.objects.visible_to(member)) == ["minepublic", "mineworkspace", "theirspublic"]


def test_a_member_of_another_workspace_never_sees_its_private_records(two_offices):
    _member, mine, theirs, _records = two_offices
    outsider = WorkspaceMemberFactory(workspace=theirs).user
    assert titles(Practice.objects.visible_to(outsider)) == [
        "atlas",
        "minepublic",
        "theirspublic",
        "theirsworkspace",
    ]
    # Naming a workspace the user does not belong to gives nothing private either.
    assert titles(Practice.objects.visible_to(outsider, workspace=mine)) == [
        "atlas",
        "minepublic",
        "theirspublic",
    ]
    assert titles(Lesson.objects.visible_to(UserFactory())) == ["minepublic", "theirspublic"]


def test_in_one_workspace_a_user_of_two_sees_only_that_workspaces_private_records(two_offices):
    member, mine, theirs, _records = two_offices
    WorkspaceMemberFactory(workspace=theirs, user=member)
    everything = titles(Practice.objects.visible_to(member))
    assert everything == ["atlas", "minepublic", "mineworkspace", "theirspublic", "theirsworkspace"]
    assert "theirsworkspace" not in titles(Practice.objects.visible_to(member, workspace=mine))
    # Each row once, although the user belongs to two workspaces.
    assert Practice.objects.visible_to(member).count() == len(everything)


def test_unpublishing_takes_a_record_out_of_the_public_view(two_offices):
    _member, mine, _theirs, records = two_offices
    unpublish(records["mine_public_practice"], mine)
    assert "minepublic" not in titles(Practice.objects.visible_to(None))
