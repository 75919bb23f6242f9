from decimal import Decimal

import time_machine
from django.urls import reverse

from xiaoneng.scoring.actions import do_approve_proposal
from xiaoneng.scoring.tests.base import ScoringTestCase

URL = reverse("scoring:ledger")


@time_machine.travel("2026-06-01 10:00:00+08:00", tick=False)
class LedgerViewTests(ScoringTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        propose = cls.propose.__get__(cls)
        for unit, rule, points, year in [
            (cls.unit_a, "snail_award", -3, 2026), (cls.section_a, "complaint_verified", -1, 2026),
            (cls.unit_b, "competition", 2, 2026), (cls.unit_b, "competition", 5, 2025),
        ]:
            proposal = propose(unit=unit, rule_code=rule, points=points, year=year, source=None)
            do_approve_proposal(proposal, cls.admin)

    def totals(self, user, query: str = "") -> dict[str, Decimal]:
        self.login(user)
        response = self.client.get(f"{URL}?{query}")
        self.assertEqual(response.status_code, 200)
        return {row["unit__code"]: row["total"] for row in response.context["totals"]}

    def test_anonymous_is_sent_to_login(self):
        self.assertEqual(self.client.get(URL).status_code, 302)

    def test_supervisor_is_forbidden(self):
        self.login(self.supervisor)
        self.assertEqual(self.client.get(URL).status_code, 403)

    def test_county_wide_roles_see_every_unit(self):
        for name in ("admin", "staff", "confirmer", "leader"):
            with self.subTest(name):
                self.assertEqual(self.totals(getattr(self, name)),
                                 {"rsj": Decimal(2), "jtj": Decimal(-3), "jtj-zf": Decimal(-1)})

    def test_year_is_chosen(self):
        self.assertEqual(self.totals(self.staff, "year=2025"), {"rsj": Decimal("5.00")})

    def test_liaison_sees_only_its_subtree(self):
        self.assertEqual(self.totals(self.liaison_a), {"jtj": Decimal("-3.00"), "jtj-zf": Decimal("-1.00")})
        self.assertEqual(self.totals(self.head_a), {"jtj": Decimal("-3.00"), "jtj-zf": Decimal("-1.00")})
        self.assertEqual(self.totals(self.section_liaison), {"jtj-zf": Decimal("-1.00")})
        self.assertEqual(self.totals(self.liaison_b), {"rsj": Decimal("2.00")})

    def test_page_shows_the_chinese_headings(self):
        self.login(self.staff)
        response = self.client.get(URL)
        self.assertContains(response, "2026年度考核记分台账")
        self.assertContains(response, "蜗牛奖")

    def test_bad_year_falls_back_to_this_year(self):
        self.assertEqual(len(self.totals(self.staff, "year=abc")), 3)
