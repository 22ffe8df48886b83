import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.urls import reverse

from intercity.core.caching import forget_atlas_version
from tests.factories import NetworkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    settings.INTERCITY_PAGE_CACHE = True
    settings.INTERCITY_VERSION_TTL = 60
    cache.clear()
    forget_atlas_version()
    yield
    cache.clear()
    forget_atlas_version()


def test_an_anonymous_page_is_served_from_the_cache_the_second_time(
    client, page_cache, django_assert_num_queries
):
    NetworkFactory(name="Union of Baltic Cities")
    first = client.get(reverse("networks:list"))
    assert first["X-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get(reverse("networks:list"))
    assert second["X-Cache"] == "hit"
    assert second.content == first.content


def test_a_change_to_the_atlas_is_shown_at_once_after_the_version_is_recomputed(client, page_cache):
    NetworkFactory(name="Union of Baltic Cities")
    assert b"Mayors for Peace" not in client.get(reverse("networks:list")).content
    NetworkFactory(name="Mayors for Peace")
    forget_atlas_version()  # what the version's memo would do after INTERCITY_VERSION_TTL seconds
    response = client.get(reverse("networks:list"))
    assert response["X-Cache"] == "miss"
    assert b"Mayors for Peace" in response.content


def test_languages_and_htmx_partials_are_cached_apart(client, page_cache):
    NetworkFactory(name="Union of Baltic Cities")
    english = client.get(reverse("networks:list"), headers={"Accept-Language": "en"})
    spanish = client.get(reverse("networks:list"), headers={"Accept-Language": "es"})
    partial = client.get(reverse("networks:list"), headers={"HX-Request": "true"})
    assert spanish["X-Cache"] == "miss" and partial["X-Cache"] == "miss"
    assert english.content != spanish.content != partial.content


def test_signed_in_users_and_exports_are_never_cached(client, page_cache):
    NetworkFactory(name="Union of Baltic Cities")
    user = get_user_model().objects.create_user("officer", password="a-long-test-password")
    client.force_login(user)
    assert "X-Cache" not in client.get(reverse("networks:list"))
    client.logout()
    export = client.get(reverse("networks:list") + "?export=csv")
    assert "X-Cache" not in export


def test_the_language_switch_works_without_a_csrf_token(client):
    response = client.post(reverse("set_language"), {"language": "es", "next": "/"})
    assert response.status_code == 302
    assert response.cookies["django_language"].value == "es"
