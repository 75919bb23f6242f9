"""xiaoneng verify-trace: recompute every trace chain; exit 1 naming each chain that is not intact."""

from django.core.management.base import BaseCommand, CommandError

from xiaoneng.trace.chain import verify_chains


class Command(BaseCommand):
    help = "Check every trace chain for altered, reordered or cut events and changed attachments."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--chunk-size", type=int, default=1000, help="events read per query")

    def handle(self, *args, chunk_size: int, **options) -> None:
        chains = events = broken = 0
        for report in verify_chains(chunk_size):
            chains += 1
            events += report.events
            if report.problems:
                broken += 1
                for problem in report.problems:
                    self.stdout.write(f"{report.key}: {problem}")
        if broken:
            raise CommandError(
                f"{chains} chains, {events} events: {broken} NOT intact", returncode=1
            )
        self.stdout.write(f"{chains} chains, {events} events: intact")
