"""``intercity resolve``: CSV in, CSV out with the resolver's verdict; a stable command-line contract."""

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "imports"
INTERCITY = Path(sys.executable).with_name("intercity")
ADDED_COLUMNS = ["geonameid", "matched_name", "score", "status"]


def read_output(path):
    with open(path, encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream, delimiter=";"))


def check_output(rows):
    assert [row["city"] for row in rows] == [
        "Comune di Brescia", "San Vito", "Province of Barcelona", "Xyzzyville", "Bologna"
    ]  # fmt: skip
    assert set(ADDED_COLUMNS) <= set(rows[0]) and {"cc", "lat", "lon"} <= set(rows[0])
    by_name = {row["city"]: row for row in rows}
    assert (by_name["Comune di Brescia"]["status"], by_name["Comune di Brescia"]["matched_name"]) == (
        "matched",
        "Brescia",
    )
    assert by_name["Bologna"]["geonameid"] == "3181928"
    assert by_name["San Vito"]["status"] == "ambiguous"
    assert by_name["Province of Barcelona"]["status"] == "unmatched"
    assert by_name["Xyzzyville"]["status"] == "unmatched" and by_name["Xyzzyville"]["geonameid"] == ""


def test_resolve_command_writes_every_column_and_prints_counts_per_status(tmp_path, capsys):
    output = tmp_path / "out.csv"

    call_command(
        "resolve", str(FIXTURES / "places.csv"), name_column="city", country_column="cc",
        lat_column="lat", lon_column="lon", output=str(output),
    )  # fmt: skip

    check_output(read_output(output))
    printed = capsys.readouterr().out
    assert "5 rows resolved" in printed
    assert [line.split("│")[2].strip() for line in printed.splitlines() if line.startswith("│")] == [
        "2",
        "1",
        "2",
    ]


def test_resolve_command_names_a_missing_column():
    with pytest.raises(CommandError, match="'town' not found"):
        call_command(
            "resolve", str(FIXTURES / "places.csv"), name_column="town", country_column="cc", output="x.csv"
        )


def test_resolve_command_wants_both_coordinates_or_neither():
    with pytest.raises(CommandError, match="lat-column"):
        call_command(
            "resolve", str(FIXTURES / "places.csv"), name_column="city", country_column="cc", lat_column="lat",
            output="x.csv",
        )  # fmt: skip


def run_intercity(*args, cwd):
    # An unreachable database proves that the command needs none.
    env = {
        **os.environ,
        "DATABASE_URL": "postgres://nobody@127.0.0.1:9/none",
        "INTERCITY_VAR_DIR": str(settings.VAR_DIR),  # the gazetteer cache of this checkout
    }
    return subprocess.run(
        [str(INTERCITY), *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=300
    )


def test_intercity_resolve_runs_as_a_console_script_without_a_database(tmp_path):
    source = shutil.copy(FIXTURES / "places.csv", tmp_path / "places.csv")

    result = run_intercity(
        "resolve", str(source), "--name-column", "city", "--country-column", "cc", "--lat-column", "lat",
        "--lon-column", "lon", "--output", "out.csv", cwd=tmp_path,
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
    check_output(read_output(tmp_path / "out.csv"))
    assert "matched" in result.stdout and "ambiguous" in result.stdout and "unmatched" in result.stdout


def test_intercity_resolve_exits_non_zero_naming_the_bad_column(tmp_path):
    result = run_intercity(
        "resolve", str(FIXTURES / "places.csv"), "--name-column", "city", "--country-column", "nation",
        "--output", "out.csv", cwd=tmp_path,
    )  # fmt: skip

    assert result.returncode != 0
    assert "'nation' not found" in result.stderr
    assert not (tmp_path / "out.csv").exists()
