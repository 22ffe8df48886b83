"""Pages of practices and lessons: the workspace's (roles, forms, publishing, attachments, exports) and the
open atlas's (public records only, whoever asks)."""

import csv
import io
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from intercity.core.choices import Role
from intercity.knowledge.actions import add_attachment, publish, save_lesson, save_practice
from intercity.knowledge.choices import Visibility
from intercity.knowledge.models import Lesson, Practice, PracticeAttachment
from tests.factories import (
    ActivityFactory,
    CountryFactory,
    GovernmentFactory,
    NetworkFactory,
    PersonFactory,
    ThemeFactory,
    WorkspaceFactory,
    WorkspaceMemberFactory,
)

pytestmark = pytest.mark.django_db

ROLES = [Role.VIEWER, Role.EDITOR, Role.OWNER]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def workspace():
    return WorkspaceFactory(
        name="Office of Medellín",
        slug="medellin",
        government=GovernmentFactory(name="Medellín", country=CountryFactory(code="CO", name="Colombia")),
    )


@pytest.fixture
def sign_in(client, workspace):
    """``sign_in(role)``: the client signed in as a new member of ``workspace`` (or of ``target``)."""

    def sign_in_as(role, *, target=None):
        member = WorkspaceMemberFactory(workspace=target or workspace, role=role)
        client.force_login(member.user)
        return client

    return sign_in_as


def url(name, workspace, **kwargs):
    return reverse(f"workspace-knowledge:{name}", kwargs={"workspace": workspace.slug, **kwargs})


def practice_in(workspace, visibility=Visibility.WORKSPACE, themes=None, **changes):
    values = {
        "title": "Youth centres in the hillside neighbourhoods",
        "government": workspace.government,
        "problem": "Homicides of young men in the outer neighbourhoods.",
        "solution": "Libraries, sports grounds and night schools run with the neighbours.",
        "language": "en",
        "visibility": visibility,
        **changes,
    }
    return save_practice(workspace, values, themes=themes)


def lesson_in(workspace, visibility=Visibility.WORKSPACE, **changes):
    values = {
        "title": "Bring the mayor",
        "learned": "Peers listen when the mayor comes.",
        "visibility": visibility,
        **changes,
    }
    return save_lesson(workspace, values)


def practice_form(government_text, **changes):
    return {
        "title": "Night buses for shift workers",
        "government": government_text,
        "language": "es",
        "problem": "Shift workers walked home at night.",
        "solution": "Six night bus lines along the valley.",
        "key_figures": "Ridership +30% in a year\nFive new lines",
        "sdgs": ["11", "5"],
        "cost": "250000",
        "currency": "cop",
        "started_year": "2016",
        "ended_year": "",
        "visibility": Visibility.WORKSPACE,
        **changes,
    }


def page(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def csv_rows(response):
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))


# --- Roles ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_every_role_reads_the_lists_and_the_detail_pages(sign_in, workspace, role):
    practice, lesson = practice_in(workspace), lesson_in(workspace)
    client = sign_in(role)
    practices = page(client.get(url("practices", workspace)))
    assert practice.title in practices
    assert lesson.title in page(client.get(url("lessons", workspace)))
    detail = page(client.get(url("practice-detail", workspace, pk=practice.pk)))
    assert "<h1>Youth centres in the hillside neighbourhoods</h1>" in detail
    assert lesson.title in page(client.get(url("lesson-detail", workspace, pk=lesson.pk)))
    can_edit = role != Role.VIEWER
    assert (url("practice-add", workspace) in practices) is can_edit
    assert (url("practice-edit", workspace, pk=practice.pk) in detail) is can_edit
    assert (url("practice-publish", workspace, pk=practice.pk) in detail) is can_edit
    assert ('name="title"' in detail) is can_edit  # the attachment form


@pytest.mark.parametrize("role", [Role.EDITOR, Role.OWNER])
def test_editors_open_the_add_edit_and_delete_pages(sign_in, workspace, role):
    practice, lesson = practice_in(workspace), lesson_in(workspace)
    client = sign_in(role)
    for name, pk in (("practice", practice.pk), ("lesson", lesson.pk)):
        assert client.get(url(f"{name}-add", workspace)).status_code == 200
        edit = page(client.get(url(f"{name}-edit", workspace, pk=pk)))
        assert "<legend>" in edit
        assert page(client.get(url(f"{name}-delete", workspace, pk=pk))).count('type="submit"') >= 1


def test_a_viewer_is_forbidden_every_write_and_nothing_changes(sign_in, workspace):
    practice, lesson = practice_in(workspace), lesson_in(workspace)
    attachment = add_attachment(practice, workspace, title="Report", url="https://example.org/report.pdf")
    client = sign_in(Role.VIEWER)
    writes = [
        url("practice-add", workspace),
        url("practice-edit", workspace, pk=practice.pk),
        url("practice-delete", workspace, pk=practice.pk),
        url("practice-publish", workspace, pk=practice.pk),
        url("practice-attachment-add", workspace, pk=practice.pk),
        url("practice-attachment-delete", workspace, pk=practice.pk, attachment=attachment.pk),
        url("lesson-add", workspace),
        url("lesson-edit", workspace, pk=lesson.pk),
        url("lesson-delete", workspace, pk=lesson.pk),
        url("lesson-publish", workspace, pk=lesson.pk),
    ]
    for address in writes:
        response = client.post(address, {"title": "Changed", "visibility": "public", "url": "https://x.org"})
        assert response.status_code == 403, address
    practice.refresh_from_db()
    lesson.refresh_from_db()
    assert (practice.title, practice.visibility) == (
        "Youth centres in the hillside neighbourhoods",
        "workspace",
    )
    assert (lesson.title, lesson.visibility) == ("Bring the mayor", "workspace")
    assert Practice.objects.count() == Lesson.objects.count() == PracticeAttachment.objects.count() == 1


def test_forms_and_buttons_need_their_csrf_token(workspace):
    practice = practice_in(workspace)
    member = WorkspaceMemberFactory(workspace=workspace, role=Role.OWNER)
    client = Client(enforce_csrf_checks=True)
    client.force_login(member.user)
    form = practice_form(str(workspace.government.pk))
    assert client.post(url("practice-add", workspace), form).status_code == 403
    assert client.post(url("practice-publish", workspace, pk=practice.pk)).status_code == 403
    assert Practice.objects.count() == 1
    assert not Practice.objects.public().exists()
    client.get(url("practice-add", workspace))
    token = client.cookies["csrftoken"].value
    response = client.post(url("practice-add", workspace), {**form, "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert Practice.objects.count() == 2


# --- Forms ------------------------------------------------------------------------------------------------------


def test_an_editor_records_a_practice_choosing_the_government_by_its_suggested_name(sign_in, workspace):
    bogota = GovernmentFactory(name="Bogotá", country=workspace.government.country)
    safety, mobility = ThemeFactory(name="Safety"), ThemeFactory(name="Mobility")
    network = NetworkFactory(name="Cities for Mobility")
    client = sign_in(Role.EDITOR)
    # The picker's suggestions read "Name — Country" (places/government_suggestions.html).
    form = practice_form("Bogotá — Colombia", themes=[mobility.pk, safety.pk], networks=[network.pk])
    response = client.post(url("practice-add", workspace), form)
    practice = Practice.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("practice-detail", workspace, pk=practice.pk)
    assert practice.workspace == workspace
    assert practice.government == bogota
    assert practice.sdgs == [5, 11]
    assert (practice.cost, practice.currency) == (Decimal("250000"), "COP")
    assert set(practice.themes.all()) == {safety, mobility}
    assert list(practice.networks.all()) == [network]
    assert practice.history.latest().history_user is not None
    # The form shows the government as it was chosen, and saving it unchanged keeps it.
    edit = page(client.get(url("practice-edit", workspace, pk=practice.pk)))
    assert 'value="Bogotá — Colombia"' in edit
    form = practice_form("Bogotá — Colombia", title="Night buses", themes=[safety.pk])
    assert client.post(url("practice-edit", workspace, pk=practice.pk), form).status_code == 302
    practice.refresh_from_db()
    assert (practice.title, list(practice.themes.all())) == ("Night buses", [safety])


def test_a_government_name_shared_by_two_governments_is_refused_with_their_numbers(sign_in, workspace):
    country = workspace.government.country
    first = GovernmentFactory(name="San José", country=country, kind="municipality")
    second = GovernmentFactory(name="San José", country=country, kind="province")
    client = sign_in(Role.EDITOR)
    response = client.post(url("practice-add", workspace), practice_form("San José — Colombia"))
    errors = response.context["form"].errors["government"]
    assert f"#{first.pk}" in errors[0] and f"#{second.pk}" in errors[0]
    assert not Practice.objects.exists()
    response = client.post(url("practice-add", workspace), practice_form(f"San José — Colombia #{second.pk}"))
    assert response.status_code == 302
    practice = Practice.objects.get()
    assert practice.government == second
    # Its page offers it back with the number, so that saving it again keeps the same government.
    edit = page(client.get(url("practice-edit", workspace, pk=practice.pk)))
    assert f'value="San José — Colombia #{second.pk}"' in edit


def test_the_government_picker_asks_the_atlas_for_suggestions(sign_in, workspace):
    client = sign_in(Role.EDITOR)
    form = page(client.get(url("practice-add", workspace)))
    picker = re.search(r'<input[^>]*name="government"[^>]*>', form).group(0)
    assert f'hx-get="{reverse("places:government-suggest")}"' in picker
    assert 'list="id_government-options"' in picker
    assert '<datalist id="id_government-options">' in form
    GovernmentFactory(name="Bogotá", country=workspace.government.country)
    suggestions = page(client.get(reverse("places:government-suggest"), {"q": "Bogo"}))
    assert 'value="Bogotá — Colombia"' in suggestions


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": ""}, "title"),
        ({"problem": ""}, "problem"),
        ({"government": "Atlantis — Colombia"}, "government"),
        ({"government": "#999999"}, "government"),
        ({"sdgs": ["18"]}, "sdgs"),
        ({"currency": ""}, "currency"),
        ({"currency": "XXY"}, "currency"),
        ({"started_year": "2016", "ended_year": "2012"}, "ended_year"),
        ({"source_url": "not an address"}, "source_url"),
    ],
)
def test_a_practice_form_with_an_error_names_the_field_and_saves_nothing(sign_in, workspace, changes, field):
    client = sign_in(Role.EDITOR)
    response = client.post(url("practice-add", workspace), practice_form("Medellín — Colombia", **changes))
    body = page(response)
    assert field in response.context["form"].errors, response.context["form"].errors
    assert "Please correct the errors below." in body
    assert f'href="#id_{field}' in body  # the summary links to the field
    assert not Practice.objects.exists()


def test_a_lesson_takes_the_workspaces_activities_and_people_only(sign_in, workspace):
    ours = ActivityFactory(membership__workspace=workspace, title="Summit in Lyon")
    theirs = ActivityFactory(title="Their summit")
    author, stranger = PersonFactory(workspace=workspace, name="Staff member A"), PersonFactory()
    client = sign_in(Role.EDITOR)
    form = page(client.get(url("lesson-add", workspace)))
    assert "Summit in Lyon" in form and "Their summit" not in form
    assert "Staff member A" in form and stranger.name not in form
    values = {
        "title": "Bring the mayor",
        "learned": "Peers listen.",
        "language": "en",
        "visibility": "workspace",
    }
    response = client.post(
        url("lesson-add", workspace), {**values, "activity": theirs.pk, "author": stranger.pk}
    )
    assert set(response.context["form"].errors) == {"activity", "author"}
    assert not Lesson.objects.exists()
    response = client.post(
        url("lesson-add", workspace),
        {**values, "activity": ours.pk, "author": author.pk, "tags": "mobility, Youth , ,youth"},
    )
    assert response.status_code == 302
    lesson = Lesson.objects.get()
    assert (lesson.activity, lesson.author, lesson.tags) == (ours, author, ["mobility", "Youth"])
    assert 'value="mobility, Youth"' in page(client.get(url("lesson-edit", workspace, pk=lesson.pk)))


# --- Publishing and privacy ------------------------------------------------------------------------------------


def test_a_private_practice_shows_nowhere_but_in_its_workspace_until_published(client, workspace, settings):
    settings.INTERCITY_PAGE_CACHE = True  # the public pages are cached whole: publishing must still show
    settings.INTERCITY_VERSION_TTL = 0
    practice = practice_in(workspace, title="Secret plan")
    other = WorkspaceFactory(slug="bogota")
    outsider = WorkspaceMemberFactory(workspace=other, role=Role.OWNER).user
    public_list, public_detail = (
        reverse("knowledge:practice-list"),
        reverse("knowledge:practice-detail", args=[practice.pk]),
    )

    def hidden_from_everybody_else():
        assert "Secret plan" not in page(client.get(public_list))
        assert client.get(public_detail).status_code == 404
        client.force_login(outsider)
        assert "Secret plan" not in page(client.get(url("practices", other)))
        assert client.get(url("practice-detail", other, pk=practice.pk)).status_code == 404
        assert client.get(url("practice-detail", workspace, pk=practice.pk)).status_code == 404
        assert "Secret plan" not in page(client.get(public_list))
        client.logout()

    hidden_from_everybody_else()
    editor = WorkspaceMemberFactory(workspace=workspace, role=Role.EDITOR).user
    client.force_login(editor)
    assert client.get(public_detail).status_code == 404  # even to its own workspace: the page is public
    response = client.post(url("practice-publish", workspace, pk=practice.pk), {"visibility": "public"})
    assert response.status_code == 302
    client.logout()
    assert "Secret plan" in page(client.get(public_list))
    detail = page(client.get(public_detail))
    assert "Recorded by the international relations office of" in detail and "Medellín" in detail
    client.force_login(outsider)
    assert "Secret plan" not in page(client.get(url("practices", other)))  # a workspace lists its own
    client.force_login(editor)
    client.post(url("practice-publish", workspace, pk=practice.pk), {"visibility": "workspace"})
    client.logout()
    hidden_from_everybody_else()


def test_publishing_without_a_choice_toggles_and_says_so(sign_in, workspace):
    lesson = lesson_in(workspace)
    client = sign_in(Role.EDITOR)
    response = client.post(url("lesson-publish", workspace, pk=lesson.pk), follow=True)
    assert "Published: everybody can now see it in the open atlas." in page(response)
    lesson.refresh_from_db()
    assert lesson.is_public and lesson.published_at is not None
    client.post(url("lesson-publish", workspace, pk=lesson.pk))
    lesson.refresh_from_db()
    assert not lesson.is_public and lesson.published_at is None
    # A GET changes nothing: it leads back to the lesson.
    response = client.get(url("lesson-publish", workspace, pk=lesson.pk))
    assert response["Location"] == url("lesson-detail", workspace, pk=lesson.pk)


def test_a_private_lesson_is_not_found_publicly_and_a_public_one_hides_its_author_and_activity(
    client, workspace
):
    activity = ActivityFactory(membership__workspace=workspace, title="Internal coordination meeting")
    author = PersonFactory(workspace=workspace, name="Staff member Z")
    lesson = lesson_in(workspace, title="Mayors open doors", activity=activity, author=author, event="Summit")
    assert client.get(reverse("knowledge:lesson-detail", args=[lesson.pk])).status_code == 404
    assert "Mayors open doors" not in page(client.get(reverse("knowledge:lesson-list")))
    publish(lesson, workspace)
    detail = page(client.get(reverse("knowledge:lesson-detail", args=[lesson.pk])))
    assert "Mayors open doors" in detail and "Summit" in detail and "Medellín" in detail
    assert "Staff member Z" not in detail and "Internal coordination meeting" not in detail
    rows = csv_rows(client.get(reverse("knowledge:lesson-list"), {"export": "csv"}))
    assert [row["Lesson"] for row in rows] == ["Mayors open doors"]
    assert not any("Staff member Z" in value for value in rows[0].values())


# --- Lists, filters and exports -------------------------------------------------------------------------------


def test_the_workspace_list_filters_and_exports_the_filtered_rows_only(sign_in, workspace):
    safety = ThemeFactory(name="Safety")
    practice_in(workspace, title="Youth centres", themes=[safety], sdgs=[16])
    practice_in(workspace, title="Night buses", sdgs=[1, 11], language="es")
    practice_in(workspace, title="Open budget", visibility=Visibility.PUBLIC, sdgs=[1])
    practice_in(WorkspaceFactory(), title="Someone else's")
    client = sign_in(Role.VIEWER)

    def titles(**filters):
        response = client.get(url("practices", workspace), filters)
        return sorted(row.title for row in response.context["table"].data)

    assert titles() == ["Night buses", "Open budget", "Youth centres"]
    assert titles(theme="safety") == ["Youth centres"]
    assert titles(sdg="1") == ["Night buses", "Open budget"]  # not 11 or 16
    assert titles(sdg="11") == ["Night buses"]
    assert titles(language="es") == ["Night buses"]
    assert titles(visibility="public") == ["Open budget"]
    assert titles(q="buses") == ["Night buses"]
    rows = csv_rows(client.get(url("practices", workspace), {"sdg": "1", "export": "csv"}))
    assert sorted(row["Practice"] for row in rows) == ["Night buses", "Open budget"]
    night = next(row for row in rows if row["Practice"] == "Night buses")
    assert (night["SDGs"], night["Visibility"], night["Language"]) == ("1; 11", "workspace", "es")
    assert "Actions" not in night
    response = client.get(url("practices", workspace), {"theme": "safety", "export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    assert [row[header.index("Practice")] for row in sheet.iter_rows(min_row=2, values_only=True)] == [
        "Youth centres"
    ]
    assert client.get(url("practices", workspace), {"colour": "blue"}).context["table"].data.data.count() == 0


def test_the_public_list_shows_public_practices_of_every_workspace_with_filters(client, workspace):
    CountryFactory(code="BR", name="Brazil")
    practice_in(workspace, title="Open budget", visibility=Visibility.PUBLIC, sdgs=[16])
    elsewhere = WorkspaceFactory(government=GovernmentFactory(name="Recife", country__code="BR"))
    practice_in(elsewhere, title="Mangrove parks", visibility=Visibility.PUBLIC, language="pt", sdgs=[14])
    practice_in(elsewhere, title="Private draft")

    def titles(**filters):
        response = client.get(reverse("knowledge:practice-list"), filters)
        return sorted(row.title for row in response.context["table"].data)

    assert titles() == ["Mangrove parks", "Open budget"]
    assert titles(country="BR") == ["Mangrove parks"]
    assert titles(language="pt") == ["Mangrove parks"]
    assert titles(sdg="16") == ["Open budget"]
    listing = page(client.get(reverse("knowledge:practice-list")))
    assert '<option value="BR">Brazil</option>' in listing
    rows = csv_rows(client.get(reverse("knowledge:practice-list"), {"country": "CO", "export": "csv"}))
    assert [(row["Practice"], row["Recorded by"]) for row in rows] == [("Open budget", "Medellín")]


# --- Detail pages and attachments -----------------------------------------------------------------------------


def test_the_detail_page_shows_key_figures_one_per_line_goals_by_name_and_networks(sign_in, workspace):
    network = NetworkFactory(name="Cities for Safety", slug="cities-for-safety")
    practice = save_practice(
        workspace,
        {
            "title": "Youth centres",
            "government": workspace.government,
            "problem": "Homicides.",
            "solution": "Libraries.",
            "key_figures": "Youth homicides −40% in four years\n\n  12 libraries built  ",
            "sdgs": [16, 4],
            "cost": Decimal("1200000"),
            "currency": "USD",
            "source_url": "https://example.org/youth",
            "licence": "CC BY 4.0",
        },
        networks=[network],
    )
    detail = page(sign_in(Role.VIEWER).get(url("practice-detail", workspace, pk=practice.pk)))
    assert "<li>Youth homicides −40% in four years</li><li>12 libraries built</li>" in detail
    assert "Quality education" in detail and "Peace, justice and strong institutions" in detail
    assert detail.index("Quality education") < detail.index("Peace, justice")
    assert "1,200,000.00 USD" in detail
    assert f'href="{reverse("networks:detail", args=["cities-for-safety"])}"' in detail
    assert "CC BY 4.0" in detail and "Workspace only" in detail and "last changed on" in detail


def test_an_editor_attaches_a_link_and_a_file_which_the_public_gets_once_published(
    sign_in, client, workspace
):
    practice = practice_in(workspace)
    editor = sign_in(Role.EDITOR)
    add = url("practice-attachment-add", workspace, pk=practice.pk)
    response = editor.post(add, {"title": "Slides"})
    assert "Attach a file or give an address." in page(response)
    assert not PracticeAttachment.objects.exists()
    editor.post(add, {"title": "Evaluation", "url": "https://example.org/evaluation.pdf"})
    upload = SimpleUploadedFile("report.txt", b"the report", content_type="text/plain")
    assert editor.post(add, {"title": "Report", "file": upload}).status_code == 302
    report = PracticeAttachment.objects.get(title="Report")
    detail = page(editor.get(url("practice-detail", workspace, pk=practice.pk)))
    assert "https://example.org/evaluation.pdf" in detail and "Report" in detail
    download = editor.get(url("practice-attachment", workspace, pk=practice.pk, attachment=report.pk))
    assert b"".join(download.streaming_content) == b"the report"
    public_file = reverse("knowledge:practice-attachment", args=[practice.pk, report.pk])
    editor.logout()
    assert client.get(public_file).status_code == 404
    publish(practice, workspace)
    assert b"".join(client.get(public_file).streaming_content) == b"the report"
    assert "Evaluation" in page(client.get(reverse("knowledge:practice-detail", args=[practice.pk])))


def test_deleting_an_attachment_twice_explains_instead_of_failing(sign_in, workspace):
    practice = practice_in(workspace)
    attachment = add_attachment(practice, workspace, title="Report", url="https://example.org/r.pdf")
    client = sign_in(Role.EDITOR)
    address = url("practice-attachment-delete", workspace, pk=practice.pk, attachment=attachment.pk)
    response = client.post(address)
    assert response["Location"] == url("practice-detail", workspace, pk=practice.pk) + "#attachments"
    assert not PracticeAttachment.objects.exists()
    response = client.post(address, follow=True)
    assert "This attachment no longer exists." in page(response)


def test_an_attachment_of_another_workspaces_practice_is_not_found(sign_in, workspace):
    theirs = practice_in(WorkspaceFactory())
    attachment = add_attachment(theirs, theirs.workspace, title="Theirs", url="https://example.org/t.pdf")
    client = sign_in(Role.OWNER)
    file_address = url("practice-attachment", workspace, pk=theirs.pk, attachment=attachment.pk)
    assert client.get(file_address).status_code == 404
    delete_address = url("practice-attachment-delete", workspace, pk=theirs.pk, attachment=attachment.pk)
    assert client.get(delete_address).status_code == 404
    assert client.post(delete_address).status_code == 404
    assert PracticeAttachment.objects.filter(pk=attachment.pk).exists()


def test_deleting_a_practice_goes_back_to_the_list(sign_in, workspace):
    practice = practice_in(workspace)
    client = sign_in(Role.EDITOR)
    response = client.post(url("practice-delete", workspace, pk=practice.pk))
    assert response["Location"] == url("practices", workspace)
    assert not Practice.objects.exists()


def test_lessons_are_filtered_by_a_whole_tag_whatever_its_capitals_and_accents(sign_in, workspace):
    lesson_in(workspace, title="Schools", tags=["Educación", "youth"])
    lesson_in(workspace, title="Buses", tags=["mobility", "youth work"])
    client = sign_in(Role.VIEWER)

    def titles(**filters):
        response = client.get(url("lessons", workspace), filters)
        return sorted(row.title for row in response.context["table"].data)

    assert titles(tag="Educación") == ["Schools"]
    assert titles(tag="youth") == ["Schools"]  # not "youth work"
    assert titles(tag="YOUTH WORK") == ["Buses"]
    assert titles(q="mobility") == ["Buses"]


@pytest.mark.parametrize(
    "address",
    [
        lambda workspace: url("practices", workspace),
        lambda workspace: url("lessons", workspace),
        lambda workspace: reverse("knowledge:practice-list"),
        lambda workspace: reverse("knowledge:lesson-list"),
    ],
    ids=["practices", "lessons", "public-practices", "public-lessons"],
)
def test_a_list_takes_as_many_queries_for_twelve_rows_as_for_two(
    sign_in, workspace, django_assert_max_num_queries, address
):
    theme, network = ThemeFactory(name="Safety"), NetworkFactory()
    activity, author = ActivityFactory(membership__workspace=workspace), PersonFactory(workspace=workspace)

    def add(count):
        for number in range(count):
            practice = practice_in(workspace, Visibility.PUBLIC, themes=[theme], title=f"Practice {number}")
            practice.networks.add(network)
            lesson_in(
                workspace, Visibility.PUBLIC, title=f"Lesson {number}", activity=activity, author=author
            )

    client = sign_in(Role.EDITOR)
    add(2)
    with CaptureQueriesContext(connection) as few:
        assert client.get(address(workspace)).status_code == 200
    add(10)
    with django_assert_max_num_queries(len(few)):
        assert client.get(address(workspace)).status_code == 200


def test_a_new_practice_proposes_the_workspaces_own_government(sign_in, workspace):
    form = page(sign_in(Role.EDITOR).get(url("practice-add", workspace)))
    assert re.search(r'<input[^>]*name="government"[^>]*value="Medellín — Colombia"', form)


def test_a_record_that_does_not_validate_is_not_published_and_the_page_says_why(sign_in, workspace):
    # As an old import might have left it: saved without the actions' validation.
    practice = Practice.objects.create(
        workspace=workspace,
        title="Old import",
        government=workspace.government,
        problem="p",
        solution="s",
        sdgs=[99],
    )
    client = sign_in(Role.EDITOR)
    response = client.post(
        url("practice-publish", workspace, pk=practice.pk), {"visibility": "public"}, follow=True
    )
    assert "Correct the record first:" in page(response)
    practice.refresh_from_db()
    assert not practice.is_public and practice.published_at is None


def test_public_lessons_are_filtered_by_the_country_of_the_office_that_recorded_them(client, workspace):
    lesson_in(workspace, Visibility.PUBLIC, title="From Medellín")
    elsewhere = WorkspaceFactory(government=GovernmentFactory(name="Recife", country__code="BR"))
    lesson_in(elsewhere, Visibility.PUBLIC, title="From Recife")
    response = client.get(reverse("knowledge:lesson-list"), {"country": "BR"})
    assert [row.title for row in response.context["table"].data] == ["From Recife"]
    assert '<option value="CO">Colombia</option>' in page(client.get(reverse("knowledge:lesson-list")))
