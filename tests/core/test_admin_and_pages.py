import datetime

import pytest
from django.contrib import admin
from django.urls import reverse

from intercity.core.models import DataSource
from intercity.relations.actions import link_governments
from tests.factories import (
    GovernmentFactory,
    MembershipFactory,
    PlaceFactory,
    ThemeFactory,
    WorkspaceMemberFactory,
)

pytestmark = pytest.mark.django_db

ATLAS_MODELS = [
    "core.datasource",
    "places.country",
    "places.place",
    "places.government",
    "places.governmentidentifier",
    "networks.theme",
    "networks.network",
    "engagement.membership",
    "relations.twinning",
    "core.workspace",
]


@pytest.fixture
def atlas_rows():
    PlaceFactory(name="Bologna")
    first, second = GovernmentFactory(), GovernmentFactory()
    first.identifiers.create(scheme="wikidata", value="Q1891")
    ThemeFactory(name="Climate")
    MembershipFactory(government=first, joined_on=datetime.date(2010, 1, 26))
    link_governments(first, second)
    DataSource.objects.create(slug="com", name="Covenant of Mayors signatories", licence="CC BY 4.0")
    WorkspaceMemberFactory(workspace__government=first)


def test_every_atlas_model_has_an_admin_page():
    registered = {f"{model._meta.app_label}.{model._meta.model_name}" for model in admin.site._registry}
    assert set(ATLAS_MODELS) <= registered


@pytest.mark.parametrize("label", ATLAS_MODELS)
def test_admin_list_add_change_and_history_pages_render(admin_client, atlas_rows, label):
    app_label, model_name = label.split(".")
    list_url = reverse(f"admin:{app_label}_{model_name}_changelist")
    response = admin_client.get(list_url)
    assert response.status_code == 200
    assert admin_client.get(reverse(f"admin:{app_label}_{model_name}_add")).status_code == 200
    model = next(m for m in admin.site._registry if m._meta.label_lower == label)
    instance = model.objects.first()
    assert instance is not None
    change = admin_client.get(reverse(f"admin:{app_label}_{model_name}_change", args=[instance.pk]))
    assert change.status_code == 200
    history = admin_client.get(reverse(f"admin:{app_label}_{model_name}_history", args=[instance.pk]))
    assert history.status_code == 200


def test_admin_refuses_anonymous_visitors(client):
    response = client.get(reverse("admin:networks_network_changelist"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_home_page_shows_the_atlas_in_figures(client, atlas_rows):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert response.context["counts"]["twinnings"] == 1
    assert response.context["counts"]["memberships"] == 1
    assert b"Covenant of Mayors signatories" in response.content  # credited in the footer


def test_data_sources_page_lists_licences(client, atlas_rows):
    response = client.get(reverse("attributions"))
    assert response.status_code == 200
    assert b"CC BY 4.0" in response.content


def test_home_page_renders_on_an_empty_database(client):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert response.context["counts"]["networks"] == 0
