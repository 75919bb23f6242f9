"""xiaoneng backup -o FILE: an online backup of the database and uploaded files."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from xiaoneng.backups.archive import BackupError, backup


class Command(BaseCommand):
    help = "Write the database (online: the platform keeps running) and every uploaded file to one archive."

    def add_arguments(self, parser) -> None:
        parser.add_argument("-o", "--output", required=True,
                            help="archive to write (.tar.gz); never overwritten")

    def handle(self, *args, output: str, **options) -> None:
        try:
            manifest = backup(Path(output), progress=lambda step: self.stderr.write(f"backing up {step}"))
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        tables = manifest["database"]["tables"]
        rows = sum(table["rows"] for table in tables.values())
        self.stdout.write(f"{output}: {manifest['engine']}, {len(tables)} tables, {rows} rows, "
                          f"{len(manifest['media'])} files")
