import datetime

from xiaoneng.bulletin import actions
from xiaoneng.bulletin.models import IssueState, Item, ItemKind, SubmissionState
from xiaoneng.bulletin.tests.base import BulletinTestCase, draft, photo
from xiaoneng.trace.chain import events_for


class IssueTests(BulletinTestCase):
    def test_issues_are_numbered_per_year(self):
        second = actions.do_create_issue(actor=self.staff, date=datetime.date(2026, 12, 1))
        next_year = actions.do_create_issue(actor=self.staff, date=datetime.date(2027, 1, 5))
        self.assertEqual((second.number, next_year.number), (2, 1))
        self.assertEqual(second.issue_line, "2026年第2期")

    def test_a_number_is_not_given_twice(self):
        with self.assertRaisesMessage(actions.BulletinError, "1"):
            actions.do_create_issue(actor=self.staff, date=datetime.date(2026, 12, 1), number=1)

    def test_only_editors_create_issues(self):
        for user in (self.liaison_a, self.leader, self.head_a):
            with self.assertRaises(actions.NotPermitted):
                actions.do_create_issue(actor=user, date=datetime.date(2026, 12, 1))

    def test_publishing_freezes_the_issue(self):
        actions.do_publish_issue(self.issue, actor=self.staff)
        self.issue.refresh_from_db()
        self.assertEqual(self.issue.state, IssueState.PUBLISHED)
        with self.assertRaises(actions.BulletinError):
            actions.do_update_item(self.center_item, actor=self.staff, title="x", text="y")
        with self.assertRaises(actions.BulletinError):
            actions.do_submit(actor=self.liaison_a, issue=self.issue, title="t", text="x")
        with self.assertRaises(actions.BulletinError):
            actions.do_add_center_draft(self.issue, draft("other"), actor=self.staff)

    def test_publishing_returns_the_submissions_still_waiting(self):
        actions.do_publish_issue(self.issue, actor=self.staff)
        self.submission_a.refresh_from_db()
        self.assertEqual(self.submission_a.state, SubmissionState.RETURNED)
        self.assertIn("2026年第1期", self.submission_a.return_reason)

    def test_an_empty_issue_cannot_be_published(self):
        empty = actions.do_create_issue(actor=self.staff, date=datetime.date(2026, 12, 1))
        with self.assertRaisesMessage(actions.BulletinError, "没有稿件"):
            actions.do_publish_issue(empty, actor=self.staff)

    def test_every_change_is_traced(self):
        kinds = list(events_for(self.issue).values_list("kind", flat=True))
        self.assertEqual(kinds[:3], ["created", "item_added", "item_added"])


class SubmissionTests(BulletinTestCase):
    def test_submission_is_for_the_liaisons_unit(self):
        self.assertEqual(self.submission_a.unit, self.unit_a)
        self.assertEqual(self.submission_a.state, SubmissionState.SUBMITTED)

    def test_edit_keeps_the_original(self):
        actions.do_edit_submission(self.submission_a, actor=self.staff, title="交通局四强化",
                                   text="改过的正文。")
        self.submission_a.refresh_from_db()
        self.assertEqual(self.submission_a.original_title, "“四强化”推进效能建设")
        self.assertEqual(self.submission_a.text, "改过的正文。")
        self.assertTrue(self.submission_a.is_edited)

    def test_accepted_item_is_credited_to_its_unit(self):
        item = actions.do_accept_submission(self.submission_a, actor=self.staff)
        self.assertEqual(item.kind, ItemKind.SUBMISSION)
        self.assertEqual(item.section.name, "部门动态")
        self.assertEqual(item.credit, "——交通局供稿")

    def test_return_needs_a_reason(self):
        with self.assertRaises(actions.BulletinError):
            actions.do_return_submission(self.submission_b, actor=self.staff, reason=" ")
        actions.do_return_submission(self.submission_b, actor=self.staff, reason="内容与上期重复")
        self.submission_b.refresh_from_db()
        self.assertEqual((self.submission_b.state, self.submission_b.return_reason),
                         (SubmissionState.RETURNED, "内容与上期重复"))

    def test_a_decided_submission_is_not_decided_again(self):
        actions.do_return_submission(self.submission_b, actor=self.staff, reason="重复")
        with self.assertRaises(actions.BulletinError):
            actions.do_accept_submission(self.submission_b, actor=self.staff)

    def test_liaisons_cannot_decide(self):
        with self.assertRaises(actions.NotPermitted):
            actions.do_accept_submission(self.submission_a, actor=self.liaison_a)

    def test_only_unit_roles_with_a_unit_submit(self):
        for user in (self.leader, self.supervisor, self.staff):
            with self.assertRaises(actions.NotPermitted):
                actions.do_submit(actor=user, issue=self.issue, title="t", text="x")

    def test_photos_are_sanitised_and_kept(self):
        submission = actions.do_submit(actor=self.head_a, issue=self.issue, title="图片稿", text="正文",
                                       photos=[photo()])
        self.assertEqual(submission.photos.count(), 1)
        self.assertTrue(submission.photos.get().file.name.endswith(".jpg"))

    def test_a_fake_photo_is_refused_and_nothing_is_written(self):
        from django.core.exceptions import ValidationError
        from django.core.files.uploadedfile import SimpleUploadedFile

        before = self.issue.submissions.count()
        with self.assertRaises(ValidationError):
            actions.do_submit(actor=self.head_a, issue=self.issue, title="t", text="x",
                              photos=[SimpleUploadedFile("x.jpg", b"not an image")])
        self.assertEqual(self.issue.submissions.count(), before)

    def test_removing_an_accepted_item_reopens_the_submission(self):
        item = actions.do_accept_submission(self.submission_a, actor=self.staff)
        actions.do_remove_item(item, actor=self.staff)
        self.submission_a.refresh_from_db()
        self.assertEqual(self.submission_a.state, SubmissionState.SUBMITTED)
        self.assertFalse(Item.objects.filter(pk=item.pk).exists())


class ItemTests(BulletinTestCase):
    def test_center_draft_keeps_figures_and_citations(self):
        self.assertEqual(self.center_item.figures, {"declared": 3})
        self.assertEqual(self.center_item.citations, [{"label": "实绩一", "url": "/achievements/1/"}])

    def test_reprint_credits_its_source_and_date(self):
        self.assertEqual(self.reprint.credit, "——摘自新华网（2026年11月2日）")

    def test_reprint_needs_a_source(self):
        with self.assertRaises(actions.BulletinError):
            actions.do_add_item(self.issue, actor=self.staff, section=self.reprint.section, title="t",
                                text="x", source="")

    def test_items_move_within_their_section(self):
        second = actions.do_add_center_draft(self.issue, draft("second"), actor=self.staff)
        actions.do_move_item(second, actor=self.staff, up=True)
        titles = list(self.issue.items.filter(section=second.section).order_by("order")
                      .values_list("draft_key", flat=True))
        self.assertEqual(titles, ["second", "test.figures"])
