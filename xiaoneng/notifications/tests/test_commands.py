"""`xiaoneng deliver --once` and the deliver step of `xiaoneng worker --once`."""

from io import StringIO

from django.core.management import call_command
from django.test import override_settings

from xiaoneng.notifications.models import Delivery, DeliveryState
from xiaoneng.notifications.tests.base import NotificationTestCase
from xiaoneng.notifications.tests.standins import HTTPStandIn


class CommandTests(NotificationTestCase):
    def run_command(self, *args) -> str:
        out = StringIO()
        call_command(*args, stdout=out)
        return out.getvalue()

    def test_deliver_once(self):
        self.rule(sms=True)
        self.send([self.liaison_a, self.head_a])
        with HTTPStandIn() as gateway, override_settings(XIAONENG_SMS_URL=gateway.url()):
            self.assertIn("2 sent", self.run_command("deliver", "--once"))
        self.assertEqual(len(gateway.requests), 2)

    def test_worker_delivers_after_scanning(self):
        self.rule(sms=True)
        self.send([self.liaison_a])
        with HTTPStandIn() as gateway, override_settings(XIAONENG_SMS_URL=gateway.url()):
            output = self.run_command("worker", "--once")
        self.assertIn("notifications: 1 sent", output)
        self.assertEqual(Delivery.objects.get().state, DeliveryState.SENT)
