"""The OpenAPI schema: generated without warnings, valid, and honoured by the API (schemathesis)."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema
from hypothesis import HealthCheck, settings

from intercity.config.wsgi import application


@pytest.fixture(scope="module")
def openapi():
    return SchemaGenerator().get_schema(request=None, public=True)


def test_schema_is_valid_openapi(openapi):
    validate_schema(openapi)
    assert openapi["openapi"].startswith("3.")


def test_schema_documents_every_endpoint(openapi):
    assert {
        "/api/countries/",
        "/api/countries/{code}/",
        "/api/places/{geonameid}/",
        "/api/governments/{id}/peers/",
        "/api/networks/{slug}/",
        "/api/networks/{slug}/members/",
        "/api/networks/{slug}/overlap/",
        "/api/themes/{id}/",
        "/api/memberships/",
        "/api/twinnings/{id}/",
        "/api/data-sources/",
    } <= set(openapi["paths"])
    # The atlas is read-only; only the private workspace endpoints take writes. Agenda matching reads only,
    # but takes a long text: it is the one public POST.
    public = {
        path: operations
        for path, operations in openapi["paths"].items()
        if not path.startswith("/api/workspaces/") and path != "/api/search/agenda/"
    }
    assert all(set(operations) == {"get"} for operations in public.values())
    assert set(openapi["paths"]["/api/search/agenda/"]) == {"post"}
    assert {"/api/search/", "/api/practices/", "/api/lessons/"} <= set(openapi["paths"])
    assert "post" in openapi["paths"]["/api/workspaces/{workspace}/activities/"]


def test_schema_documents_the_filters_pagination_and_errors(openapi):
    operation = openapi["paths"]["/api/networks/"]["get"]
    parameters = {parameter["name"]: parameter for parameter in operation["parameters"]}
    assert {"q", "kind", "theme", "member", "active", "page", "page_size", "ordering"} <= set(parameters)
    assert parameters["kind"]["schema"]["items"]["enum"] == ["regional", "representation", "thematic"]
    assert "-member_count" in parameters["ordering"]["schema"]["items"]["enum"]
    assert {"200", "400", "404"} <= set(operation["responses"])


def test_schema_descriptions_are_translated(client):
    english = client.get("/api/schema/", {"format": "json"}).json()
    french = client.get("/api/schema/", {"format": "json", "lang": "fr"}).json()
    parameter = next(
        p for p in english["paths"]["/api/networks/"]["get"]["parameters"] if p["name"] == "kind"
    )
    parameter_fr = next(
        p for p in french["paths"]["/api/networks/"]["get"]["parameters"] if p["name"] == "kind"
    )
    assert parameter["description"].startswith("Kind")
    assert parameter_fr["description"] != parameter["description"]


# Loaded from the app itself at collection (drawing the schema needs no database); the data is per test.
# Django refuses NUL characters in form fields (400), which is fine; the strings generated leave them out.
schema = schemathesis.openapi.from_wsgi(
    "/api/schema/?format=json",
    application,
    config=schemathesis.Config.from_dict({"generation": {"allow-x00": False}}),
)


@pytest.fixture
def connection_kept_open():
    """Calls go straight to the WSGI application, whose request signals would close the test's database
    connection (and its transaction) after each request on PostgreSQL; Django's test client does the same."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_honours_its_schema(case, atlas, connection_kept_open):
    # Themes are data, so the schema cannot list them; an unknown slug is refused (400) by design.
    if isinstance(case.query, dict) and "theme" in case.query:
        case.query["theme"] = atlas.themes.climate.slug
    case.call_and_validate()
