"""`xiaoneng bulletin build --year Y --number N --format docx|pdf|html -o FILE`."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from xiaoneng.bulletin.export import FORMATS, render
from xiaoneng.bulletin.models import Issue
from xiaoneng.documents.fonts import FontMissing


class Command(BaseCommand):
    help = "The bulletin (简报): build an issue as .docx, PDF or HTML."

    def add_arguments(self, parser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        build = sub.add_parser("build", help="Write one issue to a file.")
        build.add_argument("--year", type=int, required=True)
        build.add_argument("--number", type=int, required=True)
        build.add_argument("--format", choices=FORMATS, default="docx")
        build.add_argument("-o", "--output", required=True, help="The file to write ('-' for stdout).")
        sub.add_parser("list", help="List the issues.")

    def handle(self, *args, action: str, **options) -> None:
        if action == "list":
            for issue in Issue.objects.all():
                self.stdout.write(f"{issue.year}\t{issue.number}\t{issue.date}\t{issue.state}\t"
                                  f"{issue.items.count()}")
            return
        issue = Issue.objects.filter(year=options["year"], number=options["number"]).first()
        if issue is None:
            raise CommandError(f"No issue {options['number']} of {options['year']}.")
        try:
            data = render(issue, options["format"])
        except FontMissing as error:
            raise CommandError(str(error)) from None
        if options["output"] == "-":
            sys.stdout.buffer.write(data)
            return
        Path(options["output"]).write_bytes(data)
        self.stdout.write(f"{options['output']}: {len(data)} bytes")
