"""The inbox, settings and outbox pages for every role: a user sees only their own."""

from django.urls import reverse

from xiaoneng.notifications.models import Delivery, DeliveryState, Notification, Preference
from xiaoneng.notifications.tests.base import NotificationTestCase
from xiaoneng.testing import make_user


class InboxTests(NotificationTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.confirmer = make_user("confirmer", "confirmer")
        cls.system_admin = make_user("sysadmin", "system_admin")
        cls.everyone = [cls.admin, cls.staff, cls.liaison_a, cls.liaison_b, cls.section_liaison, cls.head_a,
                        cls.supervisor, cls.leader, cls.confirmer, cls.system_admin,
                        make_user("clerk_a", "unit_staff", cls.unit_a),
                        make_user("secadmin", "security_admin"), make_user("auditadmin", "audit_admin")]

    def setUp(self):
        for user in self.everyone:
            self.send([user], title=f"给{user.username}的通知")

    def test_anonymous_is_sent_to_login(self):
        for name in ("notifications:inbox", "notifications:unread", "notifications:preferences",
                     "notifications:deliveries"):
            response = self.client.get(reverse(name))
            self.assertEqual(response.status_code, 302, name)
            self.assertIn("login", response["Location"])

    def test_every_role_sees_only_its_own(self):
        for user in self.everyone:
            self.login(user)
            response = self.client.get(reverse("notifications:inbox"))
            self.assertEqual(response.status_code, 200)
            titles = [n.title for n in response.context["page"]]
            self.assertEqual(titles, [f"给{user.username}的通知"], user.username)

    def test_navigation_links_the_inbox_and_its_unread_count(self):
        self.login(self.liaison_a)
        response = self.client.get(reverse("web:home"))
        self.assertContains(response, f'data-unread-url="{reverse("notifications:unread")}"')
        self.assertContains(response, "notifications/unread.js")

    def test_unread_count_is_ones_own(self):
        self.send([self.liaison_a])
        for user, count in ((self.liaison_a, 2), (self.liaison_b, 1)):
            self.login(user)
            self.assertEqual(self.client.get(reverse("notifications:unread")).json(), {"unread": count})
        self.client.post(reverse("notifications:mark_all_read"))
        self.assertEqual(self.client.get(reverse("notifications:unread")).json(), {"unread": 0})

    def test_unread_count_on_the_inbox_page(self):
        self.login(self.liaison_a)
        self.assertContains(self.client.get(reverse("notifications:inbox")), '<span class="badge">1</span>',
                            html=True)

    def test_newest_first_and_paginated(self):
        for i in range(35):
            self.send([self.liaison_b], title=f"n{i:02d}")
        self.login(self.liaison_b)
        page = self.client.get(reverse("notifications:inbox")).context["page"]
        self.assertEqual(page[0].title, "n34")
        self.assertEqual(page.paginator.num_pages, 2)

    def test_mark_read_and_open(self):
        self.send([self.liaison_a], url="/matters/ABC/")
        n = Notification.objects.filter(recipient=self.liaison_a, url="/matters/ABC/").get()
        self.login(self.liaison_a)
        response = self.client.post(reverse("notifications:mark_read", args=[n.pk]), {"open": "1"})
        self.assertRedirects(response, "/matters/ABC/", fetch_redirect_response=False)
        n.refresh_from_db()
        self.assertIsNotNone(n.read_at)

    def test_nobody_marks_another_users_notification(self):
        theirs = Notification.objects.get(recipient=self.liaison_b)
        for user in self.everyone:
            if user == self.liaison_b:
                continue
            self.login(user)
            response = self.client.post(reverse("notifications:mark_read", args=[theirs.pk]))
            self.assertEqual(response.status_code, 404, user.username)
        theirs.refresh_from_db()
        self.assertIsNone(theirs.read_at)

    def test_mark_all_read_touches_only_ones_own(self):
        self.login(self.liaison_a)
        self.client.post(reverse("notifications:mark_all_read"))
        self.assertFalse(Notification.objects.filter(recipient=self.liaison_a, read_at__isnull=True).exists())
        self.assertEqual(Notification.objects.filter(read_at__isnull=True).count(), len(self.everyone) - 1)

    def test_unread_filter(self):
        self.login(self.liaison_a)
        self.client.post(reverse("notifications:mark_all_read"))
        self.send([self.liaison_a], title="新的")
        page = self.client.get(reverse("notifications:inbox"), {"unread": "1"}).context["page"]
        self.assertEqual([n.title for n in page], ["新的"])

    def test_get_does_not_mark(self):
        self.login(self.liaison_a)
        self.assertEqual(self.client.get(reverse("notifications:mark_all_read")).status_code, 405)


class PreferenceViewTests(NotificationTestCase):
    def test_every_user_switches_channels_off(self):
        for user in (self.admin, self.staff, self.liaison_a, self.head_a, self.supervisor, self.leader):
            self.login(user)
            self.assertEqual(self.client.get(reverse("notifications:preferences")).status_code, 200)
            response = self.client.post(reverse("notifications:preferences"), {"email": "on"})
            self.assertEqual(response.status_code, 302)
            pref = Preference.objects.get(user=user)
            self.assertEqual((pref.email, pref.sms, pref.wechat), (True, False, False))

    def test_switched_off_channel_gets_no_delivery(self):
        self.rule(sms=True, email=True)
        self.login(self.liaison_a)
        self.client.post(reverse("notifications:preferences"), {"sms": "on"})
        self.send([self.liaison_a])
        self.assertEqual(list(Delivery.objects.values_list("channel", flat=True)), ["sms"])


class OutboxViewTests(NotificationTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.confirmer = make_user("confirmer", "confirmer")
        cls.system_admin = make_user("sysadmin", "system_admin")
        cls.security_admin = make_user("secadmin", "security_admin")
        cls.audit_admin = make_user("auditadmin", "audit_admin")

    def setUp(self):
        self.rule(sms=True)
        self.send([self.liaison_a], title="发送失败的短信")
        Delivery.objects.update(state=DeliveryState.FAILED, attempts=5, last_error="sms: 500")
        self.delivery = Delivery.objects.get()

    def test_who_sees_failed_deliveries(self):
        allowed = {self.admin, self.system_admin}
        for user in (self.admin, self.system_admin, self.staff, self.liaison_a, self.liaison_b, self.head_a,
                     self.section_liaison, self.supervisor, self.leader, self.confirmer, self.security_admin,
                     self.audit_admin):
            self.login(user)
            response = self.client.get(reverse("notifications:deliveries"))
            if user in allowed:
                self.assertContains(response, "发送失败的短信")
            else:
                self.assertEqual(response.status_code, 403, user.username)

    def test_retry_puts_it_back(self):
        self.login(self.system_admin)
        self.client.post(reverse("notifications:delivery_retry", args=[self.delivery.pk]))
        self.delivery.refresh_from_db()
        self.assertEqual((self.delivery.state, self.delivery.attempts), (DeliveryState.PENDING, 0))
        from xiaoneng.audit.models import AuditEntry

        entries = AuditEntry.objects.filter(action="notifications.retry_delivery", actor=self.system_admin)
        self.assertTrue(entries.exists())

    def test_others_may_not_retry(self):
        for user in (self.staff, self.liaison_a, self.leader, self.security_admin):
            self.login(user)
            response = self.client.post(reverse("notifications:delivery_retry", args=[self.delivery.pk]))
            self.assertEqual(response.status_code, 403)
        self.delivery.refresh_from_db()
        self.assertEqual(self.delivery.state, DeliveryState.FAILED)
