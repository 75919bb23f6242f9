"""Evidence files of enforcement steps: checked by content, kept exactly as recorded.

Unlike the public's attachments (`xiaoneng.complaints.uploads`), which are re-encoded to strip the
reporter's metadata, enforcement evidence (现场照片或录像, signed 笔录) is passed through UNCHANGED:
its bytes are hashed into the trace, and the EXIF time and position of a site photo are part of
what it proves. Re-encoding would also make the stored file differ from the one the officer took.
So nothing is rewritten; only the file name's extension is set from the detected type, and a file
whose content is none of the accepted types, or that does not parse, is refused.
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.base import File
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from xiaoneng.procedures.actions import ProcedureError
from xiaoneng.procedures.models import EvidenceKind

MAX_BYTES = 200 * 1024 * 1024

IMAGE, PDF, VIDEO = "image", "pdf", "video"
TYPE_LABELS = {
    IMAGE: gettext_lazy("photos (JPEG, PNG, WebP)"),
    PDF: gettext_lazy("PDF documents"),
    VIDEO: gettext_lazy("videos (MP4, MOV)"),
}
# What each kind of evidence may be; kinds not named take photos and PDF scans.
ALLOWED = {
    EvidenceKind.PHOTO_OR_VIDEO: (IMAGE, VIDEO),
    EvidenceKind.OTHER: (IMAGE, PDF, VIDEO),
}
DOCUMENT = (IMAGE, PDF)
# HTML `accept` for each type, used by the step form's file inputs.
ACCEPT = {IMAGE: "image/*", PDF: "application/pdf", VIDEO: "video/*"}

_IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
# ISO base media file brands (major or compatible) of phone and camera video.
_VIDEO_BRANDS = {
    b"qt  ": "mov",
    **dict.fromkeys([b"isom", b"iso2", b"iso3", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"avc1",
                     b"M4V ", b"M4VP", b"MSNV", b"mmp4", b"dash", b"hvc1", b"hev1"], "mp4"),
    **dict.fromkeys([b"3gp4", b"3gp5", b"3gp6", b"3gp7", b"3gs7", b"3g2a"], "3gp"),
}
_MEDIA_BOXES = {b"moov", b"mdat", b"moof"}


class EvidenceRejected(ProcedureError):
    """An evidence file that is not recorded; the message is for the officer, `code` is stable."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


def max_bytes() -> int:
    return int(getattr(settings, "XIAONENG_EVIDENCE_MAX_BYTES", MAX_BYTES))


def allowed_types(kind: str) -> tuple[str, ...]:
    return ALLOWED.get(kind, DOCUMENT)


def accept_attribute(kind: str) -> str:
    return ",".join(ACCEPT[t] for t in allowed_types(kind))


def accept_evidence(uploaded_file: File, kind: str) -> File:
    """Return `uploaded_file` itself, bytes untouched, if its content suits `kind`; else raise."""
    limit = max_bytes()
    size = _size(uploaded_file)
    if size > limit:
        raise EvidenceRejected(_("The evidence file is larger than %(size)s MB.")
                               % {"size": round(limit / 1024 / 1024, 1)}, "too_big")
    if size == 0:
        raise EvidenceRejected(_("The evidence file is empty."), "empty")
    uploaded_file.seek(0)
    head = uploaded_file.read(64)
    detected = _detect(head)
    allowed = allowed_types(kind)
    if detected not in allowed:
        raise EvidenceRejected(_("%(kind)s accepts only %(types)s; the content of this file is none of them.")
                               % {"kind": EvidenceKind(kind).label,
                                  "types": "、".join(str(TYPE_LABELS[t]) for t in allowed)}, "type")
    extension = {IMAGE: _check_image, PDF: _check_pdf, VIDEO: _check_video}[detected](uploaded_file, size)
    uploaded_file.seek(0)
    stem = get_valid_filename((getattr(uploaded_file, "name", "") or "").rsplit(".", 1)[0][:80]) or "evidence"
    uploaded_file.name = f"{stem}.{extension}"
    return uploaded_file


def _size(uploaded_file: File) -> int:
    size = getattr(uploaded_file, "size", None)
    if size is None:
        uploaded_file.seek(0, 2)
        size = uploaded_file.tell()
    return size


def _detect(head: bytes) -> str | None:
    webp = head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    if webp or head.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")):
        return IMAGE
    if head.startswith(b"%PDF-"):
        return PDF
    if head[4:8] == b"ftyp":
        return VIDEO
    return None


def _damaged() -> EvidenceRejected:
    return EvidenceRejected(_("The file is damaged and cannot be accepted as evidence."), "damaged")


def _check_image(uploaded_file: File, size: int) -> str:
    # verify() checks the structure without decoding pixels into a new file: nothing is re-encoded.
    uploaded_file.seek(0)
    try:
        with Image.open(uploaded_file) as image:
            image_format = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise _damaged() from None
    if image_format not in _IMAGE_FORMATS:
        raise _damaged()
    return _IMAGE_FORMATS[image_format]


def _check_pdf(uploaded_file: File, size: int) -> str:
    uploaded_file.seek(0)
    try:
        if len(PdfReader(uploaded_file).pages) < 1:
            raise _damaged()
    except (PyPdfError, ValueError, KeyError, TypeError, OSError):
        raise _damaged() from None
    return "pdf"


def _check_video(uploaded_file: File, size: int) -> str:
    """ISO BMFF: a known brand in the 'ftyp' box and top-level boxes that tile the file up to a movie."""
    uploaded_file.seek(0)
    ftyp_size = int.from_bytes(uploaded_file.read(4), "big")
    if not 16 <= ftyp_size <= min(size, 4096):
        raise _damaged()
    uploaded_file.seek(0)
    ftyp = uploaded_file.read(ftyp_size)
    brands = [ftyp[8:12], *(ftyp[i:i + 4] for i in range(16, ftyp_size - 3, 4))]
    extension = next((_VIDEO_BRANDS[b] for b in brands if b in _VIDEO_BRANDS), None)
    if extension is None:
        raise EvidenceRejected(_("This video format is not accepted; record MP4 or MOV."), "brand")
    if not _media_boxes(uploaded_file, ftyp_size, size) & _MEDIA_BOXES:
        raise _damaged()
    return extension


def _media_boxes(uploaded_file: File, offset: int, size: int) -> set[bytes]:
    """The types of the top-level boxes after 'ftyp'; a box that overruns the file is damage."""
    found: set[bytes] = set()
    while offset < size:
        uploaded_file.seek(offset)
        header = uploaded_file.read(16)
        if len(header) < 8:
            raise _damaged()
        box_size, box_type = int.from_bytes(header[:4], "big"), header[4:8]
        if box_size == 1:
            box_size = int.from_bytes(header[8:16], "big")
        elif box_size == 0:
            box_size = size - offset
        if box_size < 8 or offset + box_size > size or not box_type.isascii():
            raise _damaged()
        found.add(box_type)
        offset += box_size
    return found
