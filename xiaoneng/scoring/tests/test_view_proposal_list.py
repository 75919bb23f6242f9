from django.urls import reverse

from xiaoneng.scoring.actions import do_approve_proposal
from xiaoneng.scoring.tests.base import ScoringTestCase

URL = reverse("scoring:proposal_list")


class ProposalListAccessTests(ScoringTestCase):
    def test_anonymous_is_sent_to_login(self):
        response = self.client.get(URL)
        self.assertRedirects(response, f"{reverse('web:login')}?next={URL}", fetch_redirect_response=False)

    def test_supervisor_is_forbidden(self):
        self.login(self.supervisor)
        self.assertEqual(self.client.get(URL).status_code, 403)

    def test_viewing_roles_may_open_it(self):
        for name in ("admin", "staff", "confirmer", "leader", "liaison_a", "liaison_b",
                     "section_liaison", "head_a"):
            with self.subTest(name):
                self.login(getattr(self, name))
                self.assertContains(self.client.get(URL), "记分建议")


class ProposalListContentTests(ScoringTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        propose = cls.propose.__get__(cls)  # the helper, bound to the class for set-up
        cls.for_a = propose(unit=cls.unit_a, reason="交通局投诉查实")
        cls.for_section = propose(unit=cls.section_a, reason="执法大队投诉查实")
        cls.for_head = propose(person=cls.head_a.person, reason="局长通报批评", rule_code="critical_notice")
        cls.for_b = propose(unit=cls.unit_b, reason="人社局投诉查实")
        cls.approved_b = propose(unit=cls.unit_b, reason="人社局竞赛获奖", rule_code="competition", year=2025)
        do_approve_proposal(cls.approved_b, cls.admin)

    def seen(self, user, query: str = "") -> set[int]:
        self.login(user)
        response = self.client.get(f"{URL}?{query}")
        self.assertEqual(response.status_code, 200)
        return {proposal.pk for proposal in response.context["page"]}

    def test_center_sees_every_pending_proposal(self):
        self.assertEqual(self.seen(self.staff),
                         {self.for_a.pk, self.for_section.pk, self.for_head.pk, self.for_b.pk})

    def test_state_filter(self):
        self.assertEqual(self.seen(self.staff, "state=approved"), {self.approved_b.pk})
        self.assertEqual(len(self.seen(self.staff, "state=all")), 5)

    def test_unit_filter_takes_the_subtree_and_its_persons(self):
        self.assertEqual(self.seen(self.admin, f"unit={self.unit_a.pk}"),
                         {self.for_a.pk, self.for_section.pk, self.for_head.pk})

    def test_rule_and_year_filters(self):
        from xiaoneng.scoring.models import ScoreRule

        rule = ScoreRule.objects.get(code="competition")
        self.assertEqual(self.seen(self.admin, f"state=all&rule={rule.pk}&year=2025"), {self.approved_b.pk})

    def test_liaison_sees_only_its_subtree(self):
        self.assertEqual(self.seen(self.liaison_a), {self.for_a.pk, self.for_section.pk, self.for_head.pk})
        self.assertEqual(self.seen(self.liaison_b, "state=all"), {self.for_b.pk, self.approved_b.pk})

    def test_section_liaison_sees_only_its_section(self):
        self.assertEqual(self.seen(self.section_liaison, "state=all"), {self.for_section.pk})

    def test_liaison_cannot_filter_on_another_unit(self):
        self.assertEqual(self.seen(self.liaison_a, f"unit={self.unit_b.pk}"),
                         {self.for_a.pk, self.for_section.pk, self.for_head.pk})

    def test_liaison_page_names_no_other_unit(self):
        self.login(self.liaison_a)
        self.assertNotContains(self.client.get(f"{URL}?state=all"), "人社局")

    def test_bad_filters_do_not_fail(self):
        self.assertEqual(len(self.seen(self.staff, "year=abc&unit=x&rule=999&page=zz")), 4)

    def test_unknown_state_is_reported(self):
        self.login(self.staff)
        self.assertContains(self.client.get(f"{URL}?state=nope"), "nope")


class ProposalListQueryTests(ScoringTestCase):
    def count_queries(self) -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            self.assertEqual(self.client.get(URL).status_code, 200)
        return len(captured)

    def test_queries_do_not_grow_with_the_rows(self):
        self.login(self.liaison_a)
        self.propose(unit=self.unit_a, source=None)
        one = self.count_queries()
        for _ in range(5):
            self.propose(person=self.head_a.person, source=None)
        self.assertEqual(self.count_queries(), one)
