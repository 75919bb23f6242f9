import datetime

from xiaoneng.documents.actions import DocumentError, do_issue_document
from xiaoneng.documents.models import DocumentNumberSeries, IssuedDocument
from xiaoneng.documents.tests.helpers import make_matter, sample
from xiaoneng.testing import XiaonengTestCase
from xiaoneng.trace.chain import events_for, verify_subject


class IssueDocumentTests(XiaonengTestCase):
    def setUp(self):
        self.matter = make_matter(unit=self.unit_a)

    def issue(self, kind="supervision_order", date=datetime.date(2026, 11, 23), actor=None):
        return do_issue_document(kind=kind, subject=self.matter, actor=actor or self.staff,
                                 doc=sample(doc_number="", date=date))

    def test_numbers_follow_each_other(self):
        numbers = [self.issue().number for _ in range(2)]
        self.assertEqual(numbers, ["金效督〔2026〕1号", "金效督〔2026〕2号"])

    def test_each_kind_has_its_own_series(self):
        self.issue()
        self.assertEqual(self.issue(kind="urge").number, "金效催〔2026〕1号")

    def test_a_new_year_starts_at_one_with_last_years_prefix(self):
        self.issue()
        DocumentNumberSeries.objects.filter(year=2026).update(prefix="金效办督")
        self.assertEqual(self.issue(date=datetime.date(2027, 1, 4)).number, "金效办督〔2027〕1号")

    def test_files_are_stored(self):
        issued = self.issue()
        self.assertTrue(issued.docx.read().startswith(b"PK"))
        self.assertTrue(issued.pdf.read().startswith(b"%PDF"))

    def test_trace_event_carries_both_files(self):
        issued = self.issue()
        event = events_for(self.matter).last()
        self.assertEqual((event.kind, event.data["number"]), ("document_issued", issued.number))
        names = [a.name for a in event.attachments.order_by("position")]
        self.assertEqual([n.rsplit(".", 1)[1] for n in names], ["docx", "pdf"])
        self.assertEqual(verify_subject(self.matter), [])

    def test_liaison_may_not_issue(self):
        with self.assertRaises(DocumentError):
            self.issue(actor=self.liaison_a)
        self.assertFalse(IssuedDocument.objects.exists())

    def test_unknown_kind_is_refused(self):
        with self.assertRaises(DocumentError):
            self.issue(kind="nonsense")
