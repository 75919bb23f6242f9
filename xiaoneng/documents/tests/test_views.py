from django.core.files.base import ContentFile
from django.urls import reverse

from xiaoneng.documents.models import IssuedDocument
from xiaoneng.documents.tests.helpers import make_matter
from xiaoneng.testing import XiaonengTestCase


class DocumentViewTests(XiaonengTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        from django.contrib.contenttypes.models import ContentType
        from django.utils import timezone

        cls.matter = make_matter(unit=cls.unit_a)
        cls.issued = IssuedDocument(
            kind="urge", year=2026, serial=1, number="金效催〔2026〕1号", title="关于催促办理的催办单",
            recipient="县交通运输局", content_type=ContentType.objects.get_for_model(cls.matter),
            object_id=cls.matter.pk, issued_by=cls.staff, issued_at=timezone.now(),
        )
        cls.issued.docx.save("d.docx", ContentFile(b"PK docx"), save=False)
        cls.issued.pdf.save("d.pdf", ContentFile(b"%PDF-1.7"), save=False)
        cls.issued.save()

    def download(self, user, extension="pdf"):
        if user is not None:
            self.login(user)
        return self.client.get(reverse("documents:file", args=[self.issued.pk, extension]))

    def test_who_may_download(self):
        allowed = {"admin": True, "staff": True, "liaison_a": True, "head_a": True, "leader": True,
                   "liaison_b": False, "liaison_a_section": False, "supervisor": False}
        for username, expected in allowed.items():
            user = getattr(self, {"liaison_a_section": "section_liaison"}.get(username, username))
            with self.subTest(username):
                self.client.logout()
                self.assertEqual(self.download(user).status_code, 200 if expected else 404)

    def test_anonymous_is_sent_to_login(self):
        self.assertEqual(self.download(None).status_code, 302)

    def test_download_is_the_stored_file_with_its_number_as_name(self):
        response = self.download(self.liaison_a, "docx")
        self.assertEqual(b"".join(response.streaming_content), b"PK docx")
        self.assertIn("attachment", response["Content-Disposition"])
        self.assertIn("wordprocessingml", response["Content-Type"])

    def test_unknown_extension_is_404(self):
        self.assertEqual(self.download(self.staff, "exe").status_code, 404)

    def test_list_for_center_staff_only(self):
        allowed = {"admin": 200, "staff": 200, "liaison_a": 403, "liaison_b": 403, "head_a": 403,
                   "section_liaison": 403, "supervisor": 403, "leader": 403}
        for attribute, status in allowed.items():
            with self.subTest(attribute):
                self.login(getattr(self, attribute))
                self.assertEqual(self.client.get(reverse("documents:list")).status_code, status)

    def test_list_shows_the_number_and_links(self):
        self.login(self.staff)
        response = self.client.get(reverse("documents:list"), {"kind": "urge"})
        self.assertContains(response, "金效催〔2026〕1号")
        self.assertContains(response, reverse("documents:file", args=[self.issued.pk, "pdf"]))

    def test_list_filter_by_kind(self):
        self.login(self.staff)
        response = self.client.get(reverse("documents:list"), {"kind": "supervision_order"})
        self.assertNotContains(response, "金效催〔2026〕1号")

    def test_anonymous_list_goes_to_login(self):
        self.assertEqual(self.client.get(reverse("documents:list")).status_code, 302)


class FileNameTests(XiaonengTestCase):
    def test_download_name_is_number_and_title(self):
        document = IssuedDocument(number="金效督〔2026〕2号", title="督办单")
        self.assertEqual(document.file_name("pdf"), "金效督〔2026〕2号督办单.pdf")
