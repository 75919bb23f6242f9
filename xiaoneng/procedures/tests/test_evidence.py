import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import SimpleTestCase, override_settings
from PIL import Image
from pypdf import PdfWriter

from xiaoneng.procedures.actions import ProcedureError, do_complete_step
from xiaoneng.procedures.evidence import EvidenceRejected, accept_attribute, accept_evidence
from xiaoneng.procedures.tests.base import ProcedureTestCase, evidence_for
from xiaoneng.trace.hashing import file_digest


def box(kind: bytes, payload: bytes) -> bytes:
    return (8 + len(payload)).to_bytes(4, "big") + kind + payload


def mp4(brand: bytes = b"isom", compatible: bytes = b"mp41") -> bytes:
    """A minimal ISO BMFF file: 'ftyp' (major brand, version, compatible brands) then an empty 'moov'."""
    ftyp = box(b"ftyp", brand + b"\x00\x00\x02\x00" + brand + compatible)
    mvhd = box(b"mvhd", bytes(100))
    return ftyp + box(b"moov", mvhd)


def jpeg_with_exif() -> bytes:
    image = Image.new("RGB", (8, 8), "blue")
    exif = Image.Exif()
    exif[0x0132] = "2026:11:23 10:00:00"  # DateTime
    exif[0x010F] = "DSJ-Camera"  # Make
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


class AcceptEvidence(SimpleTestCase):
    def refused(self, name: str, data: bytes, kind: str = "photo_or_video") -> str:
        with self.assertRaises(EvidenceRejected) as caught:
            accept_evidence(upload(name, data), kind)
        return caught.exception.code

    def test_mp4_passes_unchanged(self):
        data = mp4()
        accepted = accept_evidence(upload("现场.mp4", data), "photo_or_video")
        self.assertEqual(accepted.read(), data)
        self.assertEqual(accepted.name, "现场.mp4")

    def test_mov_named_by_brand(self):
        self.assertEqual(accept_evidence(upload("clip.bin", mp4(b"qt  ")), "photo_or_video").name, "clip.mov")

    def test_jpeg_keeps_exif(self):
        data = jpeg_with_exif()
        accepted = accept_evidence(upload("photo.jpg", data), "photo_or_video")
        self.assertEqual(accepted.read(), data)
        self.assertEqual(Image.open(io.BytesIO(data)).getexif()[0x010F], "DSJ-Camera")

    def test_renamed_exe_refused(self):
        self.assertEqual(self.refused("video.mp4", b"MZ\x90\x00" + bytes(200)), "type")

    def test_oversize_refused(self):
        with override_settings(XIAONENG_EVIDENCE_MAX_BYTES=100):
            self.assertEqual(self.refused("big.mp4", mp4() + box(b"mdat", bytes(200))), "too_big")

    def test_empty_refused(self):
        self.assertEqual(self.refused("x.jpg", b""), "empty")

    def test_unknown_brand_refused(self):
        self.assertEqual(self.refused("x.mp4", mp4(b"zzzz", b"yyyy")), "brand")

    def test_truncated_video_refused(self):
        self.assertEqual(self.refused("x.mp4", mp4()[:-10]), "damaged")

    def test_ftyp_without_movie_refused(self):
        self.assertEqual(self.refused("x.mp4", mp4()[:24]), "damaged")

    def test_broken_jpeg_refused(self):
        self.assertEqual(self.refused("x.jpg", b"\xff\xd8\xff\xe0" + bytes(50)), "damaged")

    def test_gif_refused(self):
        out = io.BytesIO()
        Image.new("RGB", (2, 2)).save(out, "GIF")
        self.assertEqual(self.refused("x.gif", out.getvalue()), "type")

    def test_pdf_for_signature(self):
        data = pdf()
        self.assertEqual(accept_evidence(upload("签字.pdf", data), "signature").read(), data)

    def test_broken_pdf_refused(self):
        self.assertEqual(self.refused("x.pdf", b"%PDF-1.7\n garbage", "onsite_record"), "damaged")

    def test_pdf_not_photo_or_video(self):
        self.assertEqual(self.refused("x.pdf", pdf()), "type")

    def test_video_not_signature(self):
        self.assertEqual(self.refused("x.mp4", mp4(), "signature"), "type")

    def test_image_for_onsite_record(self):
        accepted = accept_evidence(upload("笔录.jpg", jpeg_with_exif()), "onsite_record")
        self.assertEqual(accepted.name, "笔录.jpg")

    def test_known_compatible_brand_accepted(self):
        self.assertEqual(accept_evidence(upload("a", mp4(b"zzzz", b"mp42")), "photo_or_video").name, "a.mp4")

    def test_is_a_procedure_error(self):
        self.assertTrue(issubclass(EvidenceRejected, ProcedureError))

    def test_chinese_message(self):
        from django.utils import translation

        with translation.override("zh-hans"), self.assertRaises(EvidenceRejected) as caught:
            accept_evidence(upload("x.exe", b"MZ" + bytes(100)), "photo_or_video")
        self.assertIn("视频（MP4、MOV）", str(caught.exception))

    def test_accept_attribute(self):
        self.assertEqual(accept_attribute("photo_or_video"), "image/*,video/*")
        self.assertEqual(accept_attribute("signature"), "image/*,application/pdf")


class EvidenceInTrace(ProcedureTestCase):
    def test_video_digest_in_trace(self):
        case = self.open(template=self.routine)
        do_complete_step(case, self.step(self.routine, 1), actor=self.liaison_a,
                         evidence=evidence_for(self.step(self.routine, 1)))
        data = mp4()
        video = accept_evidence(upload("现场.mp4", data), "photo_or_video")
        done = do_complete_step(case, self.step(self.routine, 2), actor=self.liaison_a,
                                evidence=[("onsite_record", "笔录"), ("photo_or_video", video)])
        attachment = done.event.attachments.get()
        self.assertEqual(attachment.digest, file_digest(io.BytesIO(data), done.event.algorithm))
        self.assertEqual(done.event.data["evidence"][1]["file"], "现场.mp4")
        with attachment.file.open("rb") as stored:
            self.assertEqual(stored.read(), data)
