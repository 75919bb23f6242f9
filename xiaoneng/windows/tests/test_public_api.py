from __future__ import annotations

import datetime

from django.core.cache import cache
from django.urls import reverse

from xiaoneng.api.tokens import do_create_token
from xiaoneng.windows import actions, queue
from xiaoneng.windows.models import QueueTicket, Rating
from xiaoneng.windows.tests.base import WindowTestCase, at, moment


class PublicPageTests(WindowTestCase):
    def setUp(self):
        cache.clear()

    def test_items_list_feeds_and_notice(self):
        response = self.client.get(reverse("public_windows:items"))
        self.assertContains(response, "道路运输经营许可")
        self.assertContains(response, "窗口受理事项公示")
        self.assertNotIn("X-Frame-Options", response)
        rss = self.client.get(reverse("public_windows:items_rss"))
        self.assertContains(rss, "道路运输经营许可")
        feed = self.client.get(reverse("public_windows:items_json")).json()
        self.assertEqual(len(feed["items"]), 3)
        notice = self.client.get(reverse("public_windows:item", args=["JT-001"]) + "?embed=1")
        self.assertContains(notice, "营业执照复印件")
        self.assertContains(notice, "一次性告知单")

    def test_hidden_item_not_listed(self):
        self.item_b.is_public = False
        self.item_b.save()
        self.assertNotContains(self.client.get(reverse("public_windows:items")), "退休审批")
        self.assertEqual(self.client.get(reverse("public_windows:item", args=["RS-001"])).status_code, 404)

    def test_rate_once_from_the_link(self):
        with at(2025, 3, 3):
            self.case(received=moment(2025, 3, 3, 9), completed=moment(2025, 3, 3, 10))
        url = reverse("public_windows:rate", args=[self.token])
        self.assertContains(self.client.get(url), "非常满意")
        response = self.client.post(url, {"level": "5", "dim_attitude": "5", "comment": "很快"})
        self.assertContains(response, "感谢您的评价")
        self.assertEqual(Rating.objects.get().level, 5)
        again = self.client.post(url, {"level": "1"})
        self.assertEqual(again.status_code, 404)
        self.assertEqual(Rating.objects.count(), 1)

    def test_rating_form_errors_in_chinese(self):
        with at(2025, 3, 3):
            self.case(received=moment(2025, 3, 3, 9), completed=moment(2025, 3, 3, 10))
        response = self.client.post(reverse("public_windows:rate", args=[self.token]), {"level": "9"})
        self.assertEqual(response.status_code, 400)
        self.assertFalse(Rating.objects.exists())

    def test_rate_limit(self):
        with self.settings(XIAONENG_PUBLIC_SUBMIT_RATE="1/h"), at(2025, 3, 3):
            self.case(received=moment(2025, 3, 3, 9), completed=moment(2025, 3, 3, 10))
            url = reverse("public_windows:rate", args=[self.token])
            self.client.post(url, {"level": "9"})
            response = self.client.post(url, {"level": "5"})
        self.assertEqual(response.status_code, 429)
        self.assertFalse(Rating.objects.exists())

    def test_calling_screen_without_account(self):
        with at(2025, 3, 3):
            queue.do_issue_ticket(self.window_a, actor=self.clerk_a)
            queue.do_call_next(self.window_a, actor=self.clerk_a, counter="2号")
            queue.do_issue_ticket(self.window_a, actor=self.clerk_a)
            response = self.client.get(reverse("public_windows:hall_screen", args=["county"]))
        self.assertContains(response, "J001")
        self.assertContains(response, "1人等候")
        self.assertNotContains(response, "张三")
        self.assertEqual(
            self.client.get(reverse("public_windows:hall_screen", args=["nope"])).status_code, 404
        )


class QueueTests(WindowTestCase):
    def test_waits_per_window_and_hour(self):
        t = queue.do_issue_ticket(self.window_a, actor=self.clerk_a, at=moment(2025, 3, 3, 9, 0))
        queue.do_call_next(self.window_a, actor=self.clerk_a, at=moment(2025, 3, 3, 9, 12))
        queue.do_finish_ticket(t, actor=self.clerk_a, at=moment(2025, 3, 3, 9, 20))
        gone = queue.do_issue_ticket(self.window_a, actor=self.clerk_a, at=moment(2025, 3, 3, 9, 30))
        queue.do_finish_ticket(gone, actor=self.clerk_a, served=False, at=moment(2025, 3, 3, 10))
        rows = queue.waits(datetime.date(2025, 3, 3), datetime.date(2025, 3, 3))
        self.assertEqual(
            [(r.hour, r.tickets, r.called, r.abandoned, r.avg_wait_minutes) for r in rows],
            [(9, 2, 1, 1, 12.0)],
        )

    def test_waiting_ticket_cannot_be_served(self):
        t = queue.do_issue_ticket(self.window_a, actor=self.clerk_a)
        with self.assertRaises(actions.WindowError):
            queue.do_finish_ticket(t, actor=self.clerk_a)


class QueueApiTests(WindowTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        _t, cls.machine = do_create_token(cls.staff, name="叫号机")
        _t, cls.clerk_b_token = do_create_token(cls.clerk_b, name="b")
        _t, cls.liaison_token = do_create_token(cls.liaison_a, name="l")

    def api(self, method, path, token, body=None):
        return getattr(self.client, method)(
            f"/api/v1{path}",
            body or {},
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {token}",
        )

    def test_issue_call_serve(self):
        actions.do_grant_green_card(self.firm, actor=self.admin, granted_on=datetime.date(2020, 1, 1))
        self.firm.uscc = ""
        first = self.api("post", "/windows/jtj-ck/tickets", self.machine)
        self.assertEqual(first.status_code, 201, first.content)
        self.assertEqual(first.json()["number"], "J001")
        called = self.api("post", "/windows/jtj-ck/call", self.machine, {"counter": "1号"}).json()["ticket"]
        self.assertEqual(called["state"], "called")
        served = self.api("post", f"/windows/tickets/{called['id']}/served", self.machine)
        self.assertEqual(served.json()["state"], "served")
        again = self.api("post", f"/windows/tickets/{called['id']}/served", self.machine)
        self.assertEqual(again.status_code, 409)
        self.assertEqual(again.json()["error"]["code"], "already_finished")
        empty = self.api("post", "/windows/jtj-ck/call", self.machine, {})
        self.assertIsNone(empty.json()["ticket"])

    def test_queue_listing(self):
        self.api("post", "/windows/jtj-ck/tickets", self.machine)
        rows = self.api("get", "/windows/jtj-ck/queue", self.machine).json()
        self.assertEqual([r["number"] for r in rows], ["J001"])

    def test_other_units_window_is_404_and_no_permission_403(self):
        self.assertEqual(self.api("post", "/windows/jtj-ck/tickets", self.clerk_b_token).status_code, 404)
        self.assertEqual(self.api("post", "/windows/rsj-ck/tickets", self.clerk_b_token).status_code, 201)
        self.assertEqual(self.api("post", "/windows/jtj-ck/tickets", self.liaison_token).status_code, 403)
        self.assertEqual(self.api("post", "/windows/nope/tickets", self.machine).status_code, 404)
        self.assertEqual(QueueTicket.objects.count(), 1)

    def test_no_token(self):
        response = self.client.post("/api/v1/windows/jtj-ck/tickets", {}, content_type="application/json")
        self.assertEqual(response.status_code, 401)

    def test_absurd_ids_are_validation_errors(self):
        response = self.api("post", f"/windows/tickets/{2**70}/served", self.machine)
        self.assertEqual(response.status_code, 422)
        self.assertEqual(self.api("post", "/windows/" + "x" * 300 + "/call", self.machine).status_code, 404)
