import datetime
import decimal
import hashlib
import uuid
import zoneinfo
from unittest import mock

from django.test import SimpleTestCase

from xiaoneng.trace import hashing

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


class CanonicalJsonTests(SimpleTestCase):
    def test_keys_are_sorted_and_separators_fixed(self):
        self.assertEqual(hashing.canonical_json({"b": 1, "a": [1, 2]}), b'{"a":[1,2],"b":1}')

    def test_chinese_text_is_utf8_not_escaped(self):
        self.assertEqual(hashing.canonical_json({"t": "交办"}), '{"t":"交办"}'.encode())

    def test_decimal_keeps_its_exact_text(self):
        self.assertEqual(hashing.canonical_value(decimal.Decimal("1920000000.50")), "1920000000.50")
        self.assertEqual(hashing.canonical_value(decimal.Decimal("1E+3")), "1000")

    def test_datetimes_are_utc_with_microseconds_whatever_their_zone(self):
        local = datetime.datetime(2026, 3, 2, 20, 0, tzinfo=SHANGHAI)
        utc = datetime.datetime(2026, 3, 2, 12, 0, tzinfo=datetime.UTC)
        self.assertEqual(hashing.canonical_value(local), "2026-03-02T12:00:00.000000+00:00")
        self.assertEqual(hashing.canonical_value(local), hashing.canonical_value(utc))

    def test_naive_datetimes_are_refused(self):
        with self.assertRaises(ValueError):
            hashing.canonical_value(datetime.datetime(2026, 3, 2, 12))  # noqa: DTZ001

    def test_dates_and_uuids_become_text(self):
        value = {"d": datetime.date(2026, 3, 9), "u": uuid.UUID(int=1)}
        self.assertEqual(hashing.canonical_value(value),
                         {"d": "2026-03-09", "u": "00000000-0000-0000-0000-000000000001"})

    def test_integral_floats_hash_like_ints(self):
        self.assertEqual(hashing.canonical_json([2.0, 0.5]), hashing.canonical_json([2, 0.5]))

    def test_unserialisable_values_are_refused(self):
        for bad in ({1: "x"}, {"s": {1, 2}}, {"f": float("nan")}, {"o": object()}):
            with self.subTest(bad=bad), self.assertRaises((TypeError, ValueError)):
                hashing.canonical_json(bad)


class AlgorithmTests(SimpleTestCase):
    def test_sm3_known_answer(self):
        # GB/T 32905-2016, example 1.
        self.assertEqual(
            hashing.digest(b"abc", "sm3"),
            "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0",
        )

    def test_sm3_is_preferred_when_available(self):
        self.assertEqual(hashing.preferred_algorithm(), "sm3")

    def test_sha256_is_the_fallback_without_sm3(self):
        real_new = hashlib.new

        def no_sm3(name, *args, **kwargs):
            if name == "sm3":
                raise ValueError("unsupported hash type sm3")
            return real_new(name, *args, **kwargs)

        with mock.patch.object(hashlib, "new", side_effect=no_sm3):
            self.assertFalse(hashing.sm3_available())
            self.assertEqual(hashing.preferred_algorithm(), "sha256")
            self.assertEqual(hashing.digest(b"abc", "sha256"), hashlib.sha256(b"abc").hexdigest())

    def test_unknown_algorithms_are_refused(self):
        with self.assertRaises(ValueError):
            hashing.new_hasher("md5")
