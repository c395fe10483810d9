#!/usr/bin/env python
"""Django's command-line utility."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "overdue_help.settings")
    from django.core.management import execute_from_command_line

    from overdue_help import startup

    # Settings and content first, in this process: a broken one is one line and exit 1, for
    # every command. (runserver would otherwise print a traceback and wait for a code change.)
    startup.setup()
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
