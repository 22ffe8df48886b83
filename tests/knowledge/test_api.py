"""Practices and lessons in the API: public rows only in /api/practices/ and /api/lessons/, a workspace's own
under /api/workspaces/<workspace>/, written through the knowledge actions with the workspace's roles."""

from decimal import Decimal
from types import SimpleNamespace

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from intercity.config.wsgi import application
from intercity.core.choices import Role
from intercity.knowledge.actions import save_lesson, save_practice
from intercity.knowledge.choices import Visibility
from intercity.knowledge.models import Lesson, Practice, PracticeAttachment
from tests.factories import (
    ActivityFactory,
    CountryFactory,
    GovernmentFactory,
    NetworkFactory,
    PersonFactory,
    PortfolioMembershipFactory,
    ThemeFactory,
    UserFactory,
    WorkspaceFactory,
    WorkspaceMemberFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def practice(workspace, title, *, visibility=Visibility.WORKSPACE, themes=(), networks=(), **values):
    defaults = {
        "title": title,
        "government": values.pop("government", None) or GovernmentFactory(),
        "problem": f"The problem of {title}.",
        "solution": f"The solution of {title}.",
        "visibility": visibility,
    }
    return save_practice(workspace, {**defaults, **values}, themes=list(themes), networks=list(networks))


def lesson(workspace, title, *, visibility=Visibility.WORKSPACE, **values):
    return save_lesson(
        workspace, {"title": title, "learned": f"What {title} taught.", "visibility": visibility, **values}
    )


@pytest.fixture
def world(fast_passwords):
    """Two workspaces, each with a public and a private practice and lesson; a user for every role."""
    workspace, other = WorkspaceFactory(slug="valdoria"), WorkspaceFactory(slug="porto-claro")
    spain, brazil = CountryFactory(code="ES"), CountryFactory(code="BR")
    valdoria = GovernmentFactory(name="Valdoria", country=spain)
    porto_claro = GovernmentFactory(name="Porto Claro", country=brazil)
    mobility, food = ThemeFactory(slug="mobility", name="Mobility"), ThemeFactory(slug="food", name="Food")
    users = {role: UserFactory() for role in Role.values}
    for role, user in users.items():
        WorkspaceMemberFactory(workspace=workspace, user=user, role=role)
    return SimpleNamespace(
        workspace=workspace,
        other=other,
        users=users,
        outsider=UserFactory(),
        governments=SimpleNamespace(valdoria=valdoria, porto_claro=porto_claro),
        themes=SimpleNamespace(mobility=mobility, food=food),
        practices=SimpleNamespace(
            published=practice(
                workspace,
                "Night buses",
                visibility=Visibility.PUBLIC,
                government=valdoria,
                themes=[mobility],
                sdgs=[8, 11],
                language="es",
            ),
            private=practice(workspace, "Private plan", government=valdoria, themes=[mobility], sdgs=[11]),
            theirs_published=practice(
                other,
                "School gardens",
                visibility=Visibility.PUBLIC,
                government=porto_claro,
                themes=[food],
                sdgs=[1],
                language="pt",
            ),
            theirs_private=practice(other, "Their secret", government=porto_claro, sdgs=[11]),
        ),
        lessons=SimpleNamespace(
            published=lesson(workspace, "Bring the mayor", visibility=Visibility.PUBLIC, tags=["mayor"]),
            private=lesson(workspace, "Private lesson", tags=["mayor"]),
            theirs_private=lesson(other, "Their secret lesson"),
        ),
    )


def client_for(user=None):
    client = APIClient()
    if user is not None:
        token, _created = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def titles(response):
    assert response.status_code == 200, response.content
    return sorted(item["title"] for item in response.json()["results"])


def private_url(workspace, kind, pk=None):
    return f"/api/workspaces/{workspace.slug}/{kind}/" + (f"{pk}/" if pk else "")


# --- Public API ----------------------------------------------------------------------------------------------


def test_public_api_lists_only_public_practices_and_lessons_to_anybody(world):
    for user in (None, world.users[Role.OWNER]):
        client = client_for(user)
        assert titles(client.get("/api/practices/")) == ["Night buses", "School gardens"]
        assert titles(client.get("/api/lessons/")) == ["Bring the mayor"]


@pytest.mark.parametrize("kind", ["practices", "lessons"])
def test_a_private_record_is_not_found_in_the_public_api(world, kind):
    private = world.practices.private if kind == "practices" else world.lessons.private
    for user in (None, world.users[Role.OWNER]):
        response = client_for(user).get(f"/api/{kind}/{private.pk}/")
        assert response.status_code == 404
        assert "Private" not in response.content.decode()


def test_public_practice_shows_every_public_field(world):
    PracticeAttachment.objects.create(
        practice=world.practices.published, title="Report", url="https://example.org/r"
    )

    data = client_for().get(f"/api/practices/{world.practices.published.pk}/").json()

    assert data["title"] == "Night buses"
    assert data["government"]["name"] == "Valdoria" and data["government"]["country"] == "ES"
    assert data["themes"] == [{"slug": "mobility", "name": "Mobility"}]
    assert data["sdgs"] == [8, 11] and data["language"] == "es" and data["visibility"] == "public"
    assert data["published_at"] is not None
    assert data["attachments"] == [
        {
            "id": data["attachments"][0]["id"],
            "title": "Report",
            "link": "https://example.org/r",
            "file_name": None,
        }
    ]
    assert {
        "problem",
        "solution",
        "results",
        "key_figures",
        "cost",
        "currency",
        "cost_note",
        "started_year",
        "ended_year",
        "timeframe_note",
        "partners",
        "networks",
        "source_url",
        "licence",
    } <= set(data)
    assert "workspace" not in data


def test_public_lesson_hides_the_workspace_records_it_points_to(world):
    author = PersonFactory(workspace=world.workspace, name="Staff member Clara")
    activity = ActivityFactory(
        membership=PortfolioMembershipFactory(workspace=world.workspace), title="Summit"
    )
    save_lesson(world.workspace, {"author": author, "activity": activity}, instance=world.lessons.published)

    data = client_for().get(f"/api/lessons/{world.lessons.published.pk}/").json()

    assert data["title"] == "Bring the mayor" and data["tags"] == ["mayor"]
    assert "author" not in data and "activity" not in data
    assert "Clara" not in str(data) and "Summit" not in str(data)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"theme": "mobility"}, ["Night buses"]),
        ({"sdg": "1"}, ["School gardens"]),
        ({"sdg": "11"}, ["Night buses"]),
        ({"language": "pt"}, ["School gardens"]),
        ({"country": "es"}, ["Night buses"]),
        ({"q": "gardens"}, ["School gardens"]),
    ],
)
def test_public_practice_filters(world, query, expected):
    assert titles(client_for().get("/api/practices/", query)) == expected


@pytest.mark.parametrize(
    "query", [{"visibility": "workspace"}, {"sdg": "18"}, {"language": "xx"}, {"colour": "red"}]
)
def test_public_practice_refuses_unknown_filters_and_values(world, query):
    response = client_for().get("/api/practices/", query)
    assert response.status_code == 400
    assert "Private" not in response.content.decode()


def test_public_lessons_filter_by_tag_but_not_by_private_records(world):
    assert titles(client_for().get("/api/lessons/", {"tag": "mayor"})) == ["Bring the mayor"]
    assert client_for().get("/api/lessons/", {"author": "1"}).status_code == 400


def test_public_api_takes_no_writes(world):
    response = client_for(world.users[Role.OWNER]).post("/api/practices/", {"title": "x"}, format="json")
    assert response.status_code == 405
    assert Practice.objects.count() == 4


# --- Private API: reading ------------------------------------------------------------------------------------


def test_workspace_api_lists_the_workspace_practices_public_and_private_and_no_others(world):
    client = client_for(world.users[Role.VIEWER])

    assert titles(client.get(private_url(world.workspace, "practices"))) == ["Night buses", "Private plan"]
    assert titles(client.get(private_url(world.workspace, "lessons"))) == [
        "Bring the mayor",
        "Private lesson",
    ]
    assert titles(client.get(private_url(world.workspace, "practices"), {"visibility": "workspace"})) == [
        "Private plan"
    ]
    assert titles(
        client.get(private_url(world.workspace, "practices"), {"sdg": "11", "theme": "mobility"})
    ) == [
        "Night buses",
        "Private plan",
    ]


@pytest.mark.parametrize("kind", ["practices", "lessons"])
@pytest.mark.parametrize("method", ["get", "put", "patch", "delete"])
def test_another_workspace_record_is_not_found_even_public(world, kind, method):
    records = world.practices if kind == "practices" else world.lessons
    for record in (records.theirs_private, getattr(records, "theirs_published", records.theirs_private)):
        history = record.history.count()
        client = client_for(world.users[Role.OWNER])
        address = private_url(world.workspace, kind, record.pk)
        if method == "get":
            response = client.get(address)
        else:
            response = getattr(client, method)(address, {"title": "Stolen"}, format="json")
        assert response.status_code == 404, (method, response.content)
        record.refresh_from_db()
        assert record.title != "Stolen" and record.history.count() == history


@pytest.mark.parametrize("kind", ["practices", "lessons"])
def test_private_api_refuses_anonymous_and_non_members(world, kind):
    assert client_for().get(private_url(world.workspace, kind)).status_code == 401
    response = client_for(world.outsider).get(private_url(world.workspace, kind))
    assert response.status_code == 404
    assert "Private" not in response.content.decode()


def test_private_practice_exposes_every_field(world):
    data = (
        client_for(world.users[Role.VIEWER])
        .get(private_url(world.workspace, "practices", world.practices.private.pk))
        .json()
    )

    assert data["government"] == world.governments.valdoria.pk and data["government_name"] == "Valdoria"
    assert data["themes"] == ["mobility"] and data["sdgs"] == [11]
    assert data["visibility"] == "workspace" and data["published_at"] is None
    assert data["url"].endswith(private_url(world.workspace, "practices", world.practices.private.pk))
    assert {
        "problem",
        "solution",
        "results",
        "key_figures",
        "cost",
        "currency",
        "cost_note",
        "started_year",
        "ended_year",
        "timeframe_note",
        "partners",
        "networks",
        "language",
        "source_url",
        "licence",
        "attachments",
        "created_at",
        "updated_at",
    } <= set(data)


# --- Private API: writing ------------------------------------------------------------------------------------


def new_practice(world, **changes):
    return {
        "title": "Bike lanes",
        "government": world.governments.valdoria.pk,
        "themes": ["mobility", "food"],
        "networks": [NetworkFactory().slug],
        "sdgs": [13, 11],
        "problem": "Too many cars.",
        "solution": "Protected bike lanes.",
        "cost": "1500000.50",
        "currency": "EUR",
        "started_year": 2020,
        "language": "en",
        **changes,
    }


@pytest.mark.parametrize("role", [Role.EDITOR, Role.OWNER])
def test_editors_and_owners_create_change_publish_and_delete_a_practice(world, role):
    client = client_for(world.users[role])

    response = client.post(private_url(world.workspace, "practices"), new_practice(world), format="json")

    assert response.status_code == 201, response.content
    created = Practice.objects.get(pk=response.json()["id"])
    assert created.workspace == world.workspace and created.sdgs == [11, 13]
    assert sorted(theme.slug for theme in created.themes.all()) == ["food", "mobility"]
    assert created.cost == Decimal("1500000.50") and created.visibility == Visibility.WORKSPACE
    assert created.history.count() >= 1

    response = client.patch(
        private_url(world.workspace, "practices", created.pk), {"visibility": "public"}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["published_at"] is not None
    assert titles(client_for().get("/api/practices/", {"q": "Bike"})) == ["Bike lanes"]

    response = client.patch(
        private_url(world.workspace, "practices", created.pk), {"themes": []}, format="json"
    )
    created.refresh_from_db()
    assert response.status_code == 200 and list(created.themes.all()) == []

    response = client.delete(private_url(world.workspace, "practices", created.pk))
    assert response.status_code == 204
    assert not Practice.objects.filter(pk=created.pk).exists()


def test_a_viewer_cannot_write(world):
    client = client_for(world.users[Role.VIEWER])
    target = world.practices.private

    assert (
        client.post(private_url(world.workspace, "practices"), new_practice(world), format="json").status_code
        == 403
    )
    assert (
        client.patch(
            private_url(world.workspace, "practices", target.pk), {"title": "X"}, format="json"
        ).status_code
        == 403
    )
    assert client.delete(private_url(world.workspace, "lessons", world.lessons.private.pk)).status_code == 403
    assert Practice.objects.count() == 4 and Lesson.objects.count() == 3
    target.refresh_from_db()
    assert target.title == "Private plan"


@pytest.mark.parametrize(
    ("changes", "fields"),
    [
        ({"sdgs": [11, 18]}, {"sdgs"}),
        ({"sdgs": [11, 11]}, {"sdgs"}),
        ({"title": "", "problem": ""}, {"title", "problem"}),
        ({"government": 999999}, {"government"}),
        ({"themes": ["astrology"]}, {"themes"}),
        ({"currency": ""}, {"currency"}),
        ({"currency": "XYZ"}, {"currency"}),
        ({"started_year": 2020, "ended_year": 2010}, {"ended_year"}),
        ({"language": "xx", "visibility": "secret"}, {"language", "visibility"}),
        ({"source_url": "not a link"}, {"source_url"}),
    ],
)
def test_invalid_practice_names_the_fields_and_writes_nothing(world, changes, fields):
    before = (Practice.objects.count(), Practice.history.count())

    response = client_for(world.users[Role.EDITOR]).post(
        private_url(world.workspace, "practices"), new_practice(world, **changes), format="json"
    )

    assert response.status_code == 400, response.content
    assert set(response.json()["error"]["details"]) == fields
    assert (Practice.objects.count(), Practice.history.count()) == before


def test_an_invalid_change_leaves_the_practice_as_it_was(world):
    target = world.practices.private
    history = target.history.count()

    response = client_for(world.users[Role.EDITOR]).patch(
        private_url(world.workspace, "practices", target.pk), {"cost": "100"}, format="json"
    )

    assert response.status_code == 400 and set(response.json()["error"]["details"]) == {"currency"}
    target.refresh_from_db()
    assert target.cost is None and target.history.count() == history


def test_lessons_take_only_the_workspace_activity_and_author(world):
    client = client_for(world.users[Role.EDITOR])
    mine = ActivityFactory(membership=PortfolioMembershipFactory(workspace=world.workspace))
    theirs = ActivityFactory(membership=PortfolioMembershipFactory(workspace=world.other))
    their_person = PersonFactory(workspace=world.other)
    values = {"title": "Learned", "learned": "Something.", "tags": ["peers", "Peers", "data"]}

    response = client.post(
        private_url(world.workspace, "lessons"),
        {**values, "activity": theirs.pk, "author": their_person.pk},
        format="json",
    )
    assert response.status_code == 400
    assert set(response.json()["error"]["details"]) == {"activity", "author"}
    assert not Lesson.objects.filter(title="Learned").exists()

    author = PersonFactory(workspace=world.workspace, name="Staff member Dora")
    response = client.post(
        private_url(world.workspace, "lessons"),
        {**values, "activity": mine.pk, "author": author.pk},
        format="json",
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["activity_title"] == mine.title and data["author_name"] == "Staff member Dora"
    assert data["tags"] == ["peers", "data"] and data["visibility"] == "workspace"
    assert Lesson.objects.get(pk=data["id"]).workspace == world.workspace


def test_a_lesson_with_an_empty_tag_is_refused(world):
    response = client_for(world.users[Role.EDITOR]).post(
        private_url(world.workspace, "lessons"), {"title": "T", "learned": "L.", "tags": [""]}, format="json"
    )
    assert response.status_code == 400 and set(response.json()["error"]["details"]) == {"tags"}


# --- The schema, with records to show ----------------------------------------------------------------------

#: The schemathesis run of tests/api/test_schema.py sees empty lists and no token; here records exist.
API_SCHEMA = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)


@pytest.fixture
def connection_kept_open():
    """Calls go straight to the WSGI application, whose request signals would close the test's database
    connection (and its transaction) after each request on PostgreSQL."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_responses_with_records_honour_the_schema(world, connection_kept_open):
    PracticeAttachment.objects.create(
        practice=world.practices.published, title="Report", url="https://example.org/r"
    )
    save_practice(
        world.workspace,
        {
            "cost": Decimal("10.50"),
            "currency": "EUR",
            "started_year": 2020,
            "source_url": "https://example.org",
        },
        instance=world.practices.private,
    )
    author = PersonFactory(workspace=world.workspace)
    save_lesson(world.workspace, {"author": author}, instance=world.lessons.private)
    token, _created = Token.objects.get_or_create(user=world.users[Role.EDITOR])
    auth = {"Authorization": f"Token {token.key}"}
    workspace = {"workspace": world.workspace.slug}
    calls = [
        ("/api/practices/", "GET", {}, {}, None),
        ("/api/practices/{id}/", "GET", {"id": world.practices.published.pk}, {}, None),
        ("/api/lessons/", "GET", {}, {}, None),
        ("/api/lessons/{id}/", "GET", {"id": world.lessons.published.pk}, {}, None),
        ("/api/workspaces/{workspace}/practices/", "GET", workspace, auth, None),
        (
            "/api/workspaces/{workspace}/practices/{id}/",
            "GET",
            {**workspace, "id": world.practices.private.pk},
            auth,
            None,
        ),
        ("/api/workspaces/{workspace}/lessons/", "GET", workspace, auth, None),
        (
            "/api/workspaces/{workspace}/lessons/{id}/",
            "GET",
            {**workspace, "id": world.lessons.private.pk},
            auth,
            None,
        ),
        ("/api/workspaces/{workspace}/practices/", "POST", workspace, auth, new_practice(world)),
        ("/api/workspaces/{workspace}/practices/", "POST", workspace, auth, new_practice(world, sdgs=[18])),
        (
            "/api/workspaces/{workspace}/lessons/",
            "POST",
            workspace,
            auth,
            {"title": "T", "learned": "L.", "tags": ["a"]},
        ),
        (
            "/api/workspaces/{workspace}/lessons/{id}/",
            "PATCH",
            {**workspace, "id": world.lessons.private.pk},
            auth,
            {"visibility": "public"},
        ),
    ]
    statuses = []
    for path, method, parameters, headers, body in calls:
        extra = {"body": body, "media_type": "application/json"} if body is not None else {}
        case = API_SCHEMA[path][method].Case(path_parameters=parameters, headers=headers, **extra)
        response = case.call_and_validate()
        statuses.append(response.status_code)
    assert statuses == [200, 200, 200, 200, 200, 200, 200, 200, 201, 400, 201, 200]


@pytest.mark.parametrize(
    ("path", "role"),
    [
        ("/api/practices/", None),
        ("/api/lessons/", None),
        ("/api/workspaces/valdoria/practices/", Role.VIEWER),
        ("/api/workspaces/valdoria/lessons/", Role.VIEWER),
    ],
)
def test_list_queries_do_not_grow_with_the_records(world, django_assert_max_num_queries, path, role):
    client = client_for(world.users[role] if role else None)
    for _time in range(2):
        with django_assert_max_num_queries(12):
            assert client.get(path).status_code == 200
        for number in range(10):
            author = PersonFactory(workspace=world.workspace)
            activity = ActivityFactory(membership=PortfolioMembershipFactory(workspace=world.workspace))
            record = practice(
                world.workspace,
                f"More {number}",
                visibility=Visibility.PUBLIC,
                themes=[world.themes.mobility, world.themes.food],
                networks=[NetworkFactory()],
            )
            PracticeAttachment.objects.create(practice=record, title="Slides", url="https://example.org/s")
            lesson(
                world.workspace,
                f"More {number}",
                visibility=Visibility.PUBLIC,
                author=author,
                activity=activity,
            )
