"""`xiaoneng snail scan [--date YYYY-MM-DD] [--commit]`: propose Snail Award candidates from the
data (matters long overdue, complaints unhandled, rectifications failed) and fail awarded items
whose rectification is overdue beyond the grace period (proposing accountability). A dry run
unless --commit; run it daily from cron, after `xiaoneng scan`."""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand, CommandError, CommandParser

from xiaoneng.matters import clock
from xiaoneng.snail import actions


class Command(BaseCommand):
    help = ("Snail Award: `scan` proposes candidates and fails overdue rectifications "
            "(dry run unless --commit).")

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        scan = sub.add_parser("scan", help="propose candidates and check rectifications")
        scan.add_argument("--date", help="the day to scan as (default: today)")
        scan.add_argument("--commit", action="store_true", help="write (default: only list)")

    def handle(self, *args, **options) -> None:
        try:
            today = datetime.date.fromisoformat(options["date"]) if options["date"] else clock.today()
        except ValueError:
            raise CommandError(f"not a date: {options['date']!r} (use YYYY-MM-DD)") from None
        if options["commit"]:
            proposed = [(i.matter, i.origin) for i in actions.do_propose_candidates(today=today)]
            failed = actions.do_check_rectifications(today=today)
            verb = ("proposed", "failed")
        else:
            proposed = [(m, origin) for m, origin, _p in actions.candidate_matters(today)]
            failed = actions.overdue_rectifications(today)
            verb = ("would propose", "would fail")
        for matter, origin in proposed:
            self.stdout.write(f"{verb[0]} {matter.public_id} ({origin}): {matter.title}")
        for item in failed:
            self.stdout.write(f"{verb[1]} {item.public_id}: {item.title}")
        self.stdout.write(f"{verb[0]} {len(proposed)} candidate(s); {verb[1]} {len(failed)} rectification(s)")
