"""`xiaoneng report --period 2026-Q3 -o FILE`: the leadership report as PDF (or a month: 2026-09)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from xiaoneng.documents.fonts import FontMissing
from xiaoneng.documents.models import issuer_name
from xiaoneng.reports import dashboard, periods
from xiaoneng.reports.pdf import write_report


class Command(BaseCommand):
    help = "Write the leadership report for a month (2026-09), a quarter (2026-Q3) or a year as PDF."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--period", required=True, help="2026-Q3, 2026-09 or 2026")
        parser.add_argument("-o", "--output", required=True, help="The PDF file to write.")

    def handle(self, *args, period: str, output: str, **options) -> None:
        try:
            chosen = periods.parse(period)
        except periods.BadPeriod:
            raise CommandError(f"Not a period: {period!r}; use 2026-Q3, 2026-09 or 2026.") from None
        with translation.override("zh-hans"):
            try:
                data = write_report(dashboard.panels(chosen.start, chosen.end, None), chosen,
                                    title=translation.gettext("Efficiency report"), editor=issuer_name())
            except FontMissing as error:
                raise CommandError(str(error)) from None
        Path(output).write_bytes(data)
        self.stdout.write(f"{output}: {chosen.label}, {len(data)} bytes")
