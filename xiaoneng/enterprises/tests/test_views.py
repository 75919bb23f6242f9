import datetime
from decimal import Decimal

from django.urls import reverse

from xiaoneng.enterprises import actions
from xiaoneng.enterprises.models import EnterpriseProblem, Indicator
from xiaoneng.enterprises.tests.base import D, EnterpriseTestCase
from xiaoneng.matters import clock

ROLES = (
    "admin",
    "staff",
    "leader",
    "supervisor",
    "liaison_a",
    "head_a",
    "section_liaison",
    "liaison_b",
    "unit_staff_a",
)
VIEWERS = dict.fromkeys(ROLES, 200) | {"supervisor": 403}
ACTORS = ("admin", "staff", "liaison_a", "head_a", "section_liaison", "liaison_b")


def only(names, status, other=403):
    return {name: status if name in names else other for name in ROLES}


class ViewTestCase(EnterpriseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.item = actions.do_watch(
            cls.factory, actor=cls.staff, unit=cls.unit_a, reason="重点企业", added_on=D(2026, 1, 1)
        )
        cls.meeting = actions.do_call_meeting(
            actor=cls.staff, title="3月企业问题会办会", held_on=D(2026, 3, 31), unit=cls.center
        )

    def assert_statuses(self, url, expected, method="get", data=None):
        self.client.logout()
        response = getattr(self.client, method)(url, data or {})
        self.assertEqual(response.status_code, 302, "anonymous")
        self.assertIn(reverse("web:login"), response["Location"])
        for name in ROLES:
            self.client.force_login(getattr(self, name))
            response = getattr(self.client, method)(url, data or {})
            self.assertEqual(response.status_code, expected[name], name)


class PermissionTests(ViewTestCase):
    def test_index_and_lists(self):
        for name in ("index", "problems", "meetings"):
            self.assert_statuses(reverse(f"enterprises:{name}"), VIEWERS)

    def test_problem_detail_only_within_the_unit(self):
        self.assert_statuses(
            self.problem_a.get_absolute_url(), VIEWERS | {"liaison_b": 404, "section_liaison": 404}
        )

    def test_problem_new(self):
        self.assert_statuses(reverse("enterprises:problem_new"), only(ACTORS, 200))

    def test_watch_new_and_import(self):
        self.assert_statuses(reverse("enterprises:watch_new"), only(ACTORS, 302), "post")
        self.assert_statuses(reverse("enterprises:import"), only(ACTORS, 200))

    def test_indicator(self):
        url = reverse("enterprises:indicator_new", args=[self.item.pk])
        self.assert_statuses(url, only(ACTORS, 302) | {"liaison_b": 404, "section_liaison": 404}, "post")

    def test_meeting(self):
        self.assert_statuses(
            self.meeting.get_absolute_url(),
            VIEWERS
            | {
                "liaison_a": 404,
                "head_a": 404,
                "section_liaison": 404,
                "liaison_b": 404,
                "unit_staff_a": 404,
            },
        )
        self.assert_statuses(reverse("enterprises:meetings"), only(ACTORS, 200) | {"supervisor": 403}, "post")


class ScreenTests(ViewTestCase):
    def test_record_a_problem_from_the_form(self):
        self.login(self.liaison_a)
        response = self.client.post(
            reverse("enterprises:problem_new"),
            {
                "target": self.factory.pk,
                "type": self.funding.pk,
                "title": "流动资金短缺",
                "unit": self.unit_b.pk,
                "reported_on": "2026-03-05",
            },
        )
        problem = EnterpriseProblem.objects.get(title="流动资金短缺")
        self.assertRedirects(response, problem.get_absolute_url(), fetch_redirect_response=False)
        self.assertEqual(problem.matter.unit, self.unit_b)

    def test_the_index_shows_warnings_and_the_watchlist_in_chinese(self):
        actions.do_record_indicator(
            self.item,
            actor=self.staff,
            indicator=Indicator.objects.get(code="power_use"),
            period=D(2026, 2, 1),
            value=Decimal("3"),
        )
        self.login(self.staff)
        page = self.client.get(reverse("enterprises:index"))
        self.assertContains(page, "监测指标越过预警线")
        self.assertContains(page, "预警")

    def test_problem_list_in_few_queries(self):
        for n in range(5):
            self.record(self.factory, self.power, self.unit_a, D(2026, 3, 10), f"问题{n}")
        self.login(self.staff)
        with self.assertNumQueries(9):
            page = self.client.get(reverse("enterprises:problems"))
        self.assertContains(page, "问题4")

    def test_a_decision_from_the_meeting_page(self):
        self.login(self.staff)
        deadline = clock.today() + datetime.timedelta(days=20)
        self.client.post(
            self.meeting.get_absolute_url(),
            {
                "text": "县供电公司上门核定",
                "unit": self.unit_b.pk,
                "deadline": deadline.isoformat(),
                "problem": self.problem_a.pk,
                "minutes": "纪要",
            },
        )
        decision = self.meeting.decisions.get()
        self.assertEqual(decision.matter.unit, self.unit_b)


class BadInputTests(ViewTestCase):
    def test_odd_query_values_never_fail(self):
        self.login(self.staff)
        for url in (
            "/enterprises/?year=99999",
            "/enterprises/?year=abc",
            "/enterprises/problems/?type=nope&page=x",
        ):
            self.assertEqual(self.client.get(url).status_code, 200, url)

    def test_a_bad_indicator_form_comes_back_with_a_message(self):
        self.login(self.staff)
        response = self.client.post(
            reverse("enterprises:indicator_new", args=[self.item.pk]), {"value": "很多"}, follow=True
        )
        self.assertContains(response, '<li class="error">')
