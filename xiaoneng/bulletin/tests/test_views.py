import datetime
from types import SimpleNamespace
from unittest import mock

from django.urls import reverse

from xiaoneng.bulletin import actions
from xiaoneng.bulletin.models import Item, Submission, SubmissionState
from xiaoneng.bulletin.tests.base import BulletinTestCase, draft, photo

ROLES = ("anonymous", "admin", "staff", "liaison_a", "liaison_b", "section_liaison", "head_a", "supervisor",
         "leader")
EDITORS = {"admin", "staff"}
SUBMITTERS = {"liaison_a", "liaison_b", "section_liaison", "head_a"}


class PermissionTableTests(BulletinTestCase):
    """Every view × every role: 302 to login for the anonymous, 403 without the permission,
    404 for what the user may not know exists (drafts, other units' submissions)."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.published = actions.do_create_issue(actor=cls.staff, date=datetime.date(2026, 10, 10), number=9)
        actions.do_add_center_draft(cls.published, draft(), actor=cls.staff)
        actions.do_publish_issue(cls.published, actor=cls.staff)
        cls.photo_submission = actions.do_submit(actor=cls.liaison_a, issue=cls.issue, title="图", text="文",
                                                 photos=[photo()])

    def status(self, role: str, url: str, method: str = "get", data=None) -> int:
        self.client.logout()
        if role != "anonymous":
            self.login(getattr(self, role))
        return getattr(self.client, method)(url, data or {}).status_code

    def expect(self, url: str, table: dict[str, int], method: str = "get", data=None) -> None:
        for role in ROLES:
            with self.subTest(role=role, url=url):
                self.assertEqual(self.status(role, url, method, data), table[role])

    def by_role(self, editors: int, submitters: int, readers: int, **overrides) -> dict[str, int]:
        table = {role: editors if role in EDITORS else submitters if role in SUBMITTERS else readers
                 for role in ROLES}
        table["anonymous"] = 302
        return table | overrides

    def test_index(self):
        self.expect(reverse("bulletin:index"), self.by_role(200, 200, 200))

    def test_published_issue_and_its_downloads(self):
        self.expect(self.published.get_absolute_url(), self.by_role(200, 200, 200))
        self.expect(reverse("bulletin:download", args=[2026, 9, "html"]), self.by_role(200, 200, 200))

    def test_issue_in_preparation_is_the_editors(self):
        self.expect(self.issue.get_absolute_url(), self.by_role(200, 404, 404))
        self.expect(reverse("bulletin:download", args=[2026, 1, "docx"]), self.by_role(200, 404, 404))
        self.expect(reverse("bulletin:drafts", args=[2026, 1]), self.by_role(200, 404, 404))

    def test_a_published_issue_is_frozen(self):
        for name in ("issue_edit", "drafts", "item_new"):
            self.expect(reverse(f"bulletin:{name}", args=[2026, 9]), self.by_role(404, 403, 403))

    def test_editor_screens(self):
        self.expect(reverse("bulletin:issue_new"), self.by_role(200, 403, 403))
        self.expect(reverse("bulletin:issue_edit", args=[2026, 1]), self.by_role(200, 404, 404))
        self.expect(reverse("bulletin:item_new", args=[2026, 1]), self.by_role(200, 404, 404))
        self.expect(reverse("bulletin:item_edit", args=[self.reprint.pk]), self.by_role(200, 403, 403))

    def test_editor_posts(self):
        self.expect(reverse("bulletin:item_move", args=[self.reprint.pk]), self.by_role(302, 403, 403),
                    method="post")
        self.expect(reverse("bulletin:submission_accept", args=[self.submission_b.pk]),
                    self.by_role(302, 404, 403, liaison_b=403), method="post")

    def test_posts_change_nothing_for_non_editors(self):
        """Every changing POST refused to each non-editor role (the editors' own POSTs are tested
        in EditorFlowTests); the issue and submissions stay as they were."""
        posts = [
            (reverse("bulletin:publish", args=[2026, 1]), 404),
            (reverse("bulletin:item_remove", args=[self.reprint.pk]), 403),
            (reverse("bulletin:submission_edit", args=[self.submission_a.pk]), None),
            (reverse("bulletin:submission_return", args=[self.submission_a.pk]), None),
        ]
        for url, code in posts:
            for role in ROLES:
                if role in EDITORS:
                    continue
                expected = 302 if role == "anonymous" else code
                if expected is None:  # a submission: its own unit may read it but not decide
                    expected = 403 if role in ("liaison_a", "head_a") else 404 if role in SUBMITTERS else 403
                with self.subTest(role=role, url=url):
                    data = {"reason": "x", "title": "t", "text": "x"}
                    self.assertEqual(self.status(role, url, "post", data), expected)
        self.issue.refresh_from_db()
        self.submission_a.refresh_from_db()
        self.assertEqual((self.issue.state, self.submission_a.state, self.submission_a.title),
                         ("draft", SubmissionState.SUBMITTED, "“四强化”推进效能建设"))
        self.assertTrue(Item.objects.filter(pk=self.reprint.pk).exists())

    def test_submission_screens(self):
        self.expect(reverse("bulletin:submissions"), self.by_role(200, 200, 403))
        self.expect(reverse("bulletin:submission_new"), self.by_role(403, 200, 403))

    def test_a_submission_is_seen_by_its_own_unit_only(self):
        self.expect(self.submission_a.get_absolute_url(),
                    self.by_role(200, 404, 403, liaison_a=200, head_a=200))
        url = reverse("bulletin:submission_photo", args=[self.photo_submission.pk,
                                                         self.photo_submission.photos.get().pk])
        self.expect(url, self.by_role(200, 404, 403, liaison_a=200, head_a=200))

    def test_public_pages_need_no_account(self):
        for url, code in ((reverse("public_bulletin:archive"), 200), (self.published.get_public_url(), 200),
                          (self.issue.get_public_url(), 404), (reverse("public_bulletin:feed_rss"), 200),
                          (reverse("public_bulletin:feed_json"), 200)):
            self.expect(url, dict.fromkeys(ROLES, code))


class EditorFlowTests(BulletinTestCase):
    def setUp(self) -> None:
        self.login(self.staff)

    def test_index_lists_issues_in_chinese(self):
        response = self.client.get(reverse("bulletin:index"))
        self.assertContains(response, "效能建设简报 2026年第1期")
        self.assertContains(response, "准备新一期")

    def test_accept_from_the_submission_page(self):
        response = self.client.post(reverse("bulletin:submission_accept", args=[self.submission_a.pk]))
        self.assertRedirects(response, self.issue.get_absolute_url())
        page = self.client.get(self.issue.get_absolute_url())
        self.assertContains(page, "——交通局供稿")

    def test_return_with_reason_shows_to_the_liaison(self):
        self.client.post(reverse("bulletin:submission_return", args=[self.submission_a.pk]),
                         {"reason": "请补充具体数据"})
        self.login(self.liaison_a)
        page = self.client.get(self.submission_a.get_absolute_url())
        self.assertContains(page, "请补充具体数据")

    def test_return_without_reason_says_so(self):
        response = self.client.post(reverse("bulletin:submission_return", args=[self.submission_a.pk]),
                                    {"reason": ""}, follow=True)
        self.assertContains(response, "退回")
        self.submission_a.refresh_from_db()
        self.assertEqual(self.submission_a.state, SubmissionState.SUBMITTED)

    def test_edit_shows_the_original(self):
        self.client.post(reverse("bulletin:submission_edit", args=[self.submission_a.pk]),
                         {"title": "交通局四强化", "text": "编辑后的正文"})
        page = self.client.get(self.submission_a.get_absolute_url())
        self.assertContains(page, "编辑后的正文")
        self.assertContains(page, "“四强化”推进效能建设")  # the original, kept

    def test_new_issue_form(self):
        response = self.client.post(reverse("bulletin:issue_new"), {
            "date": "2026-12-01", "name": "效能建设简报", "editing_unit": "金湖县效能中心",
            "period_start": "2026-11-01", "period_end": "2026-11-30"})
        self.assertRedirects(response, reverse("bulletin:issue", args=[2026, 2]))

    def test_bad_period_is_a_form_error(self):
        response = self.client.post(reverse("bulletin:issue_new"), {
            "date": "2026-12-01", "name": "效能建设简报", "editing_unit": "金湖县效能中心",
            "period_start": "2026-11-30", "period_end": "2026-11-01"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "结束")

    def test_add_a_reprint(self):
        response = self.client.post(reverse("bulletin:item_new", args=[2026, 1]), {
            "section": self.reprint.section.pk, "title": "他山之石二", "text": "正文", "source": "人民网",
            "source_date": "2026-11-05"})
        self.assertRedirects(response, self.issue.get_absolute_url())
        self.assertEqual(Item.objects.get(title="他山之石二").credit, "——摘自人民网（2026年11月5日）")

    def providers(self):
        def broken(start, end):
            raise ZeroDivisionError

        good = SimpleNamespace(__name__="xiaoneng.good.news",
                               center_news=lambda start, end: [draft("good.one")])
        bad = SimpleNamespace(__name__="xiaoneng.bad.news", center_news=broken)
        return mock.patch("xiaoneng.bulletin.views.providers", return_value=[good, bad])

    def test_drafts_show_text_figures_and_citations(self):
        with self.providers(), self.assertLogs("xiaoneng.bulletin.views", "ERROR"):
            url = reverse("bulletin:drafts", args=[2026, 1]) + "?start=2026-11-01&end=2026-11-30"
            page = self.client.get(url)
        self.assertContains(page, "共申报服务实绩3件。")
        self.assertContains(page, "declared=3")
        self.assertContains(page, 'href="/achievements/1/"')
        self.assertContains(page, "xiaoneng.bad.news")  # named to the editor, the rest still offered

    def test_chosen_drafts_become_items(self):
        with self.providers(), self.assertLogs("xiaoneng.bulletin.views", "ERROR"):
            response = self.client.post(reverse("bulletin:drafts", args=[2026, 1]), {"key": ["good.one"]})
        self.assertRedirects(response, self.issue.get_absolute_url())
        item = self.issue.items.get(draft_key="good.one")
        self.assertEqual((item.section.name, item.figures), ("中心动态", {"declared": 3}))

    def test_publish(self):
        self.client.post(reverse("bulletin:publish", args=[2026, 1]))
        self.issue.refresh_from_db()
        self.assertTrue(self.issue.is_published)
        self.assertEqual(self.client.get(self.issue.get_public_url()).status_code, 200)

    def test_downloads(self):
        for fmt, kind in (("docx", "wordprocessingml"), ("pdf", "pdf"), ("html", "text/html")):
            with mock.patch("xiaoneng.bulletin.export.render_bulletin_pdf", return_value=b"%PDF-1.7"):
                response = self.client.get(reverse("bulletin:download", args=[2026, 1, fmt]))
            self.assertIn(kind, response["Content-Type"])
            self.assertIn("attachment", response["Content-Disposition"])
        unknown = reverse("bulletin:download", args=[2026, 1, "exe"])
        self.assertEqual(self.client.get(unknown).status_code, 404)

    def test_lists_take_the_same_queries_whatever_their_length(self):
        for number in range(5):
            actions.do_submit(actor=self.liaison_b, issue=self.issue, title=f"稿件{number}", text="正文")
            actions.do_create_issue(actor=self.staff, date=datetime.date(2026, 12, number + 1))
        with self.assertNumQueries(8):
            self.client.get(reverse("bulletin:submissions"))
        with self.assertNumQueries(8):
            self.client.get(reverse("bulletin:index"))


class LiaisonFlowTests(BulletinTestCase):
    def test_submit_with_a_photo(self):
        self.login(self.liaison_b)
        response = self.client.post(reverse("bulletin:submission_new"), {
            "issue": self.issue.pk, "title": "人社局新举措", "text": "正文", "photos": [photo()]})
        submission = Submission.objects.get(title="人社局新举措")
        self.assertRedirects(response, submission.get_absolute_url())
        self.assertEqual((submission.unit, submission.photos.count()), (self.unit_b, 1))

    def test_bad_photo_is_a_chinese_form_error(self):
        from django.core.files.uploadedfile import SimpleUploadedFile

        self.login(self.liaison_b)
        response = self.client.post(reverse("bulletin:submission_new"), {
            "issue": self.issue.pk, "title": "t", "text": "x",
            "photos": [SimpleUploadedFile("x.jpg", b"GIF89a not really")]})
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Submission.objects.filter(title="t").exists())

    def test_liaison_lists_only_own_units_submissions(self):
        self.login(self.liaison_b)
        page = self.client.get(reverse("bulletin:submissions"))
        self.assertContains(page, "创新模式优服务")
        self.assertNotContains(page, "四强化")
