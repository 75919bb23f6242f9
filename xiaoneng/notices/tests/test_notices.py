import io

import docx
import time_machine
from django.urls import reverse
from django.utils import translation

from xiaoneng.accountability.actions import do_propose_accountability
from xiaoneng.accountability.models import AccountabilityForm
from xiaoneng.notices.actions import (
    NoticeError,
    NoticePermissionDenied,
    do_approve_notice,
    do_draft_from,
    do_draft_notice,
    do_publish_notice,
)
from xiaoneng.notices.models import Notice, NoticeState
from xiaoneng.org.models import Person, Position
from xiaoneng.scoring.models import ScoreProposal
from xiaoneng.testing import XiaonengTestCase, make_user
from xiaoneng.trace.chain import events_for

ROLES = [
    "admin",
    "staff",
    "confirmer",
    "leader",
    "liaison_a",
    "liaison_b",
    "section_liaison",
    "head_a",
    "supervisor",
    None,
]
VIEWERS = {"admin", "staff", "leader"}


class NoticeCase(XiaonengTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.confirmer = make_user("confirmer", "confirmer")
        cls.cadre = Person.objects.create(name="王某", unit=cls.unit_a, position=Position.CHIEF)

    def setUp(self):
        super().setUp()
        self.enterContext(translation.override("en"))

    def draft(self, kind="criticism", **kw):
        args = {
            "kind": kind,
            "title": "关于县交通运输局办事拖延的通报",
            "body": "第一段\n第二段",
            "actor": self.staff,
            "units": [self.unit_a],
        }
        return do_draft_notice(**(args | kw))


@time_machine.travel("2026-04-01 10:00:00+08:00", tick=False)
class NoticeActionTests(NoticeCase):
    def test_draft_approve_publish(self):
        notice = self.draft()
        do_approve_notice(notice, self.admin)
        notice.refresh_from_db()
        self.assertEqual((notice.state, notice.doc_no), (NoticeState.APPROVED, "金效通〔2026〕1号"))
        do_publish_notice(notice, self.admin)
        notice.refresh_from_db()
        self.assertEqual(notice.state, NoticeState.PUBLISHED)
        self.assertEqual(
            [e.kind for e in events_for(notice)], ["notices.drafted", "notices.approved", "notices.published"]
        )

    def test_numbers_follow_each_other(self):
        first, second = self.draft(), self.draft(kind="commendation")
        do_approve_notice(first, self.admin)
        self.assertEqual(do_approve_notice(second, self.admin).doc_no, "金效通〔2026〕2号")

    def test_criticism_proposes_the_critical_notice_deduction(self):
        notice = do_approve_notice(self.draft(persons=[self.cadre]), self.admin)
        proposals = ScoreProposal.objects.filter(rule__code="critical_notice").order_by("pk")
        self.assertEqual(
            [(p.unit, p.person, p.source, p.state) for p in proposals],
            [(self.unit_a, None, notice, "proposed"), (None, self.cadre, notice, "proposed")],
        )

    def test_commendation_proposes_nothing(self):
        do_approve_notice(self.draft(kind="commendation"), self.admin)
        self.assertFalse(ScoreProposal.objects.exists())

    def test_publishing_needs_approval_first(self):
        with self.assertRaisesMessage(NoticeError, "approved"):
            do_publish_notice(self.draft(), self.admin)

    def test_bad_drafts_are_refused(self):
        with self.assertRaisesMessage(NoticeError, "title"):
            self.draft(title=" ")
        with self.assertRaisesMessage(NoticeError, "at least one"):
            self.draft(units=[])
        self.assertFalse(Notice.objects.exists())

    def test_permissions(self):
        with self.assertRaises(NoticePermissionDenied):
            self.draft(actor=self.liaison_a)
        with self.assertRaises(NoticePermissionDenied):
            do_approve_notice(self.draft(), self.staff)

    def test_drafted_from_an_accountability_record(self):
        record = do_propose_accountability(
            person=self.cadre,
            unit=None,
            form=AccountabilityForm.CRITICAL_NOTICE,
            reason="群众办事多次往返",
            clause="第五条",
            proposer=self.staff,
        )
        notice = do_draft_from(record, self.staff)
        self.assertEqual((notice.kind, notice.source), ("criticism", record))
        self.assertIn("群众办事多次往返", notice.body)
        self.assertEqual({str(s) for s in notice.subjects.all()}, {"县交通运输局", "王某（交通局）"})

    def test_docx_through_the_shared_renderer(self):
        from xiaoneng.notices.actions import notice_docx

        notice = do_approve_notice(self.draft(), self.admin)
        text = "\n".join(p.text for p in docx.Document(io.BytesIO(notice_docx(notice))).paragraphs)
        self.assertIn("金效通〔2026〕1号", text)
        self.assertIn("第二段", text)


@time_machine.travel("2026-04-01 10:00:00+08:00", tick=False)
class NoticeViewTests(NoticeCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        with time_machine.travel("2026-04-01 10:00:00+08:00", tick=False):
            cls.notice = do_draft_notice(
                kind="criticism", title="关于某局的通报", body="正文", actor=cls.staff, units=[cls.unit_a]
            )
            cls.published = do_draft_notice(
                kind="commendation",
                title="关于表扬某局的通报",
                body="表扬",
                actor=cls.staff,
                units=[cls.unit_b],
            )
            do_publish_notice(do_approve_notice(cls.published, cls.admin), cls.admin)

    def status(self, name, url, method="get", data=None):
        self.client.logout()
        if name:
            self.login(getattr(self, name))
        return getattr(self.client, method)(url, data or {}).status_code

    def check(self, url, allowed, method="get", ok=200, data=None):
        for name in ROLES:
            with self.subTest(name=name, url=url):
                want = 302 if name is None else ok if name in allowed else 403
                self.assertEqual(self.status(name, url, method, data), want)

    def test_staff_pages_by_role(self):
        for url in (
            reverse("notices:list"),
            reverse("notices:detail", args=[self.notice.pk]),
            reverse("notices:docx", args=[self.published.pk]),
        ):
            self.check(url, VIEWERS)
        self.check(reverse("notices:new"), {"admin", "staff"})
        self.check(reverse("notices:edit", args=[self.notice.pk]), {"admin", "staff"})

    def test_draft_from_by_role(self):
        url = reverse("notices:draft_from", args=["org-Unit", self.unit_a.pk])  # no drafter: 404 once allowed
        for name in ROLES:
            with self.subTest(name):
                want = 302 if name is None else 404 if name in {"admin", "staff"} else 403
                self.assertEqual(self.status(name, url, "post"), want)
        for name in ROLES:
            with self.subTest(name, feed="rss"):
                self.assertEqual(self.status(name, reverse("public_notices:feed_rss")), 200)

    def test_decisions_by_role(self):
        self.check(reverse("notices:publish", args=[self.notice.pk]), {"admin"}, method="post", ok=302)
        self.check(reverse("notices:approve", args=[self.notice.pk]), {"admin"}, method="post", ok=302)
        self.notice.refresh_from_db()
        self.assertEqual(self.notice.state, NoticeState.APPROVED)

    def test_public_pages_show_only_published(self):
        for name in ROLES:
            with self.subTest(name):
                self.assertEqual(self.status(name, reverse("public_notices:list")), 200)
                self.assertEqual(
                    self.status(name, reverse("public_notices:detail", args=[self.published.pk])), 200
                )
                self.assertEqual(
                    self.status(name, reverse("public_notices:detail", args=[self.notice.pk])), 404
                )
                self.assertEqual(
                    self.status(name, reverse("public_notices:docx", args=[self.notice.pk])), 404
                )

    def test_feeds_and_embedding(self):
        feed = self.client.get(reverse("public_notices:feed_json")).json()
        self.assertEqual([i["title"] for i in feed["items"]], ["金效通〔2026〕1号 关于表扬某局的通报"])
        self.assertContains(self.client.get(reverse("public_notices:feed_rss")), "关于表扬某局的通报")
        page = self.client.get(reverse("public_notices:list") + "?embed=1")
        self.assertContains(page, "?embed=1")
        self.assertNotContains(page, "public-head")

    def test_draft_through_the_form_and_see_chinese(self):
        self.login(self.staff)
        with translation.override("zh-hans"):
            response = self.client.post(
                reverse("notices:new"), {"kind": "criticism", "title": "t", "body": ""}
            )
        self.assertContains(response, "这个字段是必填项")
        response = self.client.post(
            reverse("notices:new"),
            {"kind": "commendation", "title": "表扬通报", "body": "正文", "units": [self.unit_b.pk]},
        )
        notice = Notice.objects.get(title="表扬通报")
        self.assertRedirects(response, notice.get_absolute_url())
        self.assertContains(self.client.get(reverse("notices:list")), "通报")

    def test_draft_from_a_record_by_post(self):
        record = do_propose_accountability(
            person=self.cadre,
            unit=None,
            form=AccountabilityForm.CRITICAL_NOTICE,
            reason="推诿扯皮",
            proposer=self.staff,
        )
        self.login(self.staff)
        url = reverse("notices:draft_from", args=["accountability-AccountabilityRecord", record.pk])
        response = self.client.post(url)
        self.assertRedirects(response, Notice.objects.get(source_id=record.pk).get_absolute_url())
        self.assertEqual(
            self.client.post(reverse("notices:draft_from", args=["org-Unit", 1])).status_code, 404
        )

    def test_list_queries_do_not_grow(self):
        self.login(self.admin)
        self.client.get(reverse("notices:list"))  # warm the permission cache
        with self.assertNumQueries(8):
            self.client.get(reverse("notices:list"))
        do_draft_notice(kind="criticism", title="再一份", body="正文", actor=self.staff, units=[self.unit_a])
        with self.assertNumQueries(8):
            self.client.get(reverse("notices:list"))


class NewsTests(NoticeCase):
    def test_published_notices_in_the_period(self):
        import datetime

        from xiaoneng.notices import news

        with time_machine.travel("2026-04-01 10:00:00+08:00", tick=False):
            do_publish_notice(do_approve_notice(self.draft(), self.admin), self.admin)
            do_approve_notice(self.draft(kind="commendation"), self.admin)  # approved, not published
        [draft] = news.center_news(datetime.date(2026, 4, 1), datetime.date(2026, 4, 30))
        self.assertEqual(draft.figures, {"notices": 1, "criticism": 1, "commendation": 0})
        self.assertIn("发布效能通报1期", draft.text)
        self.assertEqual(news.center_news(datetime.date(2026, 5, 1), datetime.date(2026, 5, 31)), [])
