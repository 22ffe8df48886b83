import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

from tests.conftest import REPO_ROOT


@pytest.mark.django_db
def test_sqlite_runs_in_wal_mode():
    if connection.vendor != "sqlite":
        pytest.skip("WAL is a SQLite journal mode; this run uses " + connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] in {"wal", "memory"}


def test_default_database_is_sqlite_under_var_when_no_url_is_given(tmp_path):
    environment = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    environment["INTERCITY_HOME"] = str(tmp_path)
    code = "from django.conf import settings; import django; django.setup(); print(settings.DATABASES['default']['NAME'])"
    output = subprocess.run(
        [sys.executable, "-c", code],
        env={**environment, "DJANGO_SETTINGS_MODULE": "intercity.config.settings"},
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO_ROOT,
    ).stdout.strip()
    assert output == str(tmp_path / "var" / "intercity.sqlite3")


def test_production_settings_refuse_to_start_without_a_secret_key(tmp_path):
    environment = {key: value for key, value in os.environ.items() if key != "SECRET_KEY"}
    environment.update(
        {"DEBUG": "0", "INTERCITY_HOME": str(tmp_path), "DJANGO_SETTINGS_MODULE": "intercity.config.settings"}
    )
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=environment,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_allowed_hosts_and_database_url_come_from_the_environment(tmp_path):
    environment = dict(os.environ)
    environment.update(
        {
            "ALLOWED_HOSTS": "atlas.example.org, intercity.example.org",
            "DATABASE_URL": "postgres://user@db.example.org:5433/atlas",
            "DJANGO_SETTINGS_MODULE": "intercity.config.settings",
        }
    )
    code = (
        "from django.conf import settings; import django; django.setup();"
        "d = settings.DATABASES['default']; print(settings.ALLOWED_HOSTS, d['HOST'], d['PORT'], d['NAME'])"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=True
    )
    assert output.stdout.strip() == "['atlas.example.org', 'intercity.example.org'] db.example.org 5433 atlas"


def test_default_allowed_hosts_are_local_only():
    assert settings.ALLOWED_HOSTS
    assert "*" not in settings.ALLOWED_HOSTS
