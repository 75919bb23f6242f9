"""`xiaoneng outreach_shortfalls [--date YYYY-MM-DD] [--commit]`: list every person short of a
visit quota in each period that has ended by the date; with --commit, record the shortfalls and
propose the `outreach_shortfall` deductions (as the system; repeat runs propose nothing new).
Run it monthly from cron."""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from xiaoneng.outreach import actions, quotas
from xiaoneng.outreach.models import Tier


class Command(BaseCommand):
    help = "List (and with --commit propose) outreach quota shortfalls of ended periods."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="as of this day (default: today)")
        parser.add_argument("--commit", action="store_true", help="record and propose (default: only list)")

    def handle(self, *args, **options) -> None:
        try:
            today = datetime.date.fromisoformat(options["date"]) if options["date"] else timezone.localdate()
        except ValueError as error:
            raise CommandError("--date must be YYYY-MM-DD") from error
        total = 0
        for tier in Tier.objects.select_related("programme"):
            for period in quotas.periods(tier):
                if not period.over_on(today):
                    continue
                short = quotas.compliance(tier, period, today).shortfalls
                for row in short:
                    self.stdout.write(
                        f"{tier.programme.code}\t{tier.code}\t{period.label}\t{row.unit_name}\t"
                        f"{row.person_name}\t{row.done}/{row.required}"
                    )
                if short and options["commit"]:
                    actions.do_propose_shortfalls(tier, period, actor=None, today=today)
                total += len(short)
        verb = "proposed" if options["commit"] else "would propose"
        self.stdout.write(f"{verb} {total} shortfall(s)")
