import io
import json
import tempfile
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import CommandError

from xiaoneng.testing import XiaonengTestCase
from xiaoneng.trace.chain import append_event
from xiaoneng.trace.tests.helpers import raw_delete_event, raw_update_event, subject


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


class VerifyTraceCommandTests(XiaonengTestCase):
    def setUp(self):
        self.unit = subject()
        self.events = [append_event(self.unit, kind) for kind in ("received", "assigned", "replied")]
        append_event(subject("other"), "received")

    def test_intact_exits_zero_with_counts(self):
        self.assertEqual(run("verify-trace"), "2 chains, 4 events: intact\n")

    def test_altered_chain_exits_one_naming_the_subject(self):
        raw_update_event(self.events[1], kind="closed")
        out = io.StringIO()
        with self.assertRaises(CommandError) as caught:
            call_command("verify-trace", stdout=out)
        self.assertEqual(caught.exception.returncode, 1)
        self.assertIn(f"org.unit:{self.unit.pk}: altered: seq 2 (closed)", out.getvalue())
        self.assertEqual(str(caught.exception), "2 chains, 4 events: 1 NOT intact")

    def test_cut_chain_is_named(self):
        raw_delete_event(self.events[1])
        out = io.StringIO()
        with self.assertRaises(CommandError):
            call_command("verify-trace", "--chunk-size", "1", stdout=out)
        self.assertIn(f"org.unit:{self.unit.pk}: cut: seq 2 missing before seq 3", out.getvalue())


class EmptyTraceTests(XiaonengTestCase):
    def test_no_chains_is_intact(self):
        self.assertEqual(run("verify-trace"), "0 chains, 0 events: intact\n")


class CheckpointCommandTests(XiaonengTestCase):
    def setUp(self):
        self.unit = subject()
        self.events = [append_event(self.unit, kind) for kind in ("received", "assigned", "replied")]
        self.dir = Path(tempfile.mkdtemp())
        self.file = self.dir / "heads.jsonl"
        run("trace", "checkpoint", "-o", str(self.file))

    def verify(self) -> tuple[str, CommandError | None]:
        out = io.StringIO()
        try:
            call_command("trace", "verify-checkpoint", str(self.file), stdout=out)
        except CommandError as exc:
            return out.getvalue(), exc
        return out.getvalue(), None

    def test_file_holds_each_head_and_a_digest(self):
        lines = [json.loads(line) for line in self.file.read_text().splitlines()]
        self.assertEqual(lines[0]["format"], "xiaoneng-trace-checkpoint")
        self.assertEqual(lines[1], {"subject": f"org.unit:{self.unit.pk}", "seq": 3,
                                    "hash": self.events[2].hash})
        self.assertEqual((lines[2]["chains"], len(lines[2]["digest"])), (1, 64))

    def test_untouched_chains_pass(self):
        out, error = self.verify()
        self.assertIsNone(error)
        self.assertIn("1 chains: every chain still holds its checkpointed head", out)

    def test_growth_since_the_checkpoint_is_fine(self):
        append_event(self.unit, "closed")
        append_event(subject("new"), "received")
        self.assertIsNone(self.verify()[1])

    def test_deleted_last_event_is_caught(self):
        raw_delete_event(self.events[2])
        out, error = self.verify()
        self.assertEqual(error.returncode, 1)
        self.assertIn(f"org.unit:{self.unit.pk}: truncated: head is seq 2, checkpoint recorded seq 3", out)

    def test_rewritten_head_is_caught(self):
        raw_update_event(self.events[2], hash="f" * 64)
        out, error = self.verify()
        self.assertIn("rewritten: seq 3 no longer has the hash", out)
        self.assertIsNotNone(error)

    def test_vanished_chain_is_caught(self):
        for event in self.events:
            raw_delete_event(event)
        out, _error = self.verify()
        self.assertIn("the chain is gone", out)

    def test_edited_checkpoint_file_is_caught(self):
        text = self.file.read_text().replace('"seq":3', '"seq":2')
        self.file.write_text(text)
        out, error = self.verify()
        self.assertIn("digest does not match", out)
        self.assertIsNotNone(error)

    def test_cut_off_checkpoint_file_is_caught(self):
        self.file.write_text("".join(self.file.read_text().splitlines(keepends=True)[:2]))
        out, error = self.verify()
        self.assertIn("no digest line", out)
        self.assertIsNotNone(error)

    def test_not_a_checkpoint(self):
        self.file.write_text("hello\n")
        _out, error = self.verify()
        self.assertIn("not a trace checkpoint file", str(error))

    def test_existing_file_is_never_overwritten(self):
        with self.assertRaisesMessage(CommandError, "checkpoints are never overwritten"):
            run("trace", "checkpoint", "-o", str(self.file))
