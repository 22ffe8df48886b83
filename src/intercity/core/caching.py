"""Whole-response caching of the public atlas, keyed by a version of the data.

The atlas changes only when data is loaded, imported or edited, and most requests are anonymous reads of
the same pages. :class:`PublicPageCacheMiddleware` keeps the rendered response of anonymous GET requests
under a key made of the URL, the language, the htmx and Accept headers and :func:`atlas_version`, a cheap
fingerprint of the atlas tables (row counts and last change). Any write to the atlas changes the version,
so a page is never served stale for longer than the version's own memo (a few seconds).
"""

import hashlib
import time

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max
from django.http import HttpResponse

# The tables whose changes change what a public page shows.
VERSIONED_MODELS = [
    "core.DataSource",
    "places.Country",
    "places.Government",
    "networks.Network",
    "networks.Theme",
    "engagement.Membership",
    "relations.Twinning",
    "knowledge.Practice",
    "knowledge.Lesson",
    "knowledge.SearchDocument",
]
# Paths never cached: the administration, the language switch, and anything private.
# The API schema and docs do not depend on the data (and the schema is fetched before any database exists
# in the API tests).
UNCACHED_PREFIXES = (
    "/admin/",
    "/i18n/",
    "/accounts/",
    "/w/",
    "/api/workspaces/",
    "/search/open/",
    "/static/",
    "/media/",
    "/api/schema/",
    "/api/docs/",
    "/api/redoc/",
)

_memo = {"version": None, "until": 0.0}


def atlas_version():
    """A fingerprint of the atlas data; memoised for ``INTERCITY_VERSION_TTL`` seconds per process."""
    now = time.monotonic()
    if _memo["version"] is not None and now < _memo["until"]:
        return _memo["version"]
    parts = []
    for label in VERSIONED_MODELS:
        figures = apps.get_model(label).objects.aggregate(rows=Count("pk"), changed=Max("updated_at"))
        parts.append(f"{label}:{figures['rows']}:{figures['changed']}")
    version = hashlib.sha1("|".join(parts).encode()).hexdigest()[:16]
    _memo.update(version=version, until=now + getattr(settings, "INTERCITY_VERSION_TTL", 5))
    return version


def forget_atlas_version():
    """Make the next request recompute the version at once instead of after its memo expires."""
    _memo.update(version=None, until=0.0)


class PublicPageCacheMiddleware:
    """Serve anonymous GET requests of public pages and API lists from the cache (see module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self.cacheable_request(request):
            return self.get_response(request)
        key = self.cache_key(request)
        stored = cache.get(key)
        if stored is not None:
            return self.rebuild(stored)
        response = self.get_response(request)
        if self.cacheable_response(response):
            # Only bytes and headers are kept: pickling a DRF Response drags its querysets along.
            stored = (response.status_code, response.content, list(response.items()))
            cache.set(key, stored, getattr(settings, "INTERCITY_PAGE_CACHE_SECONDS", 600))
            response["X-Cache"] = "miss"
        return response

    @staticmethod
    def rebuild(stored):
        status, content, headers = stored
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response["X-Cache"] = "hit"
        return response

    @staticmethod
    def cacheable_request(request):
        return (
            getattr(settings, "INTERCITY_PAGE_CACHE", True)
            and request.method in ("GET", "HEAD")
            and not request.path.startswith(UNCACHED_PREFIXES)
            and not request.user.is_authenticated
            # A token-authenticated API call is anonymous until DRF reads the header in the view.
            and "Authorization" not in request.headers
            and "export" not in request.GET
        )

    @staticmethod
    def cacheable_response(response):
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "private" not in response.get("Cache-Control", "")
        )

    @staticmethod
    def cache_key(request):
        parts = [
            request.get_full_path(),
            getattr(request, "LANGUAGE_CODE", ""),
            request.headers.get("HX-Request", ""),
            # htmx restoring the history asks for the whole page with HX-Request set: never the fragment.
            request.headers.get("HX-History-Restore-Request", ""),
            request.headers.get("Accept", ""),
            atlas_version(),
        ]
        return "page:" + hashlib.sha1("\x1f".join(parts).encode()).hexdigest()


def workspace_cache_key(workspace, *parts):
    """A cache key for something computed from a workspace's private data (and the atlas).

    It changes whenever a private record of the workspace changes (``Workspace.data_version``, kept by
    :mod:`intercity.core.signals`) or the atlas does, so a cached value is never stale; ``parts`` say
    what is cached (the page's address, the language, the user's role, the day...).
    """
    text = "\x1f".join(str(part) for part in (workspace.pk, workspace.data_version, atlas_version(), *parts))
    return "workspace:" + hashlib.sha1(text.encode()).hexdigest()


def cached(key, compute, timeout=None):
    """``compute()``, or its value from the cache under ``key`` (computed and kept when missing).

    ``INTERCITY_WORKSPACE_CACHE = False`` computes every time (benchmarks compare both).
    """
    if not getattr(settings, "INTERCITY_WORKSPACE_CACHE", True):
        return compute()
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout or getattr(settings, "INTERCITY_PAGE_CACHE_SECONDS", 600))
    return value
