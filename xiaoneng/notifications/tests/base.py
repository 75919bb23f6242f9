"""The shared test county with addresses: liaison_a and head_a have e-mail and phone."""

from __future__ import annotations

from django.test import override_settings

from xiaoneng.notifications.api import notify
from xiaoneng.notifications.models import ChannelRule, EventKind
from xiaoneng.org.models import Person
from xiaoneng.testing import XiaonengTestCase

# Channels exist only when configured; the stand-in tests override these with live URLs.
CONFIGURED = override_settings(XIAONENG_SMS_URL="http://127.0.0.1:9/sms",
                               XIAONENG_WECHAT_WEBHOOK_URL="http://127.0.0.1:9/robot")


@CONFIGURED
class NotificationTestCase(XiaonengTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        for user, phone in ((cls.liaison_a, "13800000001"), (cls.head_a, "13800000002"),
                            (cls.liaison_b, "13800000003")):
            user.email = f"{user.username}@jinhu.example"
            user.save()
            Person.objects.filter(user=user).update(phone=phone)

    def rule(self, kind: str = EventKind.URGED, **channels: bool) -> ChannelRule:
        rule, _created = ChannelRule.objects.update_or_create(
            kind=kind, defaults={"email": False, "sms": False, "wechat": False, **channels})
        return rule

    def send(self, recipients, kind: str = EventKind.URGED, **kw) -> None:
        notify(kind, recipients=recipients, title=kw.pop("title", "催办"), body=kw.pop("body", "请尽快办理"),
               **kw)
