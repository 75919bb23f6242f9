"""`xiaoneng units list [--key] [--all]`: unit codes and names in tree order."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandParser

from xiaoneng.org.models import Unit
from xiaoneng.org.tree import tree_order


class Command(BaseCommand):
    help = "List units: code and full name, tab-separated, one per line, in tree order."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        listing = sub.add_parser("list", help="code<TAB>name per unit, in tree order")
        listing.add_argument("--key", action="store_true", help="key units (重点单位) only")
        listing.add_argument("--all", action="store_true", help="include units that have ended")

    def handle(self, *args, **options) -> None:
        units = Unit.objects.all() if options["all"] else Unit.objects.current()
        if options["key"]:
            units = units.filter(is_key=True)
        for unit in tree_order(units):
            self.stdout.write(f"{unit.code}\t{unit.name}")

