import io
import shutil
import tempfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image

from xiaoneng.complaints import uploads
from xiaoneng.complaints.models import Complaint
from xiaoneng.complaints.public_forms import normalise_phone
from xiaoneng.complaints.tests.test_uploads import jpeg_with_gps, pdf_with_author
from xiaoneng.testing import XiaonengTestCase
from xiaoneng.trace.models import Event

URL = "/public/complaints/new/"
EXE = b"MZ\x90\x00" + b"\x00" * 100


def good_post(**extra) -> dict:
    data = {"category": "slow", "scope": "approval", "accused_unit": "", "anonymous": "1",
            "description": "办理营业执照变更，窗口让我跑了三趟还没办好。", "occurred_on": "2024-03-01",
            "form_token": uploads.new_form_token()}
    data.update(extra)
    return data


def jpeg_file(name="photo.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, jpeg_with_gps(), content_type="image/jpeg")


class MediaTestCase(XiaonengTestCase):
    def setUp(self):
        media = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, media, True)
        override = override_settings(MEDIA_ROOT=media)
        override.enable()
        self.addCleanup(override.disable)


class FormPageTests(MediaTestCase):
    def test_form_has_the_stable_names_and_ids(self):
        page = self.client.get(URL).content.decode()
        for name in ("category", "scope", "accused_unit", "description", "occurred_on", "anonymous",
                     "name", "phone", "attachments"):
            self.assertIn(f'name="{name}"', page)
        self.assertIn('id="submit-complaint"', page)
        self.assertIn('enctype="multipart/form-data"', page)

    def test_units_are_grouped_under_their_department(self):
        page = self.client.get(URL).content.decode()
        self.assertIn('<optgroup label="县交通运输局">', page)
        self.assertIn("县交通运输局执法大队", page)
        self.assertNotIn("金湖县</option>", page)

    def test_script_is_local_and_optional(self):
        page = self.client.get(URL).content.decode()
        self.assertIn('src="/static/complaints/public/complaint-form.js"', page)
        self.assertNotIn("://", page.split("<script")[1].split(">")[0])

    def test_scopes_are_the_four_fields_in_chinese(self):
        page = self.client.get(URL).content.decode()
        for label in ("司法", "行政执法", "行政审批", "公共服务"):
            self.assertIn(label, page)


class FilingTests(MediaTestCase):
    def test_anonymous_complaint_is_filed_and_shows_code_and_secret(self):
        response = self.client.post(URL, good_post())
        complaint = Complaint.objects.get()
        self.assertContains(response, f'id="tracking-code" class="code">{complaint.tracking_code}<')
        self.assertContains(response, 'id="query-secret"')
        self.assertTrue(complaint.anonymous)
        self.assertEqual(complaint.channel, "web")

    def test_real_name_complaint_keeps_the_unit(self):
        self.client.post(URL, good_post(anonymous="0", name="王五", phone="138 1234 5678",
                                        accused_unit=str(self.unit_a.pk)))
        complaint = Complaint.objects.get()
        self.assertFalse(complaint.anonymous)
        self.assertEqual(complaint.accused_unit, self.unit_a)

    def test_anonymous_drops_name_and_phone_typed_anyway(self):
        from xiaoneng.complaints.actions import do_view_identity

        self.client.post(URL, good_post(name="王五", phone="13812345678"))
        identity = do_view_identity(Complaint.objects.get(), actor=self.admin)
        self.assertEqual((identity.name, identity.phone), ("", ""))

    def test_attachments_are_sanitised_onto_the_trace(self):
        self.client.post(URL, {**good_post(), "attachments": [jpeg_file()]})
        event = Event.objects.get(kind="received")
        attachment = event.attachments.get()
        data = attachment.file.read()
        self.assertNotIn(b"Exif", data)
        self.assertEqual(Image.open(io.BytesIO(data)).format, "JPEG")

    def test_staging_is_cleared_after_filing(self):
        post = {**good_post(), "attachments": [jpeg_file()]}
        self.client.post(URL, post)
        self.assertEqual(uploads.staged_files(post["form_token"]), [])


class BadInputTests(MediaTestCase):
    def test_errors_keep_the_text(self):
        response = self.client.post(URL, good_post(category="nonsense"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "窗口让我跑了三趟")
        self.assertFalse(Complaint.objects.exists())

    def test_errors_keep_accepted_attachments(self):
        post = {**good_post(description=""), "attachments": [jpeg_file("site.jpg")]}
        response = self.client.post(URL, post)
        self.assertContains(response, 'id="staged-attachments"')
        self.assertContains(response, "site.jpg")
        self.assertContains(response, f'value="{post["form_token"]}"')
        self.client.post(URL, {**post, "description": "现在补上了事情的经过，请核查。", "attachments": []})
        self.assertEqual(Event.objects.get(kind="received").attachments.count(), 1)

    def test_a_staged_attachment_can_be_removed(self):
        post = {**good_post(description=""), "attachments": [jpeg_file()]}
        self.client.post(URL, post)
        key = uploads.staged_files(post["form_token"])[0].key
        self.client.post(URL, {**good_post(form_token=post["form_token"]), "drop": key})
        self.assertEqual(Event.objects.get(kind="received").attachments.count(), 0)

    def test_renamed_exe_is_refused_and_the_rest_kept(self):
        post = {**good_post(), "attachments": [SimpleUploadedFile("photo.jpg", EXE), jpeg_file("ok.jpg")]}
        response = self.client.post(URL, post)
        self.assertContains(response, "photo.jpg:")
        self.assertFalse(Complaint.objects.exists())
        self.assertEqual([f.name for f in uploads.staged_files(post["form_token"])], ["ok.jpg"])

    @override_settings(XIAONENG_UPLOAD_MAX_BYTES=300)
    def test_oversize_is_refused(self):
        response = self.client.post(URL, {**good_post(), "attachments": [jpeg_file()]})
        self.assertContains(response, "MB")
        self.assertFalse(Complaint.objects.exists())

    @override_settings(XIAONENG_UPLOAD_MAX_FILES=1)
    def test_too_many_attachments_are_refused(self):
        files = [jpeg_file("a.jpg"), SimpleUploadedFile("b.pdf", pdf_with_author())]
        response = self.client.post(URL, {**good_post(), "attachments": files})
        self.assertContains(response, '<p class="error">b.pdf')
        self.assertFalse(Complaint.objects.exists())

    def test_real_name_needs_a_valid_phone(self):
        response = self.client.post(URL, good_post(anonymous="0", name="王五", phone="12345"))
        self.assertContains(response, "0517-86912345")
        self.assertFalse(Complaint.objects.exists())

    def test_real_name_needs_a_name(self):
        self.client.post(URL, good_post(anonymous="0", phone="13812345678"))
        self.assertFalse(Complaint.objects.exists())

    def test_future_date_is_refused(self):
        self.client.post(URL, good_post(occurred_on="2999-01-01"))
        self.assertFalse(Complaint.objects.exists())

    def test_malformed_values_never_500(self):
        for bad in ({"accused_unit": "abc"}, {"accused_unit": "99999999"}, {"occurred_on": "yesterday"},
                    {"anonymous": "maybe"}, {"scope": ["a", "b"]}, {"form_token": "../../etc"},
                    {"description": "x" * 200_000}, {"description": "a\x00b" * 10},
                    {"drop": "../../../settings.py"}, {"category": ""}):
            with self.subTest(bad=bad):
                response = self.client.post(URL, good_post(**bad))
                self.assertEqual(response.status_code, 200)
        # A forged token is replaced and a forged removal ignored: those two posts are filed.
        self.assertEqual(Complaint.objects.count(), 2)

    def test_empty_post_never_500(self):
        self.assertEqual(self.client.post(URL, {}).status_code, 200)

    def test_broken_multipart_is_a_400(self):
        response = self.client.generic("POST", URL, b"--x\r\nbroken",
                                       content_type="multipart/form-data; boundary=x")
        self.assertIn(response.status_code, (200, 400))

    def test_oversized_body_is_a_400(self):
        response = self.client.post(URL, good_post(description="x" * 3_000_000))
        self.assertEqual(response.status_code, 400)

    def test_unknown_method_is_405(self):
        self.assertEqual(self.client.put(URL).status_code, 405)


class PhoneTests(XiaonengTestCase):
    def test_mobile_and_landline(self):
        self.assertEqual(normalise_phone("+86 138-1234-5678".replace("-", "")), "13812345678")
        self.assertEqual(normalise_phone("(0517)86912345"), "0517-86912345")
        self.assertEqual(normalise_phone("010-12345678-12"), "010-12345678-12")
        for bad in ("12812345678", "1381234567", "86912345", "abc", ""):
            self.assertIsNone(normalise_phone(bad), bad)
