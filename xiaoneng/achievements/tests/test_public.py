import datetime
import json
from zoneinfo import ZoneInfo

import time_machine
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from xiaoneng.achievements import actions
from xiaoneng.achievements.models import CommentState, PublicComment
from xiaoneng.achievements.tests.base import AchievementTestCase

SHANGHAI = ZoneInfo("Asia/Shanghai")
DURING = datetime.datetime(2026, 3, 28, 10, tzinfo=SHANGHAI)
AFTER = datetime.datetime(2026, 4, 10, 10, tzinfo=SHANGHAI)
BEFORE = datetime.datetime(2026, 3, 20, 10, tzinfo=SHANGHAI)


class PublicDisplayTests(AchievementTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.selected = cls.to_state(cls.draft, "selected")
        cls.verified_only = cls.to_state(cls.declare(cls.liaison_b, "核实未入选的实绩"), "verified")
        cls.open_display()  # 2026-03-26 to 2026-04-02

    def setUp(self):
        cache.clear()

    def comment(self, **data):
        return self.client.post(self.selected.get_public_url(), {"kind": "comment", "text": "点赞", **data})

    @time_machine.travel(DURING, tick=False)
    def test_only_selected_ones_on_display(self):
        response = self.client.get(reverse("public_achievements:list"))
        self.assertContains(response, "道路运输证即办")
        self.assertNotContains(response, "核实未入选的实绩")
        self.assertEqual(self.client.get(self.verified_only.get_public_url()).status_code, 404)

    @time_machine.travel(BEFORE, tick=False)
    def test_nothing_before_the_period(self):
        self.assertNotContains(self.client.get(reverse("public_achievements:list")), "道路运输证即办")
        self.assertEqual(self.client.get(self.selected.get_public_url()).status_code, 404)

    @time_machine.travel(DURING, tick=False)
    def test_anyone_may_comment_and_it_waits_for_moderation(self):
        response = self.comment(name="张先生", kind="objection", text="该事项办理仍需3天")
        self.assertEqual(response.status_code, 302)
        comment = PublicComment.objects.get()
        self.assertEqual(
            (comment.kind, comment.state, comment.name), ("objection", CommentState.PENDING, "张先生")
        )
        page = self.client.get(response["Location"])
        self.assertContains(page, "谢谢！您的留言经审核后公开。")
        self.assertNotContains(page, "该事项办理仍需3天")

    @time_machine.travel(DURING, tick=False)
    def test_shown_comments_appear_in_their_moderated_words(self):
        comment = actions.do_post_comment(self.selected, text="电话13800000000，很好")
        actions.do_moderate_comment(comment, actor=self.staff, show=True, text="电话（已隐去），很好")
        hidden = actions.do_post_comment(self.selected, text="广告")
        actions.do_moderate_comment(hidden, actor=self.staff, show=False, reason="广告")
        page = self.client.get(self.selected.get_public_url())
        self.assertContains(page, "电话（已隐去），很好")
        self.assertNotContains(page, "13800000000")
        self.assertNotContains(page, "广告")

    @time_machine.travel(AFTER, tick=False)
    def test_after_the_period_still_shown_but_closed(self):
        page = self.client.get(self.selected.get_public_url())
        self.assertContains(page, "公示期已结束")
        response = self.comment()
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "仅在公示期内接受留言", status_code=400)
        self.assertFalse(PublicComment.objects.exists())

    @time_machine.travel(DURING, tick=False)
    def test_empty_comment_refused(self):
        response = self.comment(text="  ")
        self.assertEqual(response.status_code, 400)
        self.assertFalse(PublicComment.objects.exists())

    @time_machine.travel(DURING, tick=False)
    @override_settings(XIAONENG_PUBLIC_SUBMIT_RATE="2/h")
    def test_rate_limited(self):
        self.comment()
        self.comment()
        response = self.comment()
        self.assertEqual(response.status_code, 429)
        self.assertIn("Retry-After", response)
        self.assertEqual(PublicComment.objects.count(), 2)

    @time_machine.travel(DURING, tick=False)
    def test_honeypot_drops_bots_silently(self):
        self.assertEqual(self.comment(website="http://spam").status_code, 302)
        self.assertFalse(PublicComment.objects.exists())

    @time_machine.travel(DURING, tick=False)
    def test_embedded(self):
        response = self.client.get(reverse("public_achievements:list") + "?embed=1")
        self.assertContains(response, f"{self.selected.get_public_url()}?embed=1")
        self.assertNotContains(response, "public-head")
        response = self.comment(embed="1")
        self.assertTrue(response["Location"].endswith("embed=1"))

    @time_machine.travel(DURING, tick=False)
    def test_feeds(self):
        rss = self.client.get(reverse("public_achievements:rss")).content.decode()
        self.assertIn("县交通运输局：道路运输证即办", rss)
        self.assertNotIn("核实未入选的实绩", rss)
        feed = json.loads(self.client.get(reverse("public_achievements:json")).content)
        self.assertEqual([i["id"] for i in feed["items"]], [f"achievement:{self.selected.public_id}"])
        self.assertEqual(feed["items"][0]["tags"], ["2026Q1", "交通局"])

    @time_machine.travel(DURING, tick=False)
    def test_list_queries_do_not_grow(self):
        url = reverse("public_achievements:list")
        self.client.get(url)
        with self.assertNumQueries(3) as before:
            self.client.get(url)
        for n in range(3):
            self.to_state(self.declare(self.liaison_a, f"更多{n}"), "selected")
        with self.assertNumQueries(len(before.captured_queries)):
            self.client.get(url)
