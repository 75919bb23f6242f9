"""The trace timeline: every event kind written onto a matter has a label; issued documents link to
their files for whoever may download them."""

from django.urls import reverse

from xiaoneng.complaints.views import EVENT_LABELS as COMPLAINT_LABELS
from xiaoneng.documents.models import IssuedDocument
from xiaoneng.matters import actions
from xiaoneng.matters.models import State
from xiaoneng.matters.tests.base import MatterTestCase, at
from xiaoneng.matters.views import EVENT_LABELS

# Every kind written onto a matter's trace, collected by grepping the append_event calls whose
# subject is a matter: xiaoneng/matters/actions.py (_trace/_finish, the scanner's escalations and
# colours), xiaoneng/documents/actions.py (do_issue_document) and xiaoneng/complaints/actions.py
# (labelled by complaints' own EVENT_LABELS; complaint matters are shown only on complaints' page).
# Inspections, procedures and scoring write onto their own subjects; notifications and search none.
MATTER_KINDS = (
    "received", "assigned", "rejected", "signed", "returned", "replied", "reply_approved",
    "reply_sent_back", "verified", "closed", "reopened", "paused", "resumed", "extension_requested",
    "extension_granted", "extension_refused", "urged", "supervision_order", "referred", "due_soon",
    "overdue", "deadline_recomputed", "document_issued",
)
COMPLAINT_KINDS = ("marked_duplicate", "duplicate_received", "redacted", "published", "unpublished",
                   "rated", "attention_dismissed")


class LabelTests(MatterTestCase):
    def test_every_matter_event_kind_has_a_label(self):
        self.assertEqual([k for k in MATTER_KINDS if k not in EVENT_LABELS], [])

    def test_every_complaint_event_kind_has_a_label(self):
        labels = EVENT_LABELS | COMPLAINT_LABELS
        self.assertEqual([k for k in COMPLAINT_KINDS if k not in labels], [])

    def test_document_issued_label_is_chinese(self):
        self.assertEqual(str(EVENT_LABELS["document_issued"]), "印发公文")


class IssuedDocumentTimelineTests(MatterTestCase):
    def setUp(self):
        with at(2026, 11, 2):
            self.m = self.matter(State.ASSIGNED, title="道路积水")
        with at(2026, 11, 23):
            actions.do_urge_matter(self.m, actor=self.staff, note="请加快办理")
        self.doc = IssuedDocument.objects.get()

    def page(self, user):
        self.login(user)
        return self.client.get(reverse("matters:detail", args=[self.m.public_id]))

    def test_staff_and_the_units_liaison_see_label_number_and_links(self):
        for user in (self.staff, self.liaison_a):
            response = self.page(user)
            self.assertContains(response, "印发公文")
            self.assertContains(response, self.doc.number)
            self.assertContains(response, self.doc.title)
            for extension in ("docx", "pdf"):
                self.assertContains(response, reverse("documents:file", args=[self.doc.pk, extension]))

    def test_no_raw_event_kind_on_the_page(self):
        for user in (self.staff, self.liaison_a):
            self.assertNotContains(self.page(user), "document_issued")

    def test_the_links_download(self):
        self.login(self.liaison_a)
        response = self.client.get(reverse("documents:file", args=[self.doc.pk, "pdf"]))
        self.assertEqual(response.status_code, 200)

    def test_another_units_liaison_gets_404(self):
        self.assertEqual(self.page(self.liaison_b).status_code, 404)

    def test_no_links_to_who_may_not_download(self):
        from xiaoneng.matters.views import downloadable_documents

        self.assertEqual(downloadable_documents(self.liaison_b, self.m), set())
        self.assertEqual(downloadable_documents(self.liaison_a, self.m), {self.doc.pk})
