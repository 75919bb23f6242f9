import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from xiaoneng.procedures.actions import do_complete_step
from xiaoneng.procedures.tests.base import ProcedureTestCase, evidence_for
from xiaoneng.procedures.tests.test_evidence import jpeg_with_exif, mp4
from xiaoneng.trace.hashing import file_digest


class VideoEvidenceOnTheStepScreen(ProcedureTestCase):
    """Step 2 of the routine inspection needs an on-site record and photos or video."""

    def setUp(self):
        super().setUp()
        self.case = self.open(template=self.routine, title="日常检查")
        step = self.step(self.routine, 1)
        do_complete_step(self.case, step, actor=self.liaison_a, evidence=evidence_for(step))
        self.url = reverse("procedures:complete", args=[self.case.public_id])
        self.login(self.liaison_a)

    def post(self, name: str, data: bytes):
        return self.client.post(self.url, {"onsite_record_text": "现场检查笔录",
                                           "photo_or_video_file": SimpleUploadedFile(name, data)})

    def test_video_completes_the_step(self):
        data = mp4()
        self.assertEqual(self.post("现场.mp4", data).status_code, 302)
        event = self.case.completed_steps.get(step__order=2).event
        attachment = event.attachments.get()
        self.assertEqual(attachment.digest, file_digest(io.BytesIO(data), event.algorithm))
        with attachment.file.open("rb") as stored:
            self.assertEqual(stored.read(), data)

    def test_photo_keeps_its_bytes(self):
        data = jpeg_with_exif()
        self.post("现场.jpg", data)
        with self.case.completed_steps.get(step__order=2).event.attachments.get().file.open("rb") as stored:
            self.assertEqual(stored.read(), data)

    def test_renamed_exe_refused(self):
        response = self.post("现场.mp4", b"MZ\x90\x00" + bytes(200))
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.case.completed_steps.filter(step__order=2).exists())

    def test_refusal_in_chinese(self):
        response = self.post("现场.mp4", b"MZ\x90\x00" + bytes(200))
        self.assertContains(response, "视频（MP4、MOV）", status_code=400)

    def test_file_input_offers_camera(self):
        html = self.client.get(self.case.get_absolute_url()).content.decode()
        self.assertIn('accept="image/*,video/*" capture="environment"', html)
        self.assertIn('name="other_file" accept="image/*,application/pdf,video/*"', html)
