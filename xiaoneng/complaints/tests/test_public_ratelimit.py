import datetime

import time_machine
from django.core.cache.backends.db import DatabaseCache
from django.db import connection
from django.test import RequestFactory, override_settings

from xiaoneng.complaints import ratelimit
from xiaoneng.complaints.models import Complaint
from xiaoneng.testing import XiaonengTestCase

STATUS = "/public/status/"
NEW = "/public/complaints/new/"
T0 = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


def request_from(address="203.0.113.5", forwarded=None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    return RequestFactory().post("/", REMOTE_ADDR=address, **extra)


@override_settings(XIAONENG_PUBLIC_LOOKUP_RATE="2/h", XIAONENG_PUBLIC_SUBMIT_RATE="1/h")
class ViewLimitTests(XiaonengTestCase):
    def test_lookup_is_limited_with_a_chinese_429(self):
        for _ in range(2):
            self.assertEqual(self.client.post(STATUS, {}).status_code, 200)
        response = self.client.post(STATUS, {})
        self.assertEqual(response.status_code, 429)
        self.assertContains(response, 'id="rate-limited"', status_code=429)
        self.assertContains(response, "请稍后再试", status_code=429)
        self.assertTrue(response["Retry-After"].isdigit())

    def test_submission_is_limited_and_keeps_the_text(self):
        self.client.post(NEW, {})
        response = self.client.post(NEW, {"description": "我写了很长的经过，不能丢。", "category": "slow"})
        self.assertContains(response, 'id="rate-limited"', status_code=429)
        self.assertContains(response, "我写了很长的经过，不能丢。", status_code=429)
        self.assertFalse(Complaint.objects.exists())

    def test_limits_count_per_address(self):
        self.client.post(NEW, {}, REMOTE_ADDR="198.51.100.1")
        self.assertEqual(self.client.post(NEW, {}, REMOTE_ADDR="198.51.100.2").status_code, 200)

    def test_reading_pages_is_not_limited(self):
        for _ in range(5):
            self.assertEqual(self.client.get(STATUS).status_code, 200)

    def test_rating_counts_as_lookup(self):
        self.client.post("/public/status/rate/", {})
        self.client.post("/public/status/rate/", {})
        self.assertEqual(self.client.post(STATUS, {}).status_code, 429)


@override_settings(XIAONENG_PUBLIC_LOOKUP_RATE="3/h")
class CounterTests(XiaonengTestCase):
    def test_the_counter_lives_in_the_database_cache(self):
        ratelimit.hit(request_from(), "lookup")
        with connection.cursor() as cursor:
            cursor.execute("SELECT cache_key FROM xiaoneng_cache")
            keys = [row[0] for row in cursor.fetchall()]
        self.assertTrue(any("xn:rl:lookup:203.0.113.5:" in key for key in keys), keys)

    def test_two_processes_share_one_count(self):
        process_a = DatabaseCache("xiaoneng_cache", {})
        process_b = DatabaseCache("xiaoneng_cache", {})
        with time_machine.travel(T0, tick=False):
            results = [ratelimit.hit(request_from(), "lookup", cache=c)
                       for c in (process_a, process_b, process_a, process_b)]
        self.assertEqual(results, [False, False, False, True])

    def test_a_new_window_starts_afresh(self):
        with time_machine.travel(T0, tick=False) as traveller:
            for _ in range(4):
                over = ratelimit.hit(request_from(), "lookup")
            self.assertTrue(over)
            traveller.shift(datetime.timedelta(hours=1))
            self.assertFalse(ratelimit.hit(request_from(), "lookup"))

    def test_forwarded_for_ignored_unless_trusted(self):
        self.assertEqual(ratelimit.address_key(request_from("10.0.0.1", "203.0.113.9")), "10.0.0.1")
        with self.settings(XIAONENG_TRUST_X_FORWARDED_FOR=True):
            self.assertEqual(ratelimit.address_key(request_from("10.0.0.1", "1.2.3.4, 203.0.113.9")),
                             "203.0.113.9")

    def test_ipv6_counts_by_its_64(self):
        self.assertEqual(ratelimit.address_key(request_from("2001:db8:1:2:aaaa::1")), "2001:db8:1:2::/64")
        self.assertEqual(ratelimit.address_key(request_from("::ffff:203.0.113.5")), "203.0.113.5")

    def test_garbage_address_shares_one_bucket(self):
        self.assertEqual(ratelimit.address_key(request_from("not-an-ip")), "unknown")


class RateParsingTests(XiaonengTestCase):
    def test_rates(self):
        self.assertEqual(ratelimit.parse_rate("20/h"), (20, 3600))
        self.assertEqual(ratelimit.parse_rate("5/10m"), (5, 600))
        self.assertEqual(ratelimit.parse_rate("100/day"), (100, 86400))
        with self.assertRaises(ValueError):
            ratelimit.parse_rate("lots")
