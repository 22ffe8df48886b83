"""The ``intercity`` console script: Django's management commands under one name.

``intercity resolve ...``, ``intercity load-opendata``, ``intercity import ...`` map to the management
commands of the same name (dashes become underscores), so scripts and cron jobs need no ``manage.py``.
"""

import os
import sys

ALIASES = {"load-opendata": "load_opendata"}


def main(argv=None):
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intercity.config.settings")
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = ALIASES.get(argv[1], argv[1].replace("-", "_"))
    from django.core.management import execute_from_command_line

    execute_from_command_line(["intercity", *argv[1:]])


if __name__ == "__main__":
    main()
