import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import SimpleTestCase, override_settings
from PIL import Image
from pypdf import PdfReader, PdfWriter

from xiaoneng.complaints import uploads
from xiaoneng.complaints.uploads import UploadRejected, sanitise_upload

GPS_IFD = 0x8825


def jpeg_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x010E] = "my kitchen"  # ImageDescription
    exif[0x0112] = 1  # Orientation
    gps = exif.get_ifd(GPS_IFD)
    gps[1], gps[2], gps[3], gps[4] = "N", (33.0, 1.0, 2.0), "E", (119.0, 3.0, 4.0)
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(out, "JPEG", exif=exif)
    return out.getvalue()


def pdf_with_author() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_metadata({"/Author": "Zhang San", "/Title": "my complaint"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def upload(data: bytes, name: str, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


class ImageTests(SimpleTestCase):
    def test_the_test_jpeg_really_carries_gps(self):
        exif = Image.open(io.BytesIO(jpeg_with_gps())).getexif()
        self.assertTrue(exif.get_ifd(GPS_IFD))

    def test_jpeg_comes_out_without_gps_or_any_exif(self):
        clean = sanitise_upload(upload(jpeg_with_gps(), "photo.jpg", "image/jpeg"))
        data = clean.read()
        image = Image.open(io.BytesIO(data))
        self.assertEqual(image.format, "JPEG")
        self.assertEqual(image.size, (40, 30))
        self.assertFalse(image.getexif().get_ifd(GPS_IFD))
        self.assertEqual(len(image.getexif()), 0)
        self.assertNotIn(b"Exif", data)
        self.assertNotIn(b"my kitchen", data)
        self.assertTrue(clean.name.endswith(".jpg"))

    def test_png_is_reencoded_without_text_chunks(self):
        from PIL.PngImagePlugin import PngInfo

        info = PngInfo()
        info.add_text("Author", "Zhang San")
        out = io.BytesIO()
        Image.new("RGBA", (10, 10)).save(out, "PNG", pnginfo=info)
        data = sanitise_upload(upload(out.getvalue(), "x.png")).read()
        self.assertNotIn(b"Zhang San", data)
        self.assertEqual(Image.open(io.BytesIO(data)).format, "PNG")

    def test_type_comes_from_content_not_name(self):
        clean = sanitise_upload(upload(jpeg_with_gps(), "document.pdf", "application/pdf"))
        self.assertTrue(clean.name.endswith(".jpg"))

    def test_gif_is_refused(self):
        out = io.BytesIO()
        Image.new("RGB", (5, 5)).save(out, "GIF")
        with self.assertRaises(UploadRejected) as caught:
            sanitise_upload(upload(out.getvalue(), "a.gif"))
        self.assertEqual(caught.exception.code, "unsupported")

    def test_truncated_jpeg_is_refused_not_crashing(self):
        with self.assertRaises(UploadRejected):
            sanitise_upload(upload(jpeg_with_gps()[:200], "cut.jpg"))

    def test_path_in_the_name_is_dropped(self):
        clean = sanitise_upload(upload(jpeg_with_gps(), "../../etc/passwd.jpg"))
        self.assertEqual(clean.name, "passwd.jpg")


class PdfTests(SimpleTestCase):
    def test_the_test_pdf_really_carries_an_author(self):
        self.assertEqual(PdfReader(io.BytesIO(pdf_with_author())).metadata["/Author"], "Zhang San")

    def test_pdf_comes_out_without_author(self):
        clean = sanitise_upload(upload(pdf_with_author(), "letter.pdf", "application/pdf"))
        data = clean.read()
        reader = PdfReader(io.BytesIO(data))
        self.assertEqual(len(reader.pages), 1)
        self.assertFalse(reader.metadata and reader.metadata.get("/Author"))
        self.assertNotIn(b"Zhang San", data)
        self.assertTrue(clean.name.endswith(".pdf"))

    def test_broken_pdf_is_refused(self):
        with self.assertRaises(UploadRejected):
            sanitise_upload(upload(b"%PDF-1.7\n garbage", "x.pdf"))


class RefusalTests(SimpleTestCase):
    def test_renamed_exe_is_refused(self):
        exe = b"MZ\x90\x00\x03\x00" + b"\x00" * 200 + b"This program cannot be run in DOS mode"
        with self.assertRaises(UploadRejected) as caught:
            sanitise_upload(upload(exe, "photo.jpg", "image/jpeg"))
        self.assertEqual(caught.exception.code, "unsupported")

    @override_settings(XIAONENG_UPLOAD_MAX_BYTES=1000)
    def test_oversize_is_refused(self):
        with self.assertRaises(UploadRejected) as caught:
            sanitise_upload(upload(b"\xff" * 1001, "big.jpg"))
        self.assertEqual(caught.exception.code, "too_big")

    def test_empty_is_refused(self):
        with self.assertRaises(UploadRejected):
            sanitise_upload(upload(b"", "empty.jpg"))

    def test_message_is_chinese(self):
        from django.utils import translation

        with translation.override("zh-hans"):
            with self.assertRaises(UploadRejected) as caught:
                sanitise_upload(upload(b"MZ" * 10, "a.exe"))
            self.assertIn("只能上传", caught.exception.messages[0])


class StagingTests(SimpleTestCase):
    def setUp(self):
        import shutil
        import tempfile

        media = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, media, True)
        override = override_settings(MEDIA_ROOT=media)
        override.enable()
        self.addCleanup(override.disable)
        self.token = uploads.new_form_token()
        uploads.stage(self.token, sanitise_upload(upload(jpeg_with_gps(), "a.jpg")))

    def age(self, hours):
        import os
        import time

        folder = uploads.staging_root() / self.token
        old = time.time() - hours * 3600
        for path in (*folder.iterdir(), folder):
            os.utime(path, (old, old))

    def test_staged_files_are_listed_and_read_back(self):
        [staged] = uploads.staged_files(self.token)
        self.assertEqual(staged.name, "a.jpg")
        self.assertEqual(uploads.staged_contents(self.token)[0].name, "a.jpg")

    def test_forged_tokens_see_nothing(self):
        for token in ("../..", "", None, "x" * 32 + "/.."):
            self.assertEqual(uploads.staged_files(token), [])
        with self.assertRaises(ValueError):
            uploads.stage("../../etc", sanitise_upload(upload(jpeg_with_gps(), "a.jpg")))

    def test_fresh_staging_is_kept(self):
        self.assertEqual(uploads.purge_staging(), [])

    def test_command_is_a_dry_run_unless_commit(self):
        from io import StringIO

        from django.core.management import call_command

        self.age(7)
        out = StringIO()
        call_command("purge_public_staging", stdout=out)
        self.assertIn("would remove 1", out.getvalue())
        self.assertEqual(len(uploads.staged_files(self.token)), 1)
        call_command("purge_public_staging", "--commit", stdout=out)
        self.assertEqual(uploads.staged_files(self.token), [])
