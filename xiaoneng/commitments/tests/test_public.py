import json

from django.urls import reverse

from xiaoneng.commitments import actions
from xiaoneng.commitments.tests.base import CommitmentTestCase


class PublicPageTests(CommitmentTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.breach = actions.do_record_breach(cls.item, actor=cls.staff, description="抽查2件超过承诺时限")
        actions.do_report_progress(cls.other_item, actor=cls.liaison_a, progress=60)

    def test_list_shows_every_units_commitments_without_login(self):
        response = self.client.get(reverse("public_commitments:list"))
        self.assertContains(response, "县交通运输局")
        self.assertContains(response, "道路运输证3个工作日内办结 · 有诺不践")
        self.assertContains(response, "对重点企业实行绿卡服务 · 推进中 60%")
        self.assertIn("frame-ancestors", response["Content-Security-Policy"])

    def test_a_draft_notice_is_not_public(self):
        response = self.client.get(self.commitment.get_public_url())
        self.assertNotContains(response, "关于县交通运输局有诺不践的通报")

    def test_a_published_notice_is(self):
        actions.do_publish_notice(self.breach.notice, actor=self.staff)
        self.assertContains(
            self.client.get(self.commitment.get_public_url()), "关于县交通运输局有诺不践的通报"
        )
        self.assertContains(
            self.client.get(reverse("public_commitments:list")), "关于县交通运输局有诺不践的通报"
        )

    def test_matters_and_staff_are_not_public(self):
        response = self.client.get(self.commitment.get_public_url())
        self.assertNotContains(response, self.breach.matter.public_id)
        self.assertNotContains(response, "抽查2件超过承诺时限")  # the unpublished finding

    def test_embedded_pages_keep_the_flag(self):
        response = self.client.get(reverse("public_commitments:list") + "?embed=1")
        self.assertContains(response, f"{self.commitment.get_public_url()}?embed=1")
        self.assertNotContains(response, "public-head")

    def test_unknown_commitment_404(self):
        self.assertEqual(
            self.client.get(reverse("public_commitments:detail", args=["NOPE"])).status_code, 404
        )


class FeedTests(CommitmentTestCase):
    def test_rss_lists_commitments_with_fulfilment(self):
        actions.do_report_progress(self.item, actor=self.liaison_a, progress=50)
        response = self.client.get(reverse("public_commitments:rss"))
        self.assertEqual(response["Content-Type"], "application/rss+xml; charset=utf-8")
        body = response.content.decode()
        self.assertIn("县交通运输局 · 改进作风、优化服务集中公开承诺", body)
        self.assertIn("道路运输证3个工作日内办结（推进中，50%）", body)

    def test_json_feed_has_published_notices_only(self):
        breach = actions.do_record_breach(self.item, actor=self.staff, description="超时")
        feed = json.loads(self.client.get(reverse("public_commitments:json")).content)
        self.assertEqual(feed["version"], "https://jsonfeed.org/version/1.1")
        self.assertEqual([i["id"] for i in feed["items"]], [f"commitment:{self.commitment.public_id}"])
        actions.do_publish_notice(breach.notice, actor=self.staff)
        feed = json.loads(self.client.get(reverse("public_commitments:json")).content)
        titles = [i["title"] for i in feed["items"]]
        self.assertIn("关于县交通运输局有诺不践的通报", titles)
        self.assertTrue(
            all(i["url"].startswith("http://testserver/public/commitments/") for i in feed["items"])
        )
