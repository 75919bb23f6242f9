"""`xiaoneng search reindex`: (re)build the full-text index of matters in batches.

Rebuilding writes only derived rows (the index), never matters, so it needs no --commit;
it is safe to run while people work and to run again (idempotent).
"""

from django.core.management.base import BaseCommand, CommandError

from xiaoneng.matters.models import Matter
from xiaoneng.search.index import reindex
from xiaoneng.search.models import MatterTerm


class Command(BaseCommand):
    help = "Full-text search of matters. `reindex` rebuilds the index, one batch per transaction."

    def add_arguments(self, parser) -> None:
        parser.add_argument("action", choices=["reindex"])
        parser.add_argument("--batch", type=int, default=1000, help="matters per transaction (default 1000)")

    def handle(self, *args, **options) -> None:
        if options["batch"] < 1:
            raise CommandError("--batch must be at least 1")
        total = Matter.objects.count()
        done = 0
        for done in reindex(batch=options["batch"]):
            if options["verbosity"] > 1:
                self.stdout.write(f"{done}/{total}")
        self.stdout.write(f"indexed {done} matter(s), {MatterTerm.objects.count()} term row(s)")
