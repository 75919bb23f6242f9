"""`xiaoneng purge_public_staging [--hours H] [--commit]`: remove attachments staged by public
complaint forms that were never submitted (MEDIA_ROOT/staging). A dry run unless --commit;
run it from cron, e.g. hourly."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandParser

from xiaoneng.complaints.uploads import purge_staging


class Command(BaseCommand):
    help = "Remove public-form attachment staging older than the staging lifetime (dry run unless --commit)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--hours", type=float, default=None,
                            help="age in hours (default: settings.XIAONENG_UPLOAD_STAGING_HOURS, 6)")
        parser.add_argument("--commit", action="store_true", help="delete (default: only list)")

    def handle(self, *args, **options) -> None:
        expired = purge_staging(older_than_hours=options["hours"], commit=options["commit"])
        verb = "removed" if options["commit"] else "would remove"
        for folder in expired:
            self.stdout.write(f"{verb} {folder}")
        self.stdout.write(f"{verb} {len(expired)} staging folder(s)")
