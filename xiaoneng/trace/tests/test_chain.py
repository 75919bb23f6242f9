import datetime
import decimal

import time_machine
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from xiaoneng.testing import XiaonengTestCase
from xiaoneng.trace.chain import append_event, events_for, verify_subject
from xiaoneng.trace.tests.helpers import subject

NOON = datetime.datetime(2026, 3, 2, 12, 0, tzinfo=datetime.UTC)


class AppendTests(XiaonengTestCase):
    def test_first_event_starts_the_chain(self):
        unit = subject()
        with transaction.atomic():
            event = append_event(unit, "received", self.staff, {"channel": "hotline"})
        self.assertEqual((event.seq, event.prev_hash, event.actor), (1, "", self.staff))
        self.assertEqual(len(event.hash), 64)

    def test_each_event_links_to_the_one_before(self):
        unit = subject()
        first = append_event(unit, "received", None)
        second = append_event(unit, "assigned", self.staff)
        self.assertEqual((second.seq, second.prev_hash), (2, first.hash))
        self.assertEqual(list(events_for(unit)), [first, second])

    def test_chains_of_different_subjects_are_separate(self):
        a, b = subject("a"), subject("b")
        append_event(a, "received")
        self.assertEqual(append_event(b, "received").seq, 1)

    @time_machine.travel(NOON, tick=False)
    def test_time_defaults_to_now(self):
        self.assertEqual(append_event(subject(), "received").at, timezone.now())

    def test_naive_time_is_refused(self):
        with self.assertRaises(ValueError):
            append_event(subject(), "received", at=datetime.datetime(2026, 3, 2, 12))  # noqa: DTZ001

    def test_data_is_stored_canonically(self):
        event = append_event(subject(), "replied", data={
            "amount": decimal.Decimal("1.50"), "due": datetime.date(2026, 3, 9), "at": NOON,
        })
        event.refresh_from_db()
        self.assertEqual(event.data, {
            "amount": "1.50", "due": "2026-03-09", "at": "2026-03-02T12:00:00.000000+00:00",
        })

    def test_attachments_are_stored_with_their_digest(self):
        event = append_event(subject(), "on_site_record",
                             attachments=[ContentFile(b"photo bytes", name="photo.jpg")])
        attachment = event.attachments.get()
        self.assertEqual((attachment.name, attachment.size), ("photo.jpg", 11))
        self.assertTrue(attachment.file.name.startswith("trace/org.unit/"))
        with attachment.file.open("rb") as handle:
            self.assertEqual(handle.read(), b"photo bytes")

    def test_a_fresh_chain_verifies(self):
        unit = subject()
        append_event(unit, "received", data={"x": 1})
        append_event(unit, "assigned", self.staff, attachments=[ContentFile(b"x", name="a.txt")])
        self.assertEqual(verify_subject(unit), [])
