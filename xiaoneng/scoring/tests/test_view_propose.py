from decimal import Decimal

from django.urls import reverse

from xiaoneng.scoring.models import ScoreProposal, ScoreRule
from xiaoneng.scoring.tests.base import ScoringTestCase

URL = reverse("scoring:proposal_new")


class ProposeViewTests(ScoringTestCase):
    def post(self, user, **fields):
        self.login(user)
        data = {"unit": self.unit_a.pk, "rule": ScoreRule.objects.get(code="competition").pk,
                "points": "", "year": 2026, "reason": "全市窗口服务竞赛获奖"}
        return self.client.post(URL, {**data, **fields}, follow=True)

    def test_anonymous_is_sent_to_login(self):
        self.assertEqual(self.client.get(URL).status_code, 302)

    def test_roles_that_may_not_propose_are_forbidden(self):
        for name in ("confirmer", "leader", "liaison_a", "liaison_b", "section_liaison", "head_a",
                     "supervisor"):
            with self.subTest(name):
                self.login(getattr(self, name))
                self.assertEqual(self.client.get(URL).status_code, 403)
                self.assertEqual(self.client.post(URL, {"reason": "x"}).status_code, 403)
        self.assertFalse(ScoreProposal.objects.exists())

    def test_staff_and_admin_see_the_form(self):
        for name in ("staff", "admin"):
            with self.subTest(name):
                self.login(getattr(self, name))
                self.assertContains(self.client.get(URL), "提出记分建议")

    def test_staff_proposes_with_default_points(self):
        response = self.post(self.staff)
        proposal = ScoreProposal.objects.get()
        self.assertRedirects(response, proposal.get_absolute_url())
        self.assertContains(response, "已提出记分建议，等待审核。")
        self.assertEqual((proposal.unit, proposal.points, proposal.proposer, proposal.source),
                         (self.unit_a, Decimal("1.00"), self.staff, None))

    def test_wrong_sign_is_explained_in_chinese(self):
        response = self.post(self.staff, points="-2")
        self.assertContains(response, "加分项的分值必须为正数。")
        self.assertFalse(ScoreProposal.objects.exists())

    def test_blank_reason_is_a_form_error(self):
        self.assertEqual(self.post(self.admin, reason="").status_code, 200)
        self.assertFalse(ScoreProposal.objects.exists())
