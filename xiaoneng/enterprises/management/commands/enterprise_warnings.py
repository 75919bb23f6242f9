"""`xiaoneng enterprise_warnings [--date YYYY-MM-DD]`: print the warnings the active rules raise
(problems open too long, repeated problems, watched indicators past their line). Read only."""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from xiaoneng.enterprises.figures import warnings


class Command(BaseCommand):
    help = "Print the enterprise-support warnings of a day."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="as of this day (default: today)")

    def handle(self, *args, **options) -> None:
        try:
            today = datetime.date.fromisoformat(options["date"]) if options["date"] else timezone.localdate()
        except ValueError as error:
            raise CommandError("--date must be YYYY-MM-DD") from error
        found = warnings(today)
        for warning in found:
            self.stdout.write(f"{warning.rule}\t{warning.target}\t{warning.text}")
        self.stdout.write(f"{len(found)} warning(s)")
