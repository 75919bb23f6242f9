"""`xiaoneng export units|persons|targets FILE`: an .xlsx that `xiaoneng import` reads back unchanged."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from xiaoneng.org.imports import KINDS, run_export


class Command(BaseCommand):
    help = "Export units, persons or targets to an .xlsx file with Chinese column headers."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=KINDS)
        parser.add_argument("file", type=Path)

    def handle(self, *args, **options) -> None:
        path: Path = options["file"]
        if not path.parent.is_dir():
            raise CommandError(f"no such folder: {path.parent}", returncode=2)
        with path.open("wb") as stream:
            count = run_export(options["kind"], stream)
        self.stdout.write(f"exported {count} {options['kind']} to {path}")
