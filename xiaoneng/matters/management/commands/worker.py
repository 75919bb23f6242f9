"""`xiaoneng worker`: the deadline scanner in a loop. Several workers may run at once safely."""

import logging
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from xiaoneng.matters.scanner import scan

log = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Run the deadline scanner every --interval seconds (or once, with --once)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--interval", type=int, default=300, help="seconds between scans (default 300)")
        parser.add_argument("--once", action="store_true", help="scan once and exit")

    def handle(self, *args, **options) -> None:
        if options["interval"] < 1:
            options["interval"] = 1
        while True:
            try:
                changes = scan()
            except Exception:
                if options["once"]:
                    raise
                # A database hiccup must not kill the worker: log it and try again next round.
                log.exception("deadline scan failed")
                changes = []
            for change in changes:
                self.stdout.write(str(change))
            self._deliver(options["once"])
            if options["once"]:
                self.stdout.write(f"{len(changes)} change(s)")
                return
            time.sleep(options["interval"])
            # Between rounds, drop a connection the database closed while we slept.
            close_old_connections()

    def _deliver(self, once: bool) -> None:
        """The notification outbox, after the scan that may have added to it."""
        from xiaoneng.notifications.outbox import deliver_pending

        try:
            self.stdout.write(f"notifications: {deliver_pending()}")
        except Exception:
            if once:
                raise
            log.exception("notification delivery failed")
