"""`xiaoneng import units|persons|targets FILE [--commit]`: a dry run unless --commit."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from xiaoneng.org.imports import KINDS, run_import


class Command(BaseCommand):
    help = (
        "Import units, persons or targets from an .xlsx file. Without --commit nothing is written; "
        "with it every row is imported in one transaction, or none when any row fails (exit 2)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=KINDS)
        parser.add_argument("file", type=Path)
        parser.add_argument("--commit", action="store_true", help="write the rows (default: dry run)")
        parser.add_argument("--language", default=settings.LANGUAGE_CODE,
                            help="language of the row errors: zh-hans (default) or en")

    def handle(self, *args, **options) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"no such file: {path}", returncode=2)
        with translation.override(options["language"]), path.open("rb") as stream:
            result = run_import(None, options["kind"], stream, commit=options["commit"])
            for error in result.errors:
                self.stderr.write(str(error))
        if result.errors:
            raise CommandError(
                f"{len(result.errors)} error(s) in {path}; nothing was imported", returncode=2
            )
        summary = f"{result.rows} rows: {result.created} new, {result.updated} changed, " \
                  f"{result.unchanged} unchanged"
        if result.committed:
            self.stdout.write(f"imported {options['kind']}: {summary}")
        else:
            self.stdout.write(f"dry run, nothing written ({summary}); add --commit to import")
