from django.urls import reverse

from xiaoneng.scoring.models import LedgerEntry, ProposalState
from xiaoneng.scoring.tests.base import ScoringTestCase


class DecideViewTests(ScoringTestCase):
    def setUp(self):
        self.proposal = self.propose()
        self.approve_url = reverse("scoring:proposal_approve", args=[self.proposal.pk])
        self.refuse_url = reverse("scoring:proposal_refuse", args=[self.proposal.pk])

    def state(self) -> str:
        self.proposal.refresh_from_db()
        return self.proposal.state

    def test_deciders_approve(self):
        for name in ("admin", "confirmer"):
            with self.subTest(name):
                self.proposal = self.propose(unit=self.unit_b, reason=name, source=None)
                self.login(getattr(self, name))
                url = reverse("scoring:proposal_approve", args=[self.proposal.pk])
                response = self.client.post(url, follow=True)
                self.assertContains(response, "已批准：-1.00 分已记入考核记分台账。")
                self.assertEqual(self.state(), ProposalState.APPROVED)

    def test_other_roles_are_forbidden_to_approve_and_refuse(self):
        for name in ("staff", "liaison_a", "liaison_b", "section_liaison", "head_a", "supervisor", "leader"):
            with self.subTest(name):
                self.login(getattr(self, name))
                self.assertEqual(self.client.post(self.approve_url).status_code, 403)
                self.assertEqual(self.client.post(self.refuse_url, {"reason": "不实"}).status_code, 403)
        self.assertEqual(self.state(), ProposalState.PROPOSED)

    def test_anonymous_is_sent_to_login(self):
        response = self.client.post(self.approve_url)
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("web:login"), response["Location"])
        self.assertEqual(self.state(), ProposalState.PROPOSED)

    def test_get_is_not_allowed(self):
        self.login(self.admin)
        self.assertEqual(self.client.get(self.approve_url).status_code, 405)

    def test_second_approval_shows_a_chinese_error(self):
        self.login(self.admin)
        self.client.post(self.approve_url)
        self.login(self.confirmer)
        response = self.client.post(self.approve_url, follow=True)
        self.assertContains(response, "该记分建议已审核（已批准），不能重复处理。")
        self.assertEqual(LedgerEntry.objects.count(), 1)

    def test_proposer_cannot_approve_own(self):
        own = self.propose(proposer=self.admin, unit=self.unit_b)
        self.login(self.admin)
        response = self.client.post(reverse("scoring:proposal_approve", args=[own.pk]), follow=True)
        self.assertContains(response, "本条记分由您提出，须由他人审核。")
        self.assertFalse(LedgerEntry.objects.exists())

    def test_refusal_without_reason_shows_a_chinese_error(self):
        self.login(self.confirmer)
        response = self.client.post(self.refuse_url, {"reason": " "}, follow=True)
        self.assertContains(response, "请填写不予采纳的理由。")
        self.assertEqual(self.state(), ProposalState.PROPOSED)

    def test_refusal_with_reason(self):
        self.login(self.confirmer)
        response = self.client.post(self.refuse_url, {"reason": "经复核投诉不实"}, follow=True)
        self.assertContains(response, "该记分建议未予采纳。")
        self.assertContains(response, "经复核投诉不实")
        self.assertEqual(self.state(), ProposalState.REFUSED)

    def test_decider_cannot_reach_a_missing_proposal(self):
        self.login(self.admin)
        response = self.client.post(reverse("scoring:proposal_approve", args=[999999]))
        self.assertEqual(response.status_code, 404)
