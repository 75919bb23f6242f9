"""`xiaoneng workorders import FILE [--format xlsx|json] [--commit] [--mapping MAPPING.toml]`.

Imports work orders transferred from the 12345 hotline (docs/12345-import.md). A dry run unless
--commit; with it every row is imported in one transaction, or none when any row fails.
Exit status: 0 when every row is correct, 2 when any row (or the file, or the mapping) is not.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from xiaoneng.complaints.importer import FORMATS, detect_format, import_workorders
from xiaoneng.complaints.workorder_mapping import MappingError, load_mapping


class Command(BaseCommand):
    help = "Work orders transferred from the 12345 hotline: `import FILE` (a dry run unless --commit)."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        run = actions.add_parser("import", help="import work orders from an .xlsx or JSON export")
        run.add_argument("file", type=Path)
        run.add_argument("--format", choices=FORMATS, help="default: from the file name's extension")
        run.add_argument("--commit", action="store_true", help="write the work orders (default: dry run)")
        run.add_argument("--mapping", type=Path, help="a TOML file overriding the default field mapping")
        run.add_argument("--language", default=settings.LANGUAGE_CODE,
                         help="language of the row errors: zh-hans (default) or en")

    def handle(self, *args, **options) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"no such file: {path}", returncode=2)
        fmt = options["format"] or detect_format(path.name)
        if fmt is None:
            raise CommandError("cannot tell the format from the file name; give --format xlsx or json",
                               returncode=2)
        try:
            mapping = load_mapping(options["mapping"])
        except MappingError as problem:
            raise CommandError(f"mapping: {problem}", returncode=2) from None
        with translation.override(options["language"]), path.open("rb") as stream:
            result = import_workorders(None, stream, fmt, commit=options["commit"], mapping=mapping,
                                       filename=path.name)
            for outcome in result.outcomes:
                self.stdout.write(f"row {outcome.row}\t{outcome.external_ref}\t{outcome.status}"
                                  f"\t{outcome.tracking_code}\t{outcome.unit}")
            for error in result.errors:
                self.stderr.write(str(error))
        if result.errors:
            raise CommandError(f"{len(result.errors)} error(s) in {path}; nothing was imported", returncode=2)
        summary = (f"{result.rows} work orders: {result.created} new ({result.assigned} assigned), "
                   f"{result.unchanged} unchanged, {result.exists} already imported with other content")
        if result.committed:
            self.stdout.write(f"imported: {summary}")
        else:
            self.stdout.write(f"dry run, nothing written ({summary}); add --commit to import")
