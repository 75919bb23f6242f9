import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from xiaoneng.procedures.tests.base import ProcedureTestCase

ROLES = ["admin", "staff", "liaison_a", "liaison_b", "section_liaison", "head_a", "supervisor", "leader"]


def png() -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(out, "PNG")
    return SimpleUploadedFile("现场.png", out.getvalue(), content_type="image/png")


class ViewsByRole(ProcedureTestCase):
    def setUp(self):
        self.case = self.open(title="道路运输违法案")

    def status(self, role, url, method="get", data=None):
        self.client.logout()
        if role:
            self.login(getattr(self, role))
        return getattr(self.client, method)(url, data or {}).status_code

    def check(self, url, expected: dict, method="get", data=None):
        for role in [None, *ROLES]:
            with self.subTest(role=role):
                self.assertEqual(self.status(role, url, method, data), expected.get(role, 200))

    def test_list(self):
        self.check(reverse("procedures:list"), {None: 302, "supervisor": 403})

    def test_detail(self):
        self.check(self.case.get_absolute_url(), {None: 302, "supervisor": 403, "liaison_b": 404,
                                                  "section_liaison": 404})

    def test_new(self):
        self.check(reverse("procedures:new"), {None: 302, "supervisor": 403, "leader": 403})

    def test_export(self):
        self.check(reverse("procedures:export", args=[self.case.public_id]),
                   {None: 302, "supervisor": 403, "liaison_b": 404, "section_liaison": 404})

    def test_report(self):
        self.check(reverse("procedures:report"), {None: 302, "supervisor": 403})

    def test_standards(self):
        self.check(reverse("procedures:standards"), {None: 302, "supervisor": 403})

    def test_complete_refused(self):
        url = reverse("procedures:complete", args=[self.case.public_id])
        self.check(url, {None: 302, "supervisor": 403, "leader": 403, "liaison_b": 404,
                         "section_liaison": 404, "admin": 409, "staff": 409, "liaison_a": 409,
                         "head_a": 409}, method="post")


class Screens(ProcedureTestCase):
    def setUp(self):
        self.case = self.open(title="道路运输违法案")
        self.url = reverse("procedures:complete", args=[self.case.public_id])

    def test_list_scoped(self):
        self.login(self.liaison_b)
        self.assertNotContains(self.client.get(reverse("procedures:list")), self.case.public_id)
        self.login(self.liaison_a)
        self.assertContains(self.client.get(reverse("procedures:list")), self.case.public_id)

    def test_leader_sees_no_form(self):
        self.login(self.leader)
        self.assertNotContains(self.client.get(self.case.get_absolute_url()), 'name="note"')

    def test_liaison_sees_form(self):
        self.login(self.liaison_a)
        self.assertContains(self.client.get(self.case.get_absolute_url()), 'name="decision_text"')

    def test_complete_with_text(self):
        self.login(self.liaison_a)
        response = self.client.post(self.url, {"decision_text": "立案审批表已签批"})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.case.completed_steps.count(), 1)

    def test_complete_with_photo(self):
        self.login(self.liaison_a)
        self.client.post(self.url, {"decision_file": png()})
        self.assertEqual(self.case.completed_steps.get().event.attachments.get().name, "现场.png")

    def test_bad_upload_refused(self):
        self.login(self.liaison_a)
        bad = SimpleUploadedFile("x.png", b"not an image")
        self.assertEqual(self.client.post(self.url, {"decision_file": bad}).status_code, 400)

    def test_missing_evidence_shows_error(self):
        self.login(self.liaison_a)
        response = self.client.post(self.url, {"note": "x"})
        self.assertContains(response, "缺少痕迹材料：处理决定", status_code=409)

    def test_separation_is_403(self):
        self.run_steps(self.case, 1)
        self.login(self.head_a)
        self.client.post(self.url, {"onsite_record_text": "笔录", "photo_or_video_text": "照片",
                                    "signature_text": "签字"})
        response = self.client.post(self.url, {"decision_text": "决定", "violation_code": "JT-01",
                                               "circumstance": "ordinary", "amount": "2000"})
        self.assertEqual(response.status_code, 403)

    def test_decision_outside_range(self):
        self.run_steps(self.case, 2)
        self.login(self.admin)
        response = self.client.post(self.url, {"decision_text": "决定", "violation_code": "JT-01",
                                               "circumstance": "ordinary", "amount": "5000"})
        self.assertEqual(response.status_code, 409)

    def test_open_case(self):
        self.login(self.liaison_a)
        response = self.client.post(reverse("procedures:new"), {
            "template": self.routine.pk, "unit": self.section_a.pk, "title": "日常检查"})
        self.assertEqual(response.status_code, 302)

    def test_open_case_other_unit_invalid(self):
        self.login(self.liaison_a)
        response = self.client.post(reverse("procedures:new"), {
            "template": self.routine.pk, "unit": self.unit_b.pk, "title": "x"})
        self.assertEqual(response.status_code, 400)

    def test_export_download(self):
        self.login(self.leader)
        response = self.client.get(reverse("procedures:export", args=[self.case.public_id]))
        self.assertIn("manifest.json", zipfile.ZipFile(io.BytesIO(response.content)).namelist())

    def test_report_scoped_to_own_unit(self):
        self.open(unit=self.unit_b, actor=self.staff, title="人社案件")
        self.login(self.liaison_a)
        response = self.client.get(reverse("procedures:report"))
        self.assertEqual(response.context["figures"]["cases"], 1)

    def test_report_other_unit_not_offered(self):
        self.login(self.liaison_a)
        response = self.client.get(reverse("procedures:report"), {"unit": self.unit_b.pk})
        self.assertEqual(response.context["report"].unit, self.unit_a)

    def test_report_all_units_for_center(self):
        self.open(unit=self.unit_b, actor=self.staff)
        self.login(self.staff)
        self.assertEqual(self.client.get(reverse("procedures:report")).context["figures"]["cases"], 2)
