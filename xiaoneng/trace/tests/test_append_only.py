from django.db import IntegrityError, transaction

from xiaoneng.testing import XiaonengTestCase
from xiaoneng.trace.chain import append_event, events_for, verify_subject
from xiaoneng.trace.models import AppendOnlyError, Event, EventAttachment
from xiaoneng.trace.tests.helpers import subject


class AppendOnlyTests(XiaonengTestCase):
    def setUp(self):
        self.unit = subject()
        self.event = append_event(self.unit, "received", None, {"a": 1})

    def test_save_of_a_stored_event_is_refused(self):
        self.event.kind = "closed"
        with self.assertRaises(AppendOnlyError):
            self.event.save()
        self.assertEqual(Event.objects.get().kind, "received")

    def test_delete_is_refused(self):
        with self.assertRaises(AppendOnlyError):
            self.event.delete()
        self.assertEqual(Event.objects.count(), 1)

    def test_queryset_update_is_refused(self):
        with self.assertRaises(AppendOnlyError):
            events_for(self.unit).update(kind="closed")

    def test_queryset_delete_is_refused(self):
        with self.assertRaises(AppendOnlyError):
            Event.objects.all().delete()

    def test_bulk_paths_are_refused(self):
        with self.assertRaises(AppendOnlyError):
            Event.objects.bulk_create([Event()])
        with self.assertRaises(AppendOnlyError):
            Event.objects.bulk_update([self.event], ["kind"])

    def test_attachments_are_append_only_too(self):
        with self.assertRaises(AppendOnlyError):
            EventAttachment.objects.all().delete()

    def test_duplicate_seq_is_refused_by_the_database(self):
        fork = Event(content_type=self.event.content_type, object_id=self.event.object_id, seq=1,
                     kind="forged", at=self.event.at, prev_hash="", hash="0" * 64, algorithm="sha256")
        with self.assertRaises(IntegrityError), transaction.atomic():
            fork.save()

    def test_a_lost_race_for_a_seq_retries_with_the_next(self):
        from unittest import mock

        from xiaoneng.trace import chain

        stale = {"seq": self.event.seq, "hash": self.event.hash}
        append_event(self.unit, "competitor")  # committed between our read and our insert
        real_head = chain._head
        with mock.patch.object(chain, "_head", side_effect=[stale, real_head(self.event.content_type,
                                                                             self.unit.pk)]):
            event = append_event(self.unit, "assigned")
        self.assertEqual([e.kind for e in events_for(self.unit)], ["received", "competitor", "assigned"])
        self.assertEqual(event.seq, 3)
        self.assertEqual(verify_subject(self.unit), [])

    def test_nothing_is_registered_in_the_admin(self):
        from django.contrib import admin

        self.assertFalse(admin.site.is_registered(Event))
        self.assertFalse(admin.site.is_registered(EventAttachment))
