"""Django settings for intercity.

This is the only module that reads the environment. Every value has a safe default for local use:
SQLite under ``var/``, DEBUG on, localhost only. Production deployments set ``SECRET_KEY``,
``DEBUG=0``, ``ALLOWED_HOSTS`` and ``DATABASE_URL``.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = Path(os.environ.get("INTERCITY_HOME", Path.cwd())).resolve()
VAR_DIR = Path(os.environ.get("INTERCITY_VAR_DIR", BASE_DIR / "var")).resolve()


def _env_bool(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_list(name, default):
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = _env_bool("DEBUG", True)
# The fallback key is only for local development; DEBUG=0 refuses to start without a real one.
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise RuntimeError("Set SECRET_KEY in the environment when DEBUG is off.")
    SECRET_KEY = "insecure-local-development-key-do-not-use-in-production"
ALLOWED_HOSTS = _env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = _env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "django_tables2",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "intercity.core",
    "intercity.places",
    "intercity.networks",
    "intercity.engagement",
    "intercity.relations",
    "intercity.projects",
    "intercity.knowledge",
    "intercity.strategy",
    "intercity.reports",
    "intercity.opendata",
    "intercity.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "intercity.core.caching.PublicPageCacheMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "intercity.config.urls"
WSGI_APPLICATION = "intercity.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "intercity.core.context_processors.attributions",
            ],
        },
    },
]

SQLITE_PATH = VAR_DIR / "intercity.sqlite3"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{SQLITE_PATH}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets the web server read while an import writes; the pragmas run on every new connection.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("INTERCITY_TEST_SQLITE") or None}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("es", _("Spanish")),
    ("pt", _("Portuguese")),
    ("fr", _("French")),
]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
# WhiteNoise serves static files under any server (gunicorn too) straight from the app's folders, so a
# deployment needs no separate file server; `collectstatic` is optional.
WHITENOISE_USE_FINDERS = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns on every start when it is missing
MEDIA_URL = "media/"
MEDIA_ROOT = VAR_DIR / "media"

# Where the resolver keeps its gazetteer index between runs.
INTERCITY_CACHE_DIR = Path(os.environ.get("INTERCITY_CACHE_DIR", VAR_DIR / "cache"))
# The shared real data sets beside the project (import-only files are read from here, never copied).
INTERCITY_SHARED_DATA = Path(os.environ.get("INTERCITY_SHARED_DATA", BASE_DIR.parent / "shared" / "data"))
os.environ.setdefault("INTERCITY_CACHE_DIR", str(INTERCITY_CACHE_DIR))

# Anonymous reads of the public atlas are served from the cache, keyed by a fingerprint of the data
# (intercity.core.caching). Each server process keeps its own cache unless CACHES says otherwise.
INTERCITY_PAGE_CACHE = _env_bool("INTERCITY_PAGE_CACHE", True)
INTERCITY_PAGE_CACHE_SECONDS = int(os.environ.get("INTERCITY_PAGE_CACHE_SECONDS", "600"))
# Workspace pages keep what is costly to compute (scores, the portfolio's results) under the workspace's
# data version (intercity.core.caching.workspace_cache_key); 0 computes everything on every request.
INTERCITY_WORKSPACE_CACHE = _env_bool("INTERCITY_WORKSPACE_CACHE", True)
INTERCITY_VERSION_TTL = float(os.environ.get("INTERCITY_VERSION_TTL", "5"))
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    }
}

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "workspace:list"
LOGOUT_REDIRECT_URL = "home"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "intercity@localhost")
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "intercity.api.schema.AtlasAutoSchema",
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "intercity.api.filters.StrictOrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "intercity.api.pagination.AtlasPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "EXCEPTION_HANDLER": "intercity.api.exceptions.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": _("intercity API"),
    "DESCRIPTION": _(
        "Open atlas of city networks, memberships and twinnings: read-only and public. "
        "Private workspace records under /api/workspaces/{workspace}/: token authentication, "
        "viewers read, editors write. Every list is filtered, paginated and sorted through query "
        "parameters. See docs/api.md."
    ),
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Several models have a "kind" or a date precision; name each enumeration after its meaning.
    "ENUM_NAME_OVERRIDES": {
        "NetworkKindEnum": "intercity.networks.choices.NetworkKind",
        "GeographicScopeEnum": "intercity.networks.choices.GeographicScope",
        "GovernmentKindEnum": "intercity.places.choices.GovernmentKind",
        "ContinentEnum": "intercity.places.choices.Continent",
        "ResolutionStatusEnum": "intercity.places.choices.ResolutionStatus",
        "IdentifierSchemeEnum": "intercity.places.choices.IdentifierScheme",
        "AgreementKindEnum": "intercity.relations.choices.AgreementKind",
        "MembershipStatusEnum": "intercity.engagement.choices.MembershipStatus",
        "DatePrecisionEnum": "intercity.core.choices.DatePrecision",
        "ConfidenceEnum": "intercity.core.choices.Confidence",
    },
    # The interactive docs are served from the installed sidecar package: no CDN, works offline.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

DJANGO_TABLES2_TEMPLATE = "django_tables2/bootstrap5.html"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
