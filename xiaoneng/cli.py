"""The `xiaoneng` console command.

Every subcommand is a Django management command living in the app it belongs to
(`xiaoneng calendar ...` is xiaoneng/calendar/management/commands/calendar.py),
so `xiaoneng help` lists them all.
"""

import os
import signal
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xiaoneng.settings")
    if hasattr(signal, "SIGPIPE"):
        # `xiaoneng units list | head` should stop quietly, like any Unix tool.
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["xiaoneng", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
