"""Every intercity command prints its help (argparse needs plain strings, not lazy translations)."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import get_commands

PROJECT_COMMANDS = sorted(name for name, app in get_commands().items() if app.startswith("intercity"))


def test_the_project_has_commands():
    assert {"import", "adduser", "createworkspace", "demo_workspace", "load_opendata"} <= set(
        PROJECT_COMMANDS
    )


@pytest.mark.parametrize("name", PROJECT_COMMANDS)
def test_command_help_prints(name):
    intercity = Path(sys.executable).with_name("intercity")
    result = subprocess.run([str(intercity), name, "--help"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "usage:" in result.stdout
