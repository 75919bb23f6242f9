"""Load the `jinhu_2013` fixture into an empty database and print its figures."""

from django.core.management.base import BaseCommand, CommandError

from xiaoneng.demo import builder, jinhu_2013


class Command(BaseCommand):
    help = "Load the records behind the 2013 seed newsletters and compare every figure with them."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--figures-only", action="store_true",
                            help="Do not load; print the figures of the data already loaded.")

    def handle(self, *args, figures_only: bool = False, **options) -> None:
        if not figures_only:
            if builder.is_loaded() or builder.holds_other_data():
                raise CommandError("the database is not empty; use a new data directory")
            jinhu_2013.load()
        failures = 0
        for figure in jinhu_2013.all_figures():
            actual = figure.actual()
            ok = actual == figure.expected
            failures += not ok
            mark = "ok " if ok else "BAD"
            self.stdout.write(f"{mark} [{figure.issue}] {figure.quote}: {figure.expected!r} / {actual!r}")
        if failures:
            raise CommandError(f"{failures} figure(s) differ from the newsletters")
