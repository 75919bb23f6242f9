"""`xiaoneng demo`: load the demo county (金湖县) into the data dir and serve it."""

from __future__ import annotations

import unicodedata

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from xiaoneng.demo import builder
from xiaoneng.demo.accounts import account_rows
from xiaoneng.org.models import Person, Target, Unit
from xiaoneng.web.management.commands.serve import DEFAULT_WORKERS, add_server_arguments, positive, serve


def display_width(text: str) -> int:
    """Columns a terminal gives `text`: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def table(rows: list[list[str]]) -> list[str]:
    widths = [max(display_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(cell + " " * (widths[i] - display_width(cell)) for i, cell in enumerate(row)).rstrip()
        for row in rows
    ]


def login_url(host: str, port: int) -> str:
    if host in ("0.0.0.0", "::"):
        host = "127.0.0.1"
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


class Command(BaseCommand):
    help = (
        "Load the demo county (Jinhu, Jiangsu) into XIAONENG_DATA_DIR and serve it. "
        "Running it again serves the demo already loaded; --reset rebuilds it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-serve", action="store_true", help="load the demo, do not start the server")
        parser.add_argument("--password", default=None,
                            help=f"password of every demo account (default {builder.DEFAULT_PASSWORD!r})")
        parser.add_argument("--reset", action="store_true",
                            help="wipe this demo database and load the demo afresh")
        parser.add_argument("--seed", type=int, default=builder.DEFAULT_SEED,
                            help=f"seed of the generated names and figures (default {builder.DEFAULT_SEED})")
        add_server_arguments(parser)
        parser.add_argument("--workers", default=DEFAULT_WORKERS, type=positive,
                            help=f"worker processes (default {DEFAULT_WORKERS})")
        parser.add_argument("--second-factor", action="store_true",
                            help="ask the center's accounts for a TOTP code as production does "
                                 "(off in the demo, so that anyone can try it with the password alone)")

    def handle(self, *args, password: str | None, no_serve: bool, reset: bool, seed: int, host: str,
               port: int, workers: int, second_factor: bool = False, **options) -> None:
        chosen = builder.DEFAULT_PASSWORD if password is None else password
        try:
            builder.check_password(chosen)
        except builder.DemoError as exc:
            raise CommandError(str(exc), returncode=2) from None
        call_command("migrate", interactive=False, verbosity=0)
        if builder.is_loaded() and reset:
            self.stdout.write(_("Wiping the demo database and loading the demo afresh…"))
            builder.wipe_database()
            self.load(seed, chosen)
        elif builder.is_loaded():
            self.stdout.write(_("The demo is already loaded in this database; nothing was added. "
                                "Use --reset to rebuild it."))
            if password is not None and not builder.password_matches(chosen):
                builder.set_password(chosen)
                self.stdout.write(_("The demo accounts now have the password given."))
        elif builder.holds_other_data():
            raise CommandError(
                "This database already holds data that is not the demo. Load the demo into a data "
                "directory of its own, e.g. XIAONENG_DATA_DIR=./var-demo xiaoneng demo"
            )
        else:
            self.load(seed, chosen)
        self.print_login(login_url(host, port), chosen)
        if no_serve:
            self.stdout.write(_("Serve it with: xiaoneng serve"))
        else:
            if not second_factor:
                # The demo's passwords are public anyway; production requires the second factor.
                settings.XIAONENG_SECOND_FACTOR_ROLES = []
                self.stdout.write(_("The second factor is off in the demo (--second-factor turns it on)."))
            self.stdout.write(_("Starting the server; press Ctrl+C to stop."))
            self.stdout.flush()
            serve(host, port, workers)

    def load(self, seed: int, password: str) -> None:
        self.stdout.write(_("Loading the demo county (seed %(seed)s)…") % {"seed": seed})
        builder.build_demo(seed, password)
        self.stdout.write(self.style.SUCCESS(
            _("The demo county is loaded: %(key_units)s key units, %(units)s units, sections, stations "
              "and windows, %(persons)s persons, %(targets)s service targets.") % {
                "key_units": Unit.objects.current().filter(is_key=True).count(),
                "units": Unit.objects.count(), "persons": Person.objects.count(),
                "targets": Target.objects.count(),
            }
        ))

    def print_login(self, url: str, password: str) -> None:
        shown = password if builder.password_matches(password) else _("(as set when the demo was loaded)")
        rows = [[
            pgettext("demo accounts", "Username"), pgettext("demo accounts", "Name"),
            pgettext("demo accounts", "Role"), pgettext("demo accounts", "Unit"),
            pgettext("demo accounts", "Password"),
        ]]
        rows += [[row.username, row.name, row.role, row.unit, shown] for row in account_rows()]
        self.stdout.write("")
        self.stdout.write(_("Log in at %(url)s with one of the demo accounts:") % {"url": url})
        self.stdout.write("")
        for line in table(rows):
            self.stdout.write("  " + line)
        self.stdout.write("")
