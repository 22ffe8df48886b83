"""Who may do what in a workspace, checked on every private page and every private API operation.

Nothing here lists URLs: the web pages are found by walking Django's URL resolver (every route taking a
``workspace`` argument), the API operations by reading the OpenAPI schema. A new page or endpoint is
checked as soon as it exists; one the matrix cannot call fails with a message saying what to declare.

The rules (docs/api.md, "Private workspace API"; intercity.core.workspace_views):

========== ============================== ==================================================
who        web page                       API
========== ============================== ==================================================
anonymous  redirect to the login page     401
non-member 404                            404
viewer     GET 200 when the page needs    GET 200, any write 403 (before validation)
           viewer, otherwise 403;
           every POST 403
editor     allowed up to editor pages,    allowed (writes reach validation)
           403 on owner pages
owner      allowed everywhere             allowed
========== ============================== ==================================================

An id of another workspace's record under this workspace's address is a 404, for every role and method.
"""

import re
from dataclasses import dataclass
from types import SimpleNamespace

import factory
import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.db import models
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLResolver, get_resolver, resolve, reverse
from drf_spectacular.generators import SchemaGenerator
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient
from rest_framework.views import APIView

from intercity.core.choices import Role
from tests import factories
from tests.factories import UserFactory, WorkspaceFactory, WorkspaceMemberFactory

ROLES = ("anonymous", "non-member", Role.VIEWER, Role.EDITOR, Role.OWNER)
#: Sample values of URL arguments that are neither the workspace nor a record's id, by argument name.
SAMPLE_KWARGS = {"kind": "portfolio", "export_format": "csv", "attachment": "0"}
API_PREFIX = "/api/workspaces/{workspace}/"


# --- Finding the routes ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    name: str
    route: str
    callback: object
    arguments: frozenset

    @property
    def view_class(self):
        return getattr(self.callback, "view_class", None) or getattr(self.callback, "cls", None)

    @property
    def is_api(self):
        view = getattr(self.callback, "cls", None)
        return view is not None and issubclass(view, APIView)


def walk(resolver, prefix="", namespace=None, arguments=frozenset()):
    """Every URL pattern under ``resolver``, with its full route, namespaced name and argument names."""
    for pattern in resolver.url_patterns:
        names = arguments | set(pattern.pattern.regex.groupindex)
        if isinstance(pattern, URLResolver):
            inner = ":".join(part for part in (namespace, pattern.namespace) if part) or None
            yield from walk(pattern, prefix + str(pattern.pattern), inner, names)
        else:
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield Route(name, prefix + str(pattern.pattern), pattern.callback, frozenset(names))


ALL_WORKSPACE_ROUTES = [route for route in walk(get_resolver()) if "workspace" in route.arguments]
WEB_ROUTES = [route for route in ALL_WORKSPACE_ROUTES if not route.is_api]
API_ROUTES = [route for route in ALL_WORKSPACE_ROUTES if route.is_api]
SCHEMA = SchemaGenerator().get_schema(request=None, public=True)
API_OPERATIONS = [
    (path, method.upper())
    for path, operations in SCHEMA["paths"].items()
    if path.startswith(API_PREFIX)
    for method in operations
    if method in ("get", "post", "put", "patch", "delete")
]


def web_id(route):
    return route.name or route.route


# --- A workspace, its members, and records -----------------------------------------------------------------------


@pytest.fixture
def fast_passwords(settings):
    """Members sign in with force_login or a token: hashing passwords would only be slow."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db, fast_passwords, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    workspace, other = WorkspaceFactory(), WorkspaceFactory()
    outsider = UserFactory()
    WorkspaceMemberFactory(workspace=other, user=outsider, role=Role.OWNER)
    return SimpleNamespace(workspace=workspace, other=other, outsider=outsider)


def user_with(world, role):
    """None for the anonymous visitor; the owner of another workspace for the non-member."""
    if role == "anonymous":
        return None
    if role == "non-member":
        return world.outsider
    user = UserFactory()
    WorkspaceMemberFactory(workspace=world.workspace, user=user, role=role)
    return user


def factory_for(model):
    for candidate in vars(factories).values():
        if (
            isinstance(candidate, type)
            and issubclass(candidate, factory.django.DjangoModelFactory)
            and candidate._meta.model is model
        ):
            return candidate
    pytest.fail(
        f"tests/factories.py has no factory for {model.__name__}: add one so the matrix can make one."
    )


def make_record(model, workspace):
    """A record of ``model`` in ``workspace``, made by its factory, with a small file in every file field."""
    model_factory = factory_for(model)
    declaration = model_factory._meta.declarations.get("workspace")
    if isinstance(declaration, factory.SelfAttribute):
        # The record takes its workspace from a parent (a fee from its membership): set the parent's.
        record = model_factory(**{declaration.attribute_name.replace(".", "__"): workspace})
    else:
        record = model_factory(workspace=workspace)
    assert record.workspace_id == workspace.pk, f"{model_factory.__name__} made a record of another workspace"
    for field in model._meta.fields:
        if isinstance(field, models.FileField) and not getattr(record, field.name):
            getattr(record, field.name).save("evidence.txt", ContentFile(b"evidence"), save=True)
    return record


def model_of_web_route(route):
    model = getattr(route.view_class, "model", None)
    if model is None:
        pytest.fail(
            f"{route.view_class.__name__} ({route.name}) takes a record id but declares no `model`: declare "
            "it so that the permission matrix can build its address."
        )
    return model


def web_url(route, workspace, record_workspace=None):
    """The page's address in ``workspace``; its record (if any) is made in ``record_workspace``."""
    kwargs = {"workspace": workspace.slug}
    record = None
    for argument in route.arguments - {"workspace"}:
        if argument == "pk":
            record = make_record(model_of_web_route(route), record_workspace or workspace)
            kwargs["pk"] = record.pk
        elif argument in SAMPLE_KWARGS:
            kwargs[argument] = SAMPLE_KWARGS[argument]
        else:
            pytest.fail(
                f"{route.name} takes `{argument}`: add a sample value for it to SAMPLE_KWARGS in "
                "tests/test_permission_matrix.py."
            )
    if not route.name:
        pytest.fail(f"The route {route.route} has no name: name it so that the matrix can reverse it.")
    return reverse(route.name, kwargs=kwargs), record


def required_role(route):
    role = getattr(route.view_class, "required_role", None)
    if role is None:
        pytest.fail(
            f"{route.name} ({route.route}) takes a workspace but its view is not a WorkspaceMixin view "
            "(intercity.core.workspace_views): it must declare who may use it."
        )
    return role


# --- The web pages -------------------------------------------------------------------------------------------


def test_the_walker_finds_the_workspace_pages_and_the_api():
    names = {route.name for route in WEB_ROUTES}
    assert {"engagement:portfolio", "engagement:membership"} <= names
    assert all(route.route.startswith("w/") for route in WEB_ROUTES), [r.route for r in WEB_ROUTES]
    assert {"workspace-api:memberships-list", "workspace-api:engagement"} <= {r.name for r in API_ROUTES}


def expected_web_status(route, role, method):
    """``"login"``, ``404``, ``403`` or ``"allowed"``."""
    if role == "anonymous":
        return "login"
    if role == "non-member":
        return 404
    needed = required_role(route)
    if method == "POST" and Role.rank(needed) < Role.rank(Role.EDITOR):
        needed = Role.EDITOR
    return "allowed" if Role.allows(role, needed) else 403


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", WEB_ROUTES, ids=web_id)
def test_web_page_answers_each_role(world, route, role, method):
    address, _record = web_url(route, world.workspace)
    user = user_with(world, role)
    client = Client()
    if user is not None:
        client.force_login(user)
    response = client.get(address) if method == "GET" else client.post(address, {})
    expected = expected_web_status(route, role, method)
    where = f"{method} {address} as {role}"
    if expected == "login":
        assert response.status_code == 302, where
        assert response["Location"].startswith(resolve_url(django_settings.LOGIN_URL)), where
    elif expected == "allowed" and method == "GET":
        # A page (200), or an action's address that sends GET back to its page in the workspace (302).
        assert response.status_code in (200, 302), where
        if response.status_code == 302:
            assert response["Location"].startswith(f"/w/{world.workspace.slug}/"), where
    elif expected == "allowed":
        # An empty form re-rendered with its errors (200), a redirect after saving or deleting (302), or a
        # page that takes no POST (405): the request got past the permission check.
        assert response.status_code in (200, 302, 405), where
        if response.status_code == 302:
            assert response["Location"].startswith(f"/w/{world.workspace.slug}/"), where
    else:
        assert response.status_code == expected, where


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("route", [route for route in WEB_ROUTES if "pk" in route.arguments], ids=web_id)
def test_web_page_does_not_find_a_record_of_another_workspace(world, route, method):
    address, record = web_url(route, world.workspace, record_workspace=world.other)
    client = Client()
    client.force_login(user_with(world, Role.OWNER))
    response = client.get(address) if method == "GET" else client.post(address, {})
    # A page that takes no POST answers 405 whatever the id, before looking for the record.
    refused = (404, 405) if method == "POST" and not hasattr(route.view_class, "post") else (404,)
    assert response.status_code in refused, f"{method} {address}"
    assert type(record).objects.filter(pk=record.pk, workspace=world.other).exists()


# --- The API -------------------------------------------------------------------------------------------------


def test_the_schema_has_every_private_api_route_and_the_main_endpoints():
    paths = {path for path, _method in API_OPERATIONS}
    assert {
        API_PREFIX + "memberships/",
        API_PREFIX + "memberships/{id}/",
        API_PREFIX + "engagement/",
    } <= paths
    patterns = [re.compile("^" + re.sub(r"\{[^}]+\}", "[^/]+", path) + "$") for path in paths]
    for route in API_ROUTES:
        kwargs = {argument: "1" for argument in route.arguments} | {"workspace": "some-workspace"}
        address = reverse(route.name, kwargs=kwargs)
        # An endpoint left out of the schema would escape the matrix below.
        assert any(pattern.match(address) for pattern in patterns), address


def api_view_class(path):
    match = resolve(path.replace("{workspace}", "any-workspace").replace("{id}", "1"))
    return match.func.cls


def api_model(path):
    queryset = getattr(api_view_class(path), "queryset", None)
    if queryset is None:
        pytest.fail(f"{path} takes a record id but its view declares no queryset to find the record's model.")
    return queryset.model


def api_url(path, workspace, record_workspace=None):
    parameters = set(re.findall(r"\{([^}]+)\}", path)) - {"workspace"}
    address = path.replace("{workspace}", workspace.slug)
    record = None
    for parameter in parameters:
        if parameter == "id":
            record = make_record(api_model(path), record_workspace or workspace)
            address = address.replace("{id}", str(record.pk))
        elif parameter in SAMPLE_KWARGS:
            address = address.replace(f"{{{parameter}}}", SAMPLE_KWARGS[parameter])
        else:
            pytest.fail(f"{path} takes `{parameter}`: add a sample value to SAMPLE_KWARGS.")
    return address, record


def api_client_for(user):
    client = APIClient()
    if user is not None:
        token, _created = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def call(client, method, address):
    if method == "GET":
        return client.get(address)
    return getattr(client, method.lower())(address, {}, format="json")


def expected_api_status(path, role, method):
    if role == "anonymous":
        return 401
    if role == "non-member":
        return 404
    if method == "GET":
        return 200
    needed = getattr(api_view_class(path), "write_role", None)
    if needed is None:
        pytest.fail(
            f"{path} has no write_role: its view must be a WorkspaceAPIMixin view (intercity.api.workspace)."
        )
    # Whatever an endpoint declares, a viewer never writes.
    if Role.rank(needed) < Role.rank(Role.EDITOR):
        needed = Role.EDITOR
    return "allowed" if Role.allows(role, needed) else 403


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("path", "method"), API_OPERATIONS, ids=[f"{m} {p}" for p, m in API_OPERATIONS])
def test_api_operation_answers_each_role(world, path, method, role):
    address, record = api_url(path, world.workspace)
    model = type(record) if record is not None else None
    before = model.objects.count() if model is not None else None
    response = call(api_client_for(user_with(world, role)), method, address)
    expected = expected_api_status(path, role, method)
    where = f"{method} {address} as {role}: {response.status_code} {response.content[:300]!r}"
    if expected == "allowed":
        # An empty body is refused by validation (400) or accepted (200, 201); a delete may succeed (204)
        # or be refused while other records refer to the record (409): each is past the permission check.
        assert response.status_code in (200, 201, 204, 400, 409), where
    else:
        assert response.status_code == expected, where
        if method != "GET" and model is not None:
            assert model.objects.count() == before, where
            assert model.objects.filter(pk=record.pk).exists(), where


@pytest.mark.parametrize(
    ("path", "method"),
    [(path, method) for path, method in API_OPERATIONS if "{id}" in path],
    ids=[f"{m} {p}" for p, m in API_OPERATIONS if "{id}" in p],
)
def test_api_does_not_find_a_record_of_another_workspace(world, path, method):
    address, record = api_url(path, world.workspace, record_workspace=world.other)
    history = record.history.count()
    response = call(api_client_for(user_with(world, Role.OWNER)), method, address)
    assert response.status_code == 404, f"{method} {address}"
    assert type(record).objects.filter(pk=record.pk, workspace=world.other).exists()
    assert record.history.count() == history
