"""Each event records its algorithm, and verification honours it."""

import datetime
import decimal
import hashlib
from unittest import mock

from xiaoneng.testing import XiaonengTestCase
from xiaoneng.trace.chain import append_event, verify_subject
from xiaoneng.trace.hashing import canonical_json
from xiaoneng.trace.tests.helpers import subject


def without_sm3():
    real_new = hashlib.new

    def fake(name, *args, **kwargs):
        if name == "sm3":
            raise ValueError("unsupported hash type sm3")
        return real_new(name, *args, **kwargs)

    return mock.patch.object(hashlib, "new", side_effect=fake)


class AlgorithmPerEventTests(XiaonengTestCase):
    def test_events_are_hashed_with_sm3(self):
        self.assertEqual(append_event(subject(), "received").algorithm, "sm3")

    def test_fallback_events_are_sha256_and_verify(self):
        unit = subject()
        append_event(unit, "received")
        with without_sm3():
            event = append_event(unit, "assigned")
        self.assertEqual(event.algorithm, "sha256")
        self.assertEqual(verify_subject(unit), [])

    def test_sm3_events_are_reported_unverifiable_without_sm3(self):
        unit = subject()
        append_event(unit, "received")
        with without_sm3():
            self.assertEqual(verify_subject(unit), ["seq 1: cannot be checked here, this OpenSSL has no SM3"])

    def test_hash_is_over_the_documented_payload(self):
        unit = subject()
        at = datetime.datetime(2026, 3, 2, 12, 0, tzinfo=datetime.UTC)
        event = append_event(unit, "received", self.staff, {"amount": decimal.Decimal("2.50")}, at=at)
        payload = {
            "actor": self.staff.pk, "algorithm": "sm3", "at": "2026-03-02T12:00:00.000000+00:00",
            "attachments": [], "data": {"amount": "2.50"}, "kind": "received", "prev_hash": "",
            "seq": 1, "subject": f"org.unit:{unit.pk}",
        }
        self.assertEqual(event.hash, hashlib.new("sm3", canonical_json(payload)).hexdigest())
        event.refresh_from_db()
        self.assertEqual(event.compute_hash(), event.hash)
