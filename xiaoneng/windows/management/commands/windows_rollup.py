"""`xiaoneng windows_rollup`: recompute the daily case figures (CaseDay) and the hourly queue
figures (QueueHour) from the cases and tickets.

The actions keep the rollup current; this is for a restore from backup, a bulk load or a check
(`--check` compares without writing and exits 1 on a difference)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from xiaoneng.audit.log import record
from xiaoneng.windows import rollup
from xiaoneng.windows.models import CaseDay, QueueHour


def _snapshot() -> list[tuple]:
    cases = sorted(CaseDay.objects.values_list("day", "unit_id", "staff_key", *rollup.FIELDS))
    queue = sorted(
        QueueHour.objects.values_list("day", "unit_id", "hour", "tickets", "called", "abandoned", "wait_sum")
    )
    return cases + queue


class Command(BaseCommand):
    help = "Recompute the windows' daily case figures from the cases (--check: compare only)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--check", action="store_true", help="compare, write nothing, exit 1 if different"
        )

    def handle(self, *args, **options) -> None:
        before = _snapshot()
        with transaction.atomic():
            count = rollup.rebuild()
            after = _snapshot()
            if options["check"]:
                transaction.set_rollback(True)
            else:
                record("windows.rollup_rebuild", detail={"rows": count})
        if before != after:
            if options["check"]:
                raise CommandError(
                    f"the rollup differs from the cases ({len(before)} rows kept, {count} computed)"
                )
            self.stdout.write(f"rebuilt: {count} rows (the rollup had differed)")
        else:
            self.stdout.write(f"rollup matches the cases: {count} rows")
