"""xiaoneng trace checkpoint -o FILE | xiaoneng trace verify-checkpoint FILE"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from xiaoneng.trace.checkpoint import CheckpointError, verify_checkpoint, write_checkpoint


class Command(BaseCommand):
    help = "Export every trace chain's head to a checkpoint file, or prove a checkpoint still holds."

    def add_arguments(self, parser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        export = sub.add_parser("checkpoint", help="write every chain's head (subject, seq, hash)")
        export.add_argument("-o", "--output", required=True, help="file to write ('-' for stdout)")
        check = sub.add_parser("verify-checkpoint", help="check that no chain was cut or rewritten since")
        check.add_argument("file")

    def handle(self, *args, action: str, **options) -> None:
        if action == "checkpoint":
            self.checkpoint(options["output"])
        else:
            self.verify(Path(options["file"]))

    def checkpoint(self, output: str) -> None:
        if output == "-":
            write_checkpoint(sys.stdout.buffer)
            return
        path = Path(output)
        if path.exists():
            raise CommandError(f"{path} exists; checkpoints are never overwritten")
        with path.open("xb") as handle:
            count = write_checkpoint(handle)
        self.stdout.write(f"checkpoint of {count} chains written to {path}")

    def verify(self, path: Path) -> None:
        try:
            with path.open("rb") as handle:
                header, checked, problems = verify_checkpoint(handle)
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc.strerror}") from None
        except CheckpointError as exc:
            raise CommandError(f"{path}: {exc}") from None
        for problem in problems:
            self.stdout.write(problem)
        summary = f"checkpoint of {header.get('created_at')}: {checked} chains"
        if problems:
            raise CommandError(f"{summary}: {len(problems)} problems", returncode=1)
        self.stdout.write(f"{summary}: every chain still holds its checkpointed head")
