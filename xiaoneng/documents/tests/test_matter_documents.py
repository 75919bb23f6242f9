import datetime
import io

import docx

from xiaoneng.documents.matters import compose
from xiaoneng.documents.models import IssuedDocument
from xiaoneng.matters import actions
from xiaoneng.matters.models import Escalation, State
from xiaoneng.matters.tests.base import MatterTestCase, at
from xiaoneng.trace.chain import events_for, verify_subject


class EscalationDocumentTests(MatterTestCase):
    def setUp(self):
        with at(2026, 11, 2):
            self.m = self.matter(State.ASSIGNED, title="道路积水")

    def paragraphs(self, issued: IssuedDocument) -> list[str]:
        return [p.text for p in docx.Document(io.BytesIO(issued.docx.read())).paragraphs if p.text]

    def test_urge_issues_a_numbered_urge_notice(self):
        with at(2026, 11, 23):
            actions.do_urge_matter(self.m, actor=self.staff, note="请加快办理")
        issued = IssuedDocument.objects.get()
        self.assertEqual((issued.kind, issued.number), ("urge", "金效催〔2026〕1号"))
        self.assertEqual((issued.subject, issued.issued_by), (self.m, self.staff))

    def test_urge_notice_names_unit_title_deadline_and_days_late(self):
        with at(2026, 11, 23):
            actions.do_urge_matter(self.m, actor=self.staff, note="请加快办理")
        text = "".join(self.paragraphs(IssuedDocument.objects.get()))
        self.m.refresh_from_db()
        late = -self.m.workdays_left(datetime.date(2026, 11, 23))
        for part in ("县交通运输局：", "道路积水", self.m.public_id, f"已逾期{late}个工作日",
                     "办理期限为2026年11月5日", "请加快办理", "2026年11月23日"):
            self.assertIn(part, text)

    def test_order_issues_a_supervision_order(self):
        with at(2026, 11, 23):
            actions.do_order_matter(self.m, actor=self.staff)
        self.assertEqual(IssuedDocument.objects.get().number, "金效督〔2026〕1号")

    def test_trace_records_the_document_then_the_urge(self):
        with at(2026, 11, 23):
            actions.do_urge_matter(self.m, actor=self.staff)
        issued, urged = list(events_for(self.m))[-2:]
        self.assertEqual((issued.kind, urged.kind), ("document_issued", "urged"))
        self.assertEqual(issued.attachments.count(), 2)
        self.assertEqual(verify_subject(self.m), [])

    def test_referral_issues_no_document(self):
        with at(2026, 11, 23):
            actions.do_refer_matter(self.m, actor=self.staff)
        self.assertFalse(IssuedDocument.objects.exists())

    def test_refused_urge_issues_nothing(self):
        with at(2026, 11, 23), self.assertRaises(actions.MatterError):
            actions.do_urge_matter(self.m, actor=self.liaison_a)
        self.assertFalse(IssuedDocument.objects.exists())

    def test_scanner_escalation_issues_the_document_after_commit(self):
        with at(2026, 11, 23), self.captureOnCommitCallbacks(execute=True):
            actions.record_escalation(self.m, Escalation.SUPERVISION_ORDER, datetime.date(2026, 11, 23))
        issued = IssuedDocument.objects.get()
        self.assertEqual((issued.kind, issued.issued_by), ("supervision_order", None))
        self.assertEqual(events_for(self.m).last().kind, "document_issued")

    def test_compose_before_the_deadline_says_not_late(self):
        doc = compose(self.m, "urge", datetime.date(2026, 11, 3))
        self.assertNotIn("逾期", doc.body[0])
        self.assertEqual(doc.title, "关于催促办理“道路积水”的催办单")

    def test_replayed_scanner_escalation_issues_no_document(self):
        from django.utils import timezone

        from xiaoneng.matters import clock

        with at(2026, 11, 23), clock.as_of(timezone.now()), self.captureOnCommitCallbacks(execute=True):
            actions.record_escalation(self.m, Escalation.URGED, datetime.date(2026, 11, 23))
        self.assertFalse(IssuedDocument.objects.exists())
