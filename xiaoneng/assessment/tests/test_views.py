import io
from decimal import Decimal

import openpyxl
import time_machine
from django.urls import reverse

from xiaoneng.assessment.actions import do_file_appeal, do_set_published
from xiaoneng.assessment.models import Appeal, AppealState
from xiaoneng.assessment.tests.base import AssessmentTestCase

ROLES = [
    "admin",
    "staff",
    "confirmer",
    "leader",
    "liaison_a",
    "liaison_b",
    "section_liaison",
    "head_a",
    "supervisor",
    None,
]
READERS = {"admin", "staff", "confirmer", "leader", "liaison_a", "liaison_b", "section_liaison", "head_a"}
OF_UNIT_A = {"admin", "staff", "confirmer", "leader", "liaison_a", "head_a"}


def expected(name, allowed, hidden=frozenset()):
    if name is None:
        return 302
    if name in allowed:
        return 200
    return 404 if name in hidden else 403


@time_machine.travel("2026-03-04 10:00:00+08:00", tick=False)
class ViewPermissionTests(AssessmentTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.entry = cls.enter(cls.unit_a, "snail_award", -3)
        cls.other = cls.enter(cls.unit_b, "complaint_verified", -1)
        with time_machine.travel("2026-03-04 10:00:00+08:00", tick=False):
            cls.appeal = do_file_appeal(cls.entry, cls.liaison_a, grounds="已按期办结")

    def status(self, name, url, method="get", data=None):
        self.client.logout()
        if name:
            self.login(getattr(self, name))
        return getattr(self.client, method)(url, data or {}).status_code

    def check(self, url, allowed, hidden=frozenset(), method="get", ok=200, data=None):
        for name in ROLES:
            with self.subTest(name=name, url=url):
                want = expected(name, allowed, hidden)
                self.assertEqual(self.status(name, url, method, data), ok if want == 200 else want)

    def test_lists_and_standings(self):
        for url in (
            reverse("assessment:index"),
            reverse("assessment:standings", args=[2026]),
            reverse("assessment:export", args=[2026]),
            reverse("assessment:appeal_list"),
        ):
            self.check(url, READERS)

    def test_unit_breakdown_of_another_unit_is_404(self):
        self.check(
            reverse("assessment:unit", args=[2026, self.unit_a.pk]),
            OF_UNIT_A,
            hidden={"liaison_b", "section_liaison"},
        )

    def test_appeal_detail(self):
        self.check(
            reverse("assessment:appeal_detail", args=[self.appeal.pk]),
            OF_UNIT_A,
            hidden={"liaison_b", "section_liaison"},
        )

    def test_appeal_form(self):
        self.check(
            reverse("assessment:appeal_new", args=[self.other.pk]),
            {"liaison_b"},
            hidden={"liaison_a", "section_liaison", "head_a"},
        )

    def test_decisions_and_publication(self):
        for name in ROLES:
            with self.subTest(name):
                url = reverse("assessment:appeal_refuse", args=[self.appeal.pk])
                want = expected(name, {"admin", "confirmer"})
                self.assertEqual(
                    self.status(name, url, "post", {"reason": "x"}), 302 if want == 200 else want
                )
                Appeal.objects.filter(pk=self.appeal.pk).update(
                    state=AppealState.FILED, decided_at=None, decided_by=None, decision_reason=""
                )
        self.check(
            reverse("assessment:publish", args=[2026]),
            {"admin"},
            method="post",
            ok=302,
            data={"published": "1"},
        )

    def test_public_pages_are_open_to_all_once_published(self):
        url = reverse("public_assessment:standings", args=[2026])
        self.assertEqual(self.client.get(url).status_code, 404)
        do_set_published(self.ay, self.admin, published=True)
        for name in ROLES:
            with self.subTest(name):
                self.assertEqual(self.status(name, url), 200)
                self.assertEqual(self.status(name, reverse("public_assessment:index")), 200)
                self.assertEqual(self.status(name, reverse("public_assessment:feed_json")), 200)


@time_machine.travel("2026-03-04 10:00:00+08:00", tick=False)
class ViewBehaviourTests(AssessmentTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.entry = cls.enter(cls.unit_a, "snail_award", -3)
        cls.enter(cls.unit_b, "competition", 2)

    def test_standings_page_in_chinese(self):
        self.login(self.staff)
        response = self.client.get(reverse("assessment:standings", args=[2026]))
        self.assertContains(response, "重点部门单位")
        self.assertContains(response, "基础分")
        self.assertContains(response, "导出")

    def test_unit_role_sees_only_its_rows(self):
        self.login(self.liaison_b)
        response = self.client.get(reverse("assessment:standings", args=[2026]))
        rows = [(r.unit.code, r.rank) for g in response.context["groups"] for r in g.rows]
        self.assertEqual(rows, [("rsj", 1)])

    def test_export_is_an_xlsx_of_the_visible_rows(self):
        self.login(self.leader)
        response = self.client.get(reverse("assessment:export", args=[2026]))
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        values = [[c.value for c in row] for row in sheet.iter_rows()]
        self.assertEqual(values[1][:3], ["重点部门单位", 1, "县人力资源和社会保障局"])
        self.assertEqual(len(values), 4)

    def test_appeal_through_the_pages_then_grant(self):
        self.login(self.liaison_a)
        page = self.client.get(reverse("assessment:unit", args=[2026, self.unit_a.pk]))
        self.assertContains(page, reverse("assessment:appeal_new", args=[self.entry.pk]))
        response = self.client.post(reverse("assessment:appeal_new", args=[self.entry.pk]), {"grounds": ""})
        self.assertContains(response, "请写明申诉理由")
        response = self.client.post(
            reverse("assessment:appeal_new", args=[self.entry.pk]), {"grounds": "已整改"}
        )
        appeal = Appeal.objects.get()
        self.assertRedirects(response, appeal.get_absolute_url())
        self.login(self.admin)
        self.client.post(reverse("assessment:appeal_grant", args=[appeal.pk]), {"reason": "属实"})
        page = self.client.get(reverse("assessment:standings", args=[2026]))
        self.assertEqual([r.score for r in page.context["groups"][0].rows], [Decimal(102), Decimal(100)])

    def test_public_page_embeds_and_feeds_list_the_year(self):
        do_set_published(self.ay, self.admin, published=True)
        response = self.client.get(reverse("public_assessment:standings", args=[2026]) + "?embed=1")
        self.assertContains(response, "县人力资源和社会保障局")
        self.assertIn("frame-ancestors", response["Content-Security-Policy"])
        rss = self.client.get(reverse("public_assessment:feed_rss"))
        self.assertContains(rss, "2026年度效能考核")
        feed = self.client.get(reverse("public_assessment:feed_json")).json()
        self.assertEqual(feed["items"][0]["id"], "assessment-2026")

    def test_appeal_list_queries_do_not_grow(self):
        self.login(self.admin)
        url = reverse("assessment:appeal_list")
        with self.assertNumQueries(7):
            self.client.get(url)
