"""`xiaoneng procedures`: export a case's archive, or print the completeness report."""

from __future__ import annotations

import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from xiaoneng.org.models import Unit
from xiaoneng.procedures.export import export_case
from xiaoneng.procedures.models import ProcedureCase
from xiaoneng.procedures.report import completeness_report


def _day(value: str | None, option: str) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{option} {value!r} is not YYYY-MM-DD") from None


class Command(BaseCommand):
    help = "Export a procedure case as a .zip archive, or report cases with incomplete traces."

    def add_arguments(self, parser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        export = sub.add_parser("export", help="write a case's complete archive (.zip)")
        export.add_argument("case_id", help="the case's number (PC…)")
        export.add_argument("-o", "--output", required=True, help="the .zip file to write")
        report = sub.add_parser("report", help="cases with missing, late or out-of-order traces")
        report.add_argument("--unit", help="unit code (its subtree); all units when omitted")
        report.add_argument("--since", help="first day the cases were opened (default: first of the month)")
        report.add_argument("--until", help="last day the cases were opened (default: today)")
        report.add_argument("--as-of", help="judge missing steps as of this day (default: today)")

    def handle(self, *args, **options) -> None:
        if options["action"] == "export":
            self.export(options["case_id"], Path(options["output"]))
        else:
            self.report(options)

    def export(self, case_id: str, output: Path) -> None:
        case = ProcedureCase.objects.filter(public_id=case_id).first()
        if case is None:
            raise CommandError(f"no procedure case {case_id!r}")
        with output.open("wb") as out:
            manifest = export_case(case, out)
        trace = manifest["trace"]
        state = "verified" if trace["verified"] else f"NOT verified: {'; '.join(trace['problems'])}"
        files = len(manifest["files"])
        self.stdout.write(f"{output}: {files} file(s), {trace['events']} event(s), trace {state}")

    def report(self, options) -> None:
        unit = None
        if options["unit"]:
            unit = Unit.objects.filter(code=options["unit"]).first()
            if unit is None:
                raise CommandError(f"no unit {options['unit']!r}")
        today = timezone.localdate()
        since = _day(options["since"], "--since") or today.replace(day=1)
        until = _day(options["until"], "--until") or today
        result = completeness_report(unit, since, until, as_of=_day(options["as_of"], "--as-of"))
        self.stdout.write(f"{unit.name if unit else 'all units'} {since} – {until}")
        for row in result.flagged:
            parts = [f"missing: {'、'.join(row.missing)}" if row.missing else "",
                     f"late: {'、'.join(row.late)}" if row.late else "",
                     f"out of order: {'、'.join(row.out_of_order)}" if row.out_of_order else ""]
            self.stdout.write(f"{row.case.public_id} {row.case.unit.code} {row.case.title}  "
                              + "; ".join(p for p in parts if p))
        self.stdout.write(" ".join(f"{k}={v}" for k, v in result.figures().items()))
