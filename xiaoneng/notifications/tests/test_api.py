"""notify() writes the inbox and the outbox atomically, per kind and per user; unit_contacts."""

from django.db import transaction
from django.test import override_settings

from xiaoneng.notifications.api import notify, unit_contacts
from xiaoneng.notifications.models import ChannelRule, Delivery, EventKind, Notification, Preference
from xiaoneng.notifications.tests.base import NotificationTestCase
from xiaoneng.testing import make_user


class UnitContactsTests(NotificationTestCase):
    def test_liaisons_and_heads_of_the_unit_itself(self):
        self.assertEqual(unit_contacts(self.unit_a), [self.liaison_a, self.head_a])

    def test_not_sections_nor_other_roles_nor_inactive_accounts(self):
        make_user("clerk_a", "unit_staff", self.unit_a)
        gone = make_user("gone_a", "unit_liaison", self.unit_a)
        gone.is_active = False
        gone.save()
        self.assertEqual(unit_contacts(self.unit_a), [self.liaison_a, self.head_a])
        self.assertEqual(unit_contacts(self.section_a), [self.section_liaison])


class NotifyTests(NotificationTestCase):
    def test_default_rules_cover_every_kind(self):
        self.assertEqual(set(ChannelRule.objects.values_list("kind", flat=True)), set(EventKind.values))

    def test_inbox_row_for_each_recipient(self):
        self.send([self.liaison_a, self.head_a], url="/matters/X/")
        self.assertEqual(Notification.objects.filter(kind=EventKind.URGED).count(), 2)
        self.assertEqual(Notification.objects.get(recipient=self.liaison_a).url, "/matters/X/")

    def test_one_delivery_per_channel_of_the_kind(self):
        self.rule(email=True, sms=True)
        self.send([self.liaison_a])
        self.assertEqual(sorted(Delivery.objects.values_list("channel", "address")),
                         [("email", "liaison_a@jinhu.example"), ("sms", "13800000001")])

    def test_wechat_mentions_the_phone(self):
        self.rule(wechat=True)
        self.send([self.liaison_a])
        self.assertEqual(Delivery.objects.get().address, "13800000001")

    def test_a_kind_without_channels_stays_in_the_inbox(self):
        self.rule()
        self.send([self.liaison_a])
        self.assertEqual(Notification.objects.count(), 1)
        self.assertFalse(Delivery.objects.exists())

    def test_an_unconfigured_channel_gets_no_deliveries(self):
        self.rule(email=True, sms=True, wechat=True)
        with override_settings(XIAONENG_SMS_URL="", XIAONENG_WECHAT_WEBHOOK_URL=""):
            self.send([self.liaison_a])
        self.assertEqual(list(Delivery.objects.values_list("channel", flat=True)), ["email"])

    def test_user_switches_a_channel_off(self):
        self.rule(email=True, sms=True)
        Preference.objects.create(user=self.liaison_a, sms=False)
        self.send([self.liaison_a])
        self.assertEqual(list(Delivery.objects.values_list("channel", flat=True)), ["email"])
        self.assertEqual(Notification.objects.count(), 1)

    def test_no_address_no_delivery(self):
        self.rule(email=True, sms=True)
        self.send([self.supervisor])
        self.assertFalse(Delivery.objects.exists())
        self.assertEqual(Notification.objects.filter(recipient=self.supervisor).count(), 1)

    def test_rolled_back_change_leaves_nothing(self):
        self.rule(email=True)
        with self.assertRaises(RuntimeError), transaction.atomic():
            self.send([self.liaison_a])
            raise RuntimeError("the business change failed")
        self.assertFalse(Notification.objects.exists())
        self.assertFalse(Delivery.objects.exists())

    def test_dedupe_key_notifies_once(self):
        self.send([self.liaison_a], dedupe_key="k1")
        self.send([self.liaison_a, self.head_a], dedupe_key="k1")
        self.assertEqual(Notification.objects.filter(recipient=self.liaison_a).count(), 1)
        self.assertEqual(Notification.objects.filter(recipient=self.head_a).count(), 1)

    def test_unknown_kind_refused(self):
        with self.assertRaises(ValueError):
            notify("matter.nonsense", recipients=[self.liaison_a], title="x", body="y")

    def test_inactive_and_duplicate_recipients(self):
        self.liaison_b.is_active = False
        self.liaison_b.save()
        self.send([self.liaison_a, self.liaison_a, self.liaison_b])
        self.assertEqual(list(Notification.objects.values_list("recipient", flat=True)), [self.liaison_a.pk])

    def test_subject_is_kept(self):
        self.send([self.liaison_a], subject_obj=self.unit_a)
        n = Notification.objects.get()
        self.assertEqual((n.subject_type.model, n.subject_id), ("unit", self.unit_a.pk))
