"""Every kind of tampering a database administrator could do is detected."""

from django.core.files.base import ContentFile

from xiaoneng.testing import XiaonengTestCase
from xiaoneng.trace.chain import append_event, verify_all, verify_subject
from xiaoneng.trace.tests.helpers import raw_delete_event, raw_update_event, subject


class TamperTests(XiaonengTestCase):
    def setUp(self):
        self.unit = subject()
        self.events = [
            append_event(self.unit, "received", None, {"text": "窗口推诿"}),
            append_event(self.unit, "assigned", self.staff, {"unit": "交通局"},
                         attachments=[ContentFile(b"order", name="order.pdf")]),
            append_event(self.unit, "replied", self.liaison_a, {"result": "done"}),
        ]

    def test_intact_chain_has_no_problems(self):
        self.assertEqual(verify_subject(self.unit), [])
        self.assertEqual(verify_all(), {})

    def test_altered_data(self):
        raw_update_event(self.events[0], data='{"text": "已办结"}')
        self.assertIn("altered: seq 1 (received) does not match its hash", verify_subject(self.unit))

    def test_altered_kind(self):
        raw_update_event(self.events[1], kind="closed")
        self.assertIn("altered: seq 2 (closed) does not match its hash", verify_subject(self.unit))

    def test_altered_actor(self):
        raw_update_event(self.events[2], actor_id=self.admin.pk)
        self.assertTrue(verify_subject(self.unit))

    def test_rehashed_event_still_breaks_the_next_link(self):
        event = self.events[0]
        event.data = {"text": "改写"}
        raw_update_event(event, data='{"text": "改写"}', hash=event.compute_hash())
        self.assertEqual(verify_subject(self.unit),
                         ["broken link: seq 2 does not point at the hash of the event before it"])

    def test_reordered_seq(self):
        first, second = self.events[0], self.events[1]
        raw_update_event(first, seq=99)
        raw_update_event(second, seq=1)
        raw_update_event(first, seq=2)
        problems = verify_subject(self.unit)
        self.assertIn("broken link: seq 1 does not point at the hash of the event before it", problems)
        self.assertIn("altered: seq 2 (received) does not match its hash", problems)

    def test_deleted_middle_event(self):
        raw_delete_event(self.events[1])
        problems = verify_subject(self.unit)
        self.assertIn("cut: seq 2 missing before seq 3", problems)
        self.assertIn("broken link: seq 3 does not point at the hash of the event before it", problems)

    def test_deleted_first_event(self):
        raw_delete_event(self.events[0])
        self.assertIn("cut: seq 1 missing before seq 2", verify_subject(self.unit))

    def test_deleted_last_event_goes_unnoticed_without_a_checkpoint(self):
        raw_delete_event(self.events[2])
        self.assertEqual(verify_subject(self.unit), [])

    def test_altered_attachment_bytes(self):
        attachment = self.events[1].attachments.get()
        with open(attachment.file.path, "wb") as handle:
            handle.write(b"forged")
        self.assertEqual(verify_subject(self.unit),
                         ["seq 2: attachment 0 (order.pdf) was changed (digest mismatch)"])

    def test_removed_attachment_file(self):
        attachment = self.events[1].attachments.get()
        attachment.file.storage.delete(attachment.file.name)
        self.assertEqual(verify_subject(self.unit), ["seq 2: attachment 0 (order.pdf) is missing"])

    def test_altered_attachment_record(self):
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("UPDATE trace_eventattachment SET name = %s", ["other.pdf"])
        self.assertIn("altered: seq 2 (assigned) does not match its hash", verify_subject(self.unit))

    def test_verify_all_names_only_broken_chains(self):
        other = subject("other")
        append_event(other, "received")
        raw_update_event(self.events[0], kind="x")
        self.assertEqual(list(verify_all(chunk_size=2)), [f"org.unit:{self.unit.pk}"])
