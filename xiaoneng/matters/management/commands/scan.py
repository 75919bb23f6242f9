"""`xiaoneng scan`: one pass of the deadline scanner over every model with a deadline."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from xiaoneng.matters.scanner import scan


class Command(BaseCommand):
    help = ("Set warning colours, mark overdue work and escalate it by the configured rules. "
            "Idempotent: a second run on the same day changes nothing.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("--date", help="scan as of this day (YYYY-MM-DD) instead of today")

    def handle(self, *args, **options) -> None:
        today = None
        if options["date"]:
            try:
                today = datetime.date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError(f"--date {options['date']!r} is not YYYY-MM-DD") from None
        changes = scan(today)
        for change in changes:
            self.stdout.write(str(change))
        self.stdout.write(f"{len(changes)} change(s)")
