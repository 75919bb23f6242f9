from django.urls import reverse

from xiaoneng.evaluations import actions
from xiaoneng.evaluations.models import BallotLink, Consequence, Grade
from xiaoneng.evaluations.tests.base import EvaluationTestCase
from xiaoneng.testing import make_user


class RoleMatrix(EvaluationTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.unit_staff = make_user("unit_staff", "unit_staff", cls.unit_a)
        cls.auditor = make_user("auditor", "audit_admin")

    def roles(self):
        return {"admin": self.admin, "staff": self.staff, "leader": self.leader, "confirmer": self.confirmer,
                "supervisor": self.supervisor, "liaison_a": self.liaison_a, "liaison_b": self.liaison_b,
                "section": self.section_liaison, "head_a": self.head_a, "unit_staff": self.unit_staff,
                "auditor": self.auditor}

    def assert_statuses(self, url, allowed: dict, method="get", data=None, default=403):
        self.client.logout()
        response = getattr(self.client, method)(url, data or {})
        self.assertEqual(response.status_code, 302, "anonymous")
        self.assertIn(reverse("web:login"), response["Location"])
        for name, user in self.roles().items():
            self.client.force_login(user)
            response = getattr(self.client, method)(url, data or {})
            self.assertEqual(response.status_code, allowed.get(name, default), name)


VIEWERS = {"admin": 200, "staff": 200, "leader": 200, "confirmer": 200}


class StaffViewPermissions(RoleMatrix):
    def test_index(self):
        self.assert_statuses(reverse("evaluations:index"), VIEWERS)

    def test_detail(self):
        self.assert_statuses(self.round.get_absolute_url(), VIEWERS)

    def test_create(self):
        self.assert_statuses(reverse("evaluations:create"), {"admin": 302, "staff": 302}, "post",
                             {"title": "评议", "year": 2013, "min_ballots": 3, "ledger_weight": 30,
                              "ledger_base": 100})

    def test_round_actions(self):
        url = reverse("evaluations:act", args=[self.round.public_id, "dimension"])
        self.assert_statuses(url, {"admin": 302, "staff": 302}, "post",
                             {"dimension-name": "廉洁自律", "dimension-weight": "10"})

    def test_issue_links(self):
        url = reverse("evaluations:issue_links", args=[self.round.public_id])
        self.assert_statuses(url, {"admin": 200, "staff": 200}, "post",
                             {"links-group": self.enterprises.pk, "links-count": 2})
        self.assertEqual(BallotLink.objects.count(), 4)

    def test_decide(self):
        self.open()
        self.standard_votes()
        self.close()
        consequence = Consequence.objects.get(kind="head_removal")
        url = reverse("evaluations:decide", args=[consequence.pk, "withdraw"])
        self.assert_statuses(url, {"confirmer": 302}, "post", {"note": "不适用"})
        consequence.refresh_from_db()
        self.assertEqual(consequence.state, "withdrawn")


class StaffPageTests(RoleMatrix):
    def test_detail_in_chinese(self):
        self.login(self.staff)
        response = self.client.get(self.round.get_absolute_url())
        self.assertContains(response, "参评群体")
        self.assertContains(response, "工作作风")

    def test_links_download_is_a_csv_of_ballot_urls(self):
        self.login(self.staff)
        response = self.client.post(reverse("evaluations:issue_links", args=[self.round.public_id]),
                                    {"links-group": self.enterprises.pk, "links-count": 3})
        body = response.content.decode("utf-8-sig")
        self.assertEqual(body.count("/public/evaluations/ballot/"), 3)

    def test_bad_weight_shows_a_message(self):
        self.login(self.staff)
        response = self.client.post(reverse("evaluations:act", args=[self.round.public_id, "group"]),
                                    {"group-kind": "public", "group-name": "群众", "group-weight": "-1"})
        self.assertEqual(response.status_code, 400)

    def test_confirmer_sees_buttons_only_for_drafts(self):
        self.open()
        self.standard_votes()
        self.close()
        self.login(self.confirmer)
        self.assertContains(self.client.get(self.round.get_absolute_url()), "确认")
        self.login(self.leader)
        self.assertNotContains(self.client.get(self.round.get_absolute_url()), 'decide/')

    def test_list_queries_do_not_grow_with_rounds(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        self.login(self.staff)
        with CaptureQueriesContext(connection) as one:
            self.client.get(reverse("evaluations:index"))
        for year in range(2014, 2020):
            actions.do_create_round(actor=self.staff, title=f"{year}年评议", year=year)
        with self.assertNumQueries(len(one)):
            self.client.get(reverse("evaluations:index"))


class PublicTests(EvaluationTestCase):
    def setUp(self):
        self.open()

    def test_ballot_page_is_public_and_in_chinese(self):
        (secret,) = self.links()
        response = self.client.get(reverse("public_evaluations:ballot", args=[secret]))
        self.assertContains(response, "县交通运输局")
        self.assertContains(response, "满意")

    def test_casting_through_the_page_once(self):
        (secret,) = self.links()
        url = reverse("public_evaluations:ballot", args=[secret])
        data = {f"m-{self.t_a.pk}-{d.pk}": Grade.SATISFIED for d in self.dims}
        self.assertContains(self.client.post(url, data), "已计入")
        self.assertEqual(self.client.post(url, data).status_code, 404)
        self.assertEqual(self.client.get(url).status_code, 404)

    def test_an_empty_ballot_is_refused_with_a_message(self):
        (secret,) = self.links()
        response = self.client.post(reverse("public_evaluations:ballot", args=[secret]), {})
        self.assertContains(response, "请至少", status_code=400)
        self.assertFalse(BallotLink.objects.get().used)

    def test_a_refused_ballot_keeps_the_answers(self):
        (secret,) = self.links()
        data = {f"m-{self.t_a.pk}-{self.dims[0].pk}": "80", f"m-{self.t_b.pk}-{self.dims[0].pk}": "55"}
        response = self.client.post(reverse("public_evaluations:ballot", args=[secret]), data)
        self.assertContains(response, '<option value="80" selected>', status_code=400)

    def test_tampered_fields_are_refused(self):
        (secret,) = self.links()
        response = self.client.post(reverse("public_evaluations:ballot", args=[secret]),
                                    {f"m-{self.t_a.pk}-x": "100"})
        self.assertEqual(response.status_code, 400)

    def test_unknown_link(self):
        url = reverse("public_evaluations:ballot", args=["x" * 32])
        self.assertEqual(self.client.get(url).status_code, 404)

    def test_results_appear_only_when_published(self):
        self.standard_votes()
        self.close()
        url = reverse("public_evaluations:detail", args=[self.round.public_id])
        self.assertEqual(self.client.get(url).status_code, 404)
        actions.do_publish_round(self.round, actor=self.staff)
        response = self.client.get(url + "?embed=1")
        self.assertContains(response, "县住房和城乡建设局")
        self.assertContains(response, "票数不足")
        self.assertNotContains(response, "public-head")
        self.assertContains(self.client.get(reverse("public_evaluations:index")), self.round.title)

    def test_feeds(self):
        self.standard_votes()
        self.close()
        actions.do_publish_round(self.round, actor=self.staff)
        rss = self.client.get(reverse("public_evaluations:feed_rss"))
        self.assertContains(rss, self.round.title)
        feed = self.client.get(reverse("public_evaluations:feed_json")).json()
        self.assertIn("县住房和城乡建设局", feed["items"][0]["content_text"])
