from django.urls import reverse

from xiaoneng.snail import actions
from xiaoneng.snail.models import Batch, Item, ItemState
from xiaoneng.snail.tests.base import SnailTestCase, at
from xiaoneng.testing import make_user


class RoleMatrix(SnailTestCase):
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

    def assert_statuses(self, url, allowed: dict, method="get", data=None):
        self.client.logout()
        response = getattr(self.client, method)(url, data or {})
        self.assertEqual(response.status_code, 302, "anonymous")
        self.assertIn(reverse("web:login"), response["Location"])
        for name, user in self.roles().items():
            self.client.force_login(user)
            response = getattr(self.client, method)(url, data or {})
            self.assertEqual(response.status_code, allowed.get(name, 403), name)


VIEWERS = {"admin": 200, "staff": 200, "leader": 200}
MANAGERS = {"admin": 302, "staff": 302}


class Permissions(RoleMatrix):
    def test_index(self):
        self.assert_statuses(reverse("snail:index"), VIEWERS)

    def test_item(self):
        self.assert_statuses(self.item().get_absolute_url(), VIEWERS)

    def test_batch(self):
        self.assert_statuses(actions.do_create_batch(actor=self.staff, year=2013).get_absolute_url(), VIEWERS)

    def test_propose(self):
        self.assert_statuses(reverse("snail:propose"), MANAGERS, "post")

    def test_item_new(self):
        self.assert_statuses(reverse("snail:item_new"), MANAGERS, "post", {
            "title": "涉企乱收费问题处理不认真", "problem": "企业反映收费问题久拖不决",
            "lead_source": "hotline", "unit": self.unit_b.pk})
        self.assertEqual(Item.objects.count(), 2)

    def test_item_actions(self):
        item = self.item()
        url = reverse("snail:item_act", args=[item.public_id, "dismiss"])
        self.assert_statuses(url, MANAGERS, "post", {"reason": "重复"})
        item.refresh_from_db()
        self.assertEqual(item.state, ItemState.DISMISSED)

    def test_batch_new(self):
        self.assert_statuses(reverse("snail:batch_new"), MANAGERS, "post", {"year": 2013})
        self.assertEqual(sorted(Batch.objects.values_list("number", flat=True)), [1, 2])

    def test_batch_publish(self):
        batch = actions.do_create_batch(actor=self.staff, year=2013)
        actions.do_select_item(self.item(), actor=self.staff, batch=batch)
        self.assert_statuses(reverse("snail:batch_publish", args=[batch.public_id]), {"admin": 302}, "post")
        batch.refresh_from_db()
        self.assertEqual(batch.state, "published")


class PageTests(RoleMatrix):
    def test_index_in_chinese_with_candidates(self):
        self.item()
        self.login(self.staff)
        response = self.client.get(reverse("snail:index"))
        self.assertContains(response, "候选事项")
        self.assertContains(response, "市政基础设施维修不及时")

    def test_missing_problem_shows_a_message(self):
        self.login(self.staff)
        response = self.client.post(reverse("snail:item_new"), {"title": "x", "lead_source": "media",
                                                               "unit": self.unit_a.pk})
        self.assertContains(response, "这个字段是必填项", status_code=400)

    def test_select_into_a_published_batch_shows_an_error(self):
        self.login(self.staff)
        item = self.item()
        url = reverse("snail:item_act", args=[item.public_id, "select"])
        response = self.client.post(url, {"batch": 999}, follow=True)
        self.assertContains(response, "请选择编排中的批次")

    def test_candidate_list_queries_do_not_grow(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        self.login(self.staff)
        self.item()
        with CaptureQueriesContext(connection) as one:
            self.client.get(reverse("snail:index"))
        for n in range(5):
            self.item(f"事项{n}")
        with self.assertNumQueries(len(one)):
            self.client.get(reverse("snail:index"))


class PublicTests(SnailTestCase):
    def setUp(self):
        with at(2013, 5, 13):
            self.batch = self.published(self.item(co_units=[self.unit_b]), self.item("项目资金未按期落实"))

    def test_published_batch_on_the_portal(self):
        response = self.client.get(reverse("public_snail:batch", args=[self.batch.public_id]))
        self.assertContains(response, "2013年第1批“蜗牛奖”")
        self.assertContains(response, "涉及2个事项，2个单位榜上有名")
        self.assertContains(response, "县人力资源和社会保障局")

    def test_embeddable(self):
        response = self.client.get(reverse("public_snail:index") + "?embed=1")
        self.assertNotIn("X-Frame-Options", response)
        self.assertContains(response, "?embed=1")
        self.assertNotContains(response, "public-head")

    def test_a_draft_batch_is_not_public(self):
        draft = actions.do_create_batch(actor=self.staff, year=2013)
        url = reverse("public_snail:batch", args=[draft.public_id])
        self.assertEqual(self.client.get(url).status_code, 404)

    def test_feeds(self):
        self.assertContains(self.client.get(reverse("public_snail:feed_rss")), "项目资金未按期落实")
        feed = self.client.get(reverse("public_snail:feed_json")).json()
        self.assertEqual(feed["items"][0]["title"], "2013年第1批“蜗牛奖”")


class NewsTests(SnailTestCase):
    def test_a_published_batch_is_news(self):
        import datetime

        from xiaoneng.snail.news import center_news

        with at(2013, 5, 13):
            self.published(self.item(co_units=[self.unit_b]))
        (draft,) = center_news(datetime.date(2013, 5, 1), datetime.date(2013, 5, 31))
        self.assertEqual(draft.figures, {"items": 1, "units": 2})
        self.assertIn("2013年第1批“蜗牛奖”认定结果，2个单位榜上有名，涉及1个事项", draft.text)
