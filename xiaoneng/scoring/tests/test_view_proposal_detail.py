from django.urls import reverse

from xiaoneng.scoring.tests.base import ScoringTestCase


def detail(proposal) -> str:
    return reverse("scoring:proposal_detail", args=[proposal.pk])


class ProposalDetailTests(ScoringTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.proposal = cls.propose.__get__(cls)(unit=cls.section_a, reason="执法大队投诉查实")

    def test_anonymous_is_sent_to_login(self):
        response = self.client.get(detail(self.proposal))
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("web:login"), response["Location"])

    def test_supervisor_is_forbidden(self):
        self.login(self.supervisor)
        self.assertEqual(self.client.get(detail(self.proposal)).status_code, 403)

    def test_other_units_get_not_found(self):
        for name in ("liaison_b",):
            with self.subTest(name):
                self.login(getattr(self, name))
                self.assertEqual(self.client.get(detail(self.proposal)).status_code, 404)

    def test_section_liaison_cannot_see_its_parents_proposal(self):
        parent = self.propose(unit=self.unit_a)
        self.login(self.section_liaison)
        self.assertEqual(self.client.get(detail(parent)).status_code, 404)

    def test_viewers_see_the_proposal_without_decision_forms(self):
        for name in ("staff", "leader", "liaison_a", "section_liaison", "head_a"):
            with self.subTest(name):
                self.login(getattr(self, name))
                response = self.client.get(detail(self.proposal))
                self.assertContains(response, "执法大队投诉查实")
                self.assertNotContains(response, "批准并记入台账")

    def test_deciders_see_the_decision_forms(self):
        for name in ("admin", "confirmer"):
            with self.subTest(name):
                self.login(getattr(self, name))
                self.assertContains(self.client.get(detail(self.proposal)), "批准并记入台账")

    def test_proposer_does_not_see_the_decision_forms(self):
        own = self.propose(proposer=self.admin, unit=self.unit_b)
        self.login(self.admin)
        self.assertNotContains(self.client.get(detail(own)), "批准并记入台账")

    def test_history_is_shown(self):
        self.login(self.staff)
        self.assertContains(self.client.get(detail(self.proposal)), "提出记分建议")

    def test_unknown_proposal_is_not_found(self):
        self.login(self.admin)
        self.assertEqual(self.client.get(reverse("scoring:proposal_detail", args=[999999])).status_code, 404)
