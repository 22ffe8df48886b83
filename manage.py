#!/usr/bin/env python
"""Django's command-line utility; ``intercity`` (the console script) does the same."""

import sys

from intercity.cli import main

if __name__ == "__main__":
    main(sys.argv)
