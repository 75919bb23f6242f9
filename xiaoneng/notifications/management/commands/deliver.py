"""`xiaoneng deliver`: send the notification outbox (e-mail, SMS, WeChat work webhooks)."""

import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from xiaoneng.notifications.outbox import deliver_pending


class Command(BaseCommand):
    help = "Send pending notification deliveries every --interval seconds (or once, with --once)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--interval", type=int, default=30, help="seconds between rounds (default 30)")
        parser.add_argument("--once", action="store_true", help="deliver once and exit")

    def handle(self, *args, **options) -> None:
        while True:
            result = deliver_pending()
            self.stdout.write(str(result))
            if options["once"]:
                return
            time.sleep(max(1, options["interval"]))
            close_old_connections()
