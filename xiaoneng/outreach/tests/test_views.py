import datetime

import time_machine
from django.urls import reverse

from xiaoneng.outreach import actions
from xiaoneng.outreach.models import Visit
from xiaoneng.outreach.tests.base import OutreachTestCase, photo

D = datetime.date
ROLES = (
    "admin",
    "staff",
    "leader",
    "supervisor",
    "liaison_a",
    "head_a",
    "section_liaison",
    "liaison_b",
    "chief",
    "chief_b",
)
VIEWERS = dict.fromkeys(ROLES, 200) | {"supervisor": 403}


class ViewTestCase(OutreachTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.visit_a = actions.do_record_visit(
            cls.chief_pairing,
            actor=cls.chief,
            visited_on=D(2026, 3, 2),
            found="缺少流动资金",
            photos=[photo()],
            today=D(2026, 3, 2),
        )

    def assert_statuses(self, url, expected: dict, method: str = "get", data=None):
        self.client.logout()
        response = getattr(self.client, method)(url, data or {})
        self.assertEqual(response.status_code, 302, "anonymous")
        self.assertIn(reverse("web:login"), response["Location"])
        for name in ROLES:
            self.client.force_login(getattr(self, name))
            response = getattr(self.client, method)(url, data or {})
            self.assertEqual(response.status_code, expected[name], name)


class PermissionTests(ViewTestCase):
    def test_index(self):
        self.assert_statuses(reverse("outreach:index"), VIEWERS)

    def test_programme_and_quarter(self):
        self.assert_statuses(reverse("outreach:programme", args=[self.programme.code]), VIEWERS)
        self.assert_statuses(reverse("outreach:quarter", args=[self.programme.code]), VIEWERS)

    def test_pairings(self):
        self.assert_statuses(reverse("outreach:pairings"), VIEWERS)

    def test_pairing_new(self):
        self.assert_statuses(
            reverse("outreach:pairing_new"),
            dict.fromkeys(ROLES, 302) | {"leader": 403, "supervisor": 403, "chief": 403, "chief_b": 403},
            "post",
        )

    def test_visit_new(self):
        self.assert_statuses(
            reverse("outreach:visit_new"), dict.fromkeys(ROLES, 200) | {"leader": 403, "supervisor": 403}
        )

    def test_visit_detail_and_photo_only_within_the_unit(self):
        outside = {"supervisor": 403, "liaison_b": 404, "chief_b": 404}
        self.assert_statuses(self.visit_a.get_absolute_url(), VIEWERS | outside)
        pk = self.visit_a_photo()
        self.assert_statuses(
            reverse("outreach:visit_photo", args=[self.visit_a.public_id, pk]), VIEWERS | outside
        )

    def visit_a_photo(self) -> int:
        from xiaoneng.trace.chain import events_for

        return events_for(self.visit_a).first().attachments.get().pk

    def test_hand_over(self):
        url = reverse("outreach:visit_hand_over", args=[self.visit_a.public_id])
        # An invalid form re-renders for those who may see it; nothing is handed over.
        self.assert_statuses(url, VIEWERS | {"supervisor": 403, "liaison_b": 404, "chief_b": 404}, "post")
        self.assertIsNone(Visit.objects.get(pk=self.visit_a.pk).matter)

    def test_propose(self):
        url = reverse("outreach:propose_shortfalls", args=[self.programme.code])
        data = {"tier": self.chiefs.pk, "period": "2026"}
        self.assert_statuses(url, dict.fromkeys(ROLES, 403) | {"admin": 302, "staff": 302}, "post", data)
        url = reverse("outreach:propose_awards", args=[self.programme.code])
        self.assert_statuses(
            url,
            dict.fromkeys(ROLES, 403) | {"admin": 302, "staff": 302},
            "post",
            {"year": 2026, "quarter": 1},
        )

    def test_public_pages_need_no_account(self):
        self.client.logout()
        for name in ("index", "feed_rss", "feed_json"):
            self.assertEqual(self.client.get(reverse(f"public_outreach:{name}")).status_code, 200, name)


class ScreenTests(ViewTestCase):
    def test_the_chief_logs_a_visit_and_hands_the_problem_over(self):
        self.login(self.chief)
        response = self.client.post(
            reverse("outreach:visit_new"),
            {
                "pairing": self.chief_pairing.pk,
                "visited_on": "2026-03-05",
                "found": "电费负担重",
                "help_given": "讲解电能补助政策",
                "photos": [photo()],
            },
        )
        visit = Visit.objects.get(found="电费负担重")
        self.assertRedirects(response, visit.get_absolute_url())
        response = self.client.post(
            reverse("outreach:visit_hand_over", args=[visit.public_id]),
            {"unit": self.unit_b.pk, "title": "申请电能补助"},
        )
        self.assertRedirects(response, visit.get_absolute_url())
        page = self.client.get(visit.get_absolute_url())
        self.assertContains(page, "县人力资源和社会保障局")
        self.assertContains(page, "已交办")

    def test_the_visit_form_offers_only_own_pairings_and_speaks_chinese(self):
        self.login(self.chief)
        page = self.client.get(reverse("outreach:visit_new"))
        self.assertContains(page, "金湖县示范机械有限公司")
        self.assertNotContains(page, "金湖县永和仪表有限公司")
        self.assertContains(page, "走访日期")

    def test_a_bad_date_comes_back_with_a_chinese_message(self):
        self.login(self.chief)
        with time_machine.travel(datetime.datetime(2026, 3, 5, 10, tzinfo=datetime.UTC)):
            page = self.client.post(
                reverse("outreach:visit_new"),
                {"pairing": self.chief_pairing.pk, "visited_on": "2026-03-09", "found": "x"},
            )
        self.assertContains(page, "走访日期不能晚于今天")

    def test_index_lists_visits_in_few_queries(self):
        for day in range(3, 13):
            self.visit(self.station_pairing, D(2026, 3, day))
        self.login(self.staff)
        with self.assertNumQueries(10):
            response = self.client.get(reverse("outreach:index"))
        self.assertContains(response, "李家户（金南村）")

    def test_liaison_b_sees_only_own_units_in_compliance(self):
        self.login(self.liaison_b)
        page = self.client.get(
            reverse("outreach:programme", args=[self.programme.code]) + f"?tier={self.chiefs.pk}"
        )
        self.assertContains(page, "chief_b")
        self.assertNotContains(page, "chief_a")

    @time_machine.travel(datetime.datetime(2027, 1, 5, 10, tzinfo=datetime.UTC))
    def test_staff_propose_deductions_for_a_years_shortfalls(self):
        self.login(self.staff)
        url = reverse("outreach:propose_shortfalls", args=[self.programme.code])
        self.client.post(url, {"tier": self.chiefs.pk, "period": "2026"})
        from xiaoneng.scoring.models import ScoreProposal

        self.assertEqual(ScoreProposal.objects.filter(rule__code="outreach_shortfall").count(), 2)

    def test_public_display_shows_units_not_households(self):
        for day in (5, 6, 7):
            self.visit(self.station_pairing, D(2026, 1, day))
        with time_machine.travel(datetime.datetime(2026, 4, 2, 10, tzinfo=datetime.UTC)):
            page = self.client.get(reverse("public_outreach:index") + "?embed=1")
            feed = self.client.get(reverse("public_outreach:feed_json")).json()
        self.assertContains(page, "公路站")
        self.assertNotContains(page, "李家户")
        self.assertIn("frame-ancestors", page["Content-Security-Policy"])
        self.assertTrue(any("公路站" in item["title"] for item in feed["items"]))


class BadInputTests(ViewTestCase):
    def test_odd_query_values_never_fail(self):
        self.login(self.staff)
        code = self.programme.code
        for url in (
            f"/outreach/programmes/{code}/?tier=x&period=nope",
            f"/outreach/programmes/{code}/quarter/?year=99999&q=9",
            f"/outreach/programmes/{code}/quarter/?year=abc",
            "/outreach/?page=abc",
        ):
            self.assertEqual(self.client.get(url).status_code, 200, url)
        response = self.client.post(
            reverse("outreach:propose_awards", args=[code]), {"year": "0", "quarter": "1"}
        )
        self.assertEqual(response.status_code, 302)
        response = self.client.post(reverse("outreach:propose_shortfalls", args=[code]), {"tier": "x"})
        self.assertEqual(response.status_code, 404)
