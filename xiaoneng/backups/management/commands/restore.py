"""xiaoneng restore FILE [--commit]: check a backup, and with --commit restore it into an empty database."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from xiaoneng.backups.archive import BackupError, restore


class Command(BaseCommand):
    help = ("Check a backup archive; with --commit restore it into the empty configured database and "
            "prove every row, trace chain and the audit log intact.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("archive")
        parser.add_argument("--commit", action="store_true", help="restore (without it: only check)")
        parser.add_argument("--allow-other-key", action="store_true",
                            help="restore although the identity key differs (reporter identities unreadable)")

    def handle(self, *args, archive: str, commit: bool, allow_other_key: bool, **options) -> None:
        try:
            report = restore(Path(archive), commit=commit, allow_other_key=allow_other_key,
                             progress=lambda step: self.stderr.write(f"restoring {step}"))
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        tables = report.manifest["database"]["tables"]
        rows = sum(table["rows"] for table in tables.values())
        summary = (f"{archive}: backup of {report.manifest['created_at']}, {len(tables)} tables, "
                   f"{rows} rows, {len(report.manifest['media'])} files")
        if not commit:
            self.stdout.write(f"{summary}: checked; the target is empty. Run again with --commit to restore.")
            return
        problems = list(report.problems) + self.verify()
        for problem in problems:
            self.stdout.write(problem)
        if problems:
            raise CommandError(f"{summary}: restored with {len(problems)} problems", returncode=1)
        self.stdout.write(f"{summary}: restored; every row, trace chain and the audit log verified")

    def verify(self) -> list[str]:
        from xiaoneng.audit.log import verify_log
        from xiaoneng.trace.chain import verify_all

        problems = [f"trace {key}: {p}" for key, found in verify_all().items() for p in found]
        return problems + [f"audit: {p}" for p in verify_log()]
