"""Each channel against its local stand-in; failures back off, then fail for the admin to see."""

import datetime

import time_machine
from django.test import override_settings
from django.utils import timezone

from xiaoneng.notifications.models import Delivery, DeliveryState
from xiaoneng.notifications.outbox import MAX_ATTEMPTS, deliver_pending
from xiaoneng.notifications.tests.base import NotificationTestCase
from xiaoneng.notifications.tests.standins import HTTPStandIn, SMTPStandIn


class EmailTests(NotificationTestCase):
    def test_sent_over_smtp_with_the_key_as_message_id(self):
        self.rule(email=True)
        self.send([self.liaison_a], title="催办通知", body="请于三日内办复", url="/matters/ABC/")
        delivery = Delivery.objects.get()
        with SMTPStandIn() as smtp, override_settings(
                XIAONENG_SMTP_HOST="127.0.0.1", XIAONENG_SMTP_PORT=smtp.port,
                XIAONENG_MAIL_FROM="xn@jinhu.example", XIAONENG_SITE_URL="https://xn.jinhu.example"):
            result = deliver_pending()
        self.assertEqual(result.sent, 1)
        [message] = smtp.messages
        self.assertEqual(message["To"], "liaison_a@jinhu.example")
        self.assertEqual(message["Message-ID"], f"<{delivery.key}@jinhu.example>")
        text = message.get_payload(decode=True).decode()
        self.assertIn("请于三日内办复", text)
        self.assertIn("https://xn.jinhu.example/matters/ABC/", text)
        self.assertEqual(Delivery.objects.get().state, DeliveryState.SENT)

    def test_unreachable_server_is_retried_later(self):
        self.rule(email=True)
        self.send([self.liaison_a])
        with SMTPStandIn() as smtp:
            port = smtp.port
        with override_settings(XIAONENG_SMTP_HOST="127.0.0.1", XIAONENG_SMTP_PORT=port):
            result = deliver_pending()
        self.assertEqual(result.retried, 1)
        delivery = Delivery.objects.get()
        self.assertEqual((delivery.state, delivery.attempts), (DeliveryState.PENDING, 1))
        self.assertGreater(delivery.next_attempt_at, timezone.now())


class SMSTests(NotificationTestCase):
    def test_posted_as_json_with_token_and_key(self):
        self.rule(sms=True)
        self.send([self.liaison_a], title="超期", body="已超期")
        delivery = Delivery.objects.get()
        with HTTPStandIn() as gateway, override_settings(XIAONENG_SMS_URL=gateway.url("/sms"),
                                                         XIAONENG_SMS_TOKEN="t0ken"):
            self.assertEqual(deliver_pending().sent, 1)
        [request] = gateway.requests
        self.assertEqual(request.path, "/sms")
        self.assertEqual(request.headers["Authorization"], "Bearer t0ken")
        self.assertEqual(request.headers["Idempotency-Key"], str(delivery.key))
        self.assertEqual(request.body,
                         {"id": str(delivery.key), "phone": "13800000001", "text": "超期\n已超期"})

    def test_not_configured_counts_as_a_failure(self):
        self.rule(sms=True)
        self.send([self.liaison_a])
        with override_settings(XIAONENG_SMS_URL=""):
            self.assertEqual(deliver_pending().retried, 1)
        self.assertIn("XIAONENG_SMS_URL", Delivery.objects.get().last_error)

    def test_backoff_then_failed_after_max_attempts(self):
        self.rule(sms=True)
        self.send([self.liaison_a])
        start = timezone.now()
        with HTTPStandIn(status=500) as gateway, override_settings(XIAONENG_SMS_URL=gateway.url()):
            for attempt in range(MAX_ATTEMPTS):
                with time_machine.travel(start + datetime.timedelta(days=attempt), tick=False):
                    deliver_pending()
                    self.assertEqual(deliver_pending().sent, 0)  # backing off: nothing due now
        self.assertEqual(len(gateway.requests), MAX_ATTEMPTS)
        self.assertEqual(len(set(gateway.keys())), 1)  # the same key on every retry
        delivery = Delivery.objects.get()
        self.assertEqual((delivery.state, delivery.attempts), (DeliveryState.FAILED, MAX_ATTEMPTS))


class WeChatTests(NotificationTestCase):
    def test_group_robot_text_message(self):
        self.rule(wechat=True)
        self.send([self.liaison_a], title="新交办", body="请签收")
        with HTTPStandIn() as robot, \
                override_settings(XIAONENG_WECHAT_WEBHOOK_URL=robot.url("/cgi-bin/webhook/send?key=k")):
            self.assertEqual(deliver_pending().sent, 1)
        [request] = robot.requests
        self.assertEqual(request.path, "/cgi-bin/webhook/send?key=k")
        self.assertEqual(request.body, {"msgtype": "text", "text": {
            "content": "新交办\n请签收", "mentioned_mobile_list": ["13800000001"]}})

    def test_errcode_answer_is_a_failure(self):
        self.rule(wechat=True)
        self.send([self.liaison_a])
        with HTTPStandIn(answer={"errcode": 93000, "errmsg": "invalid webhook url"}) as robot, \
                override_settings(XIAONENG_WECHAT_WEBHOOK_URL=robot.url()):
            self.assertEqual(deliver_pending().retried, 1)
        self.assertIn("93000", Delivery.objects.get().last_error)
