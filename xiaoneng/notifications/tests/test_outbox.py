"""Exactly once: two workers racing over the outbox, and a worker that dies halfway."""

import datetime
import threading
from unittest import mock

import time_machine
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from xiaoneng.notifications import outbox
from xiaoneng.notifications.api import notify
from xiaoneng.notifications.models import ChannelRule, Delivery, DeliveryState, EventKind
from xiaoneng.notifications.outbox import LEASE, claim, deliver_pending, mark_sent
from xiaoneng.notifications.tests.base import CONFIGURED, NotificationTestCase
from xiaoneng.notifications.tests.standins import HTTPStandIn, SMTPStandIn
from xiaoneng.org.models import Person
from xiaoneng.testing import RestoringTransactionTestCase, make_unit, make_user

PER_CHANNEL = 12


@CONFIGURED
class TwoWorkersTests(RestoringTransactionTestCase):
    def setUp(self):
        unit = make_unit("jtj", "县交通运输局")
        self.users = []
        for i in range(PER_CHANNEL):
            user = make_user(f"liaison{i}", "unit_liaison", unit)
            user.email = f"l{i}@jinhu.example"
            user.save()
            Person.objects.filter(user=user).update(phone=f"1380000{i:04d}")
            self.users.append(user)
        ChannelRule.objects.update_or_create(kind=EventKind.URGED,
                                             defaults={"email": True, "sms": True, "wechat": True})
        notify(EventKind.URGED, recipients=self.users, title="催办", body="请尽快办理")

    def test_each_delivery_sent_exactly_once(self):
        # The in-memory shared-cache SQLite of tests answers "table is locked" instead of waiting,
        # so there each database step is serialised; sending still interleaves. PostgreSQL races.
        lock = threading.Lock()
        gate = (lambda: lock) if connection.vendor == "sqlite" else None
        barrier = threading.Barrier(2)
        errors: list[BaseException] = []
        results = []

        def worker() -> None:
            try:
                barrier.wait()
                results.append(deliver_pending(db_gate=gate))
            except BaseException as exc:  # reported to the main thread below
                errors.append(exc)
            finally:
                connection.close()

        with SMTPStandIn() as smtp, HTTPStandIn() as sms, HTTPStandIn() as robot, override_settings(
                XIAONENG_SMTP_HOST="127.0.0.1", XIAONENG_SMTP_PORT=smtp.port,
                XIAONENG_SMS_URL=sms.url(), XIAONENG_WECHAT_WEBHOOK_URL=robot.url()):
            threads = [threading.Thread(target=worker) for _ in range(2)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        self.assertEqual(errors, [])
        self.assertEqual(sum(r.sent for r in results), 3 * PER_CHANNEL)
        self.assertEqual(len(sms.requests), PER_CHANNEL)
        self.assertEqual(len(set(sms.keys())), PER_CHANNEL)
        self.assertEqual(len(robot.requests), PER_CHANNEL)
        self.assertEqual(len(set(robot.keys())), PER_CHANNEL)
        self.assertEqual(len({m["Message-ID"] for m in smtp.messages}), len(smtp.messages))
        self.assertEqual(len(smtp.messages), PER_CHANNEL)
        self.assertFalse(Delivery.objects.exclude(state=DeliveryState.SENT).exists())
        self.assertEqual(set(Delivery.objects.values_list("attempts", flat=True)), {1})


class CrashTests(NotificationTestCase):
    def setUp(self):
        self.rule(sms=True)
        self.send([self.liaison_a])
        self.delivery = Delivery.objects.get()

    def test_crash_after_claim_is_delivered_once_after_the_lease(self):
        start = timezone.now()
        with HTTPStandIn() as gateway, override_settings(XIAONENG_SMS_URL=gateway.url()):
            with time_machine.travel(start, tick=False):
                self.assertIsNotNone(claim(self.delivery.pk))  # ... and the worker dies here
                self.assertEqual(deliver_pending().sent, 0)  # the lease holds
            with time_machine.travel(start + LEASE - datetime.timedelta(seconds=1), tick=False):
                self.assertEqual(deliver_pending().sent, 0)
            with time_machine.travel(start + LEASE + datetime.timedelta(seconds=1), tick=False):
                self.assertEqual(deliver_pending().sent, 1)
                self.assertEqual(deliver_pending().sent, 0)
        self.assertEqual(len(gateway.requests), 1)
        self.assertEqual(Delivery.objects.get().state, DeliveryState.SENT)

    def test_crash_mid_send_resends_with_the_same_key(self):
        start = timezone.now()
        with HTTPStandIn() as gateway, override_settings(XIAONENG_SMS_URL=gateway.url()):
            with time_machine.travel(start, tick=False), \
                    mock.patch.object(outbox, "mark_sent", side_effect=KeyboardInterrupt), \
                    self.assertRaises(KeyboardInterrupt):
                deliver_pending()  # sent, but died before marking it
            with time_machine.travel(start + LEASE + datetime.timedelta(seconds=1), tick=False):
                self.assertEqual(deliver_pending().sent, 1)
        self.assertEqual(gateway.keys(), [str(self.delivery.key)] * 2)  # the receiver de-duplicates

    def test_a_stale_worker_cannot_mark_after_losing_its_lease(self):
        start = timezone.now()
        with time_machine.travel(start, tick=False):
            stale = claim(self.delivery.pk)
        with time_machine.travel(start + LEASE + datetime.timedelta(seconds=1), tick=False):
            fresh = claim(self.delivery.pk)
        self.assertIsNotNone(fresh)
        self.assertFalse(mark_sent(self.delivery.pk, stale))
        self.assertTrue(mark_sent(self.delivery.pk, fresh))
        self.assertIsNone(claim(self.delivery.pk))  # sent rows are never claimed again
