"""What is hashed is what the database gives back, on SQLite and on PostgreSQL alike."""

import datetime
import decimal
import zoneinfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from xiaoneng.trace.chain import append_event, verify_subject
from xiaoneng.trace.models import Event
from xiaoneng.trace.tests.helpers import subject

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")

json_leaves = (
    st.none() | st.booleans() | st.integers(-(2**53), 2**53)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20).filter(lambda s: "\x00" not in s)
    | st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=-10**12, max_value=10**12)
    | st.dates()
    | st.datetimes(timezones=st.just(SHANGHAI))
)
json_data = st.dictionaries(
    st.text(max_size=10).filter(lambda s: "\x00" not in s),
    st.recursive(json_leaves, lambda inner: st.lists(inner, max_size=3)
                 | st.dictionaries(st.text(max_size=5).filter(lambda s: "\x00" not in s), inner, max_size=3),
                 max_leaves=8),
    max_size=5,
)


class RoundTripTests(HypothesisTestCase):
    def test_awkward_values_verify_after_reading_back(self):
        unit = subject()
        at = datetime.datetime(2026, 3, 2, 20, 0, 0, 123456, tzinfo=SHANGHAI)
        append_event(unit, "received", data={
            "yuan": decimal.Decimal("1920000000.00"), "rate": 0.1, "whole": 2.0, "tiny": 1e-7,
            "big": 2**53, "text": "投诉举报 \"引号\" \\ \n", "when": at,
            "nested": [{"b": 1, "a": [None, True]}],
        }, at=at)
        event = Event.objects.get()
        self.assertEqual(event.compute_hash(), event.hash)
        self.assertEqual(verify_subject(unit), [])

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(data=json_data)
    def test_any_data_verifies_after_reading_back(self, data):
        unit = subject()
        append_event(unit, "received", data=data)
        self.assertEqual(verify_subject(unit), [])
