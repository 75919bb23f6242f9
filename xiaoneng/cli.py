"""The `xiaoneng` console command.

Every subcommand is a Django management command living in the app it belongs to
(`xiaoneng calendar ...` is xiaoneng/calendar/management/commands/calendar.py),
so `xiaoneng help` lists them all.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xiaoneng.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["xiaoneng", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
