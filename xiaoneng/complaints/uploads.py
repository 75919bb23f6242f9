"""Attachments from the public: checked by content, stripped of metadata, staged between posts.

A reporter's photo may carry the GPS position of their home and a PDF the author's name, so
nothing uploaded is kept as sent: images are decoded and re-encoded from their pixels alone,
PDFs are rebuilt page by page without the document information or XMP metadata. The file's
name and declared type are never trusted; its content decides.

Staging: when a form is sent back with errors, attachments already accepted are kept under
MEDIA_ROOT/staging/<form token>/ so the reporter need not choose them again; `purge_staging`
removes what is older than the staging lifetime (command `purge_public_staging`).
"""

from __future__ import annotations

import io
import re
import secrets
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError
from pypdf.generic import NameObject

MAX_ATTACHMENTS = 5
MAX_BYTES = 10 * 1024 * 1024
# Decoding a small file into a huge bitmap (a "decompression bomb") is refused before it happens.
MAX_PIXELS = 40_000_000
STAGING_HOURS = 6

_IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{32}$")


def max_attachments() -> int:
    return int(getattr(settings, "XIAONENG_UPLOAD_MAX_FILES", MAX_ATTACHMENTS))


def max_bytes() -> int:
    return int(getattr(settings, "XIAONENG_UPLOAD_MAX_BYTES", MAX_BYTES))


class UploadRejected(ValidationError):
    """An upload that is not kept; the message is for the reporter, `code` is stable."""

    def __init__(self, message, code: str) -> None:
        super().__init__(message, code=code)


def sanitise_upload(uploaded_file) -> ContentFile:
    """Return a clean copy of an uploaded photo (JPEG/PNG/WebP) or PDF, or raise UploadRejected."""
    limit = max_bytes()
    size = getattr(uploaded_file, "size", None)
    if size is not None and size > limit:
        raise _too_big(limit)
    uploaded_file.seek(0)
    data = uploaded_file.read(limit + 1)
    if len(data) > limit:
        raise _too_big(limit)
    if not data:
        raise UploadRejected(_("The file is empty."), "empty")
    stem = _safe_stem(getattr(uploaded_file, "name", "") or "")
    if data.lstrip()[:5] == b"%PDF-" or b"%PDF-" in data[:1024]:
        return ContentFile(_clean_pdf(data), name=f"{stem}.pdf")
    clean, extension = _clean_image(data)
    return ContentFile(clean, name=f"{stem}.{extension}")


def _too_big(limit: int) -> UploadRejected:
    return UploadRejected(
        _("The file is larger than %(size)s MB.") % {"size": round(limit / 1024 / 1024, 1)}, "too_big"
    )


def _unsupported() -> UploadRejected:
    return UploadRejected(_("Only photos (JPEG, PNG, WebP) and PDF files can be attached."), "unsupported")


def _safe_stem(name: str) -> str:
    stem = Path(name.replace("\\", "/")).stem
    try:
        stem = get_valid_filename(stem)[:60]
    except Exception:  # noqa: BLE001 - get_valid_filename refuses names like ".."
        stem = ""
    return stem or "attachment"


def _clean_image(data: bytes) -> tuple[bytes, str]:
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format not in _IMAGE_FORMATS:
                raise _unsupported()
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise UploadRejected(_("The photo has too many pixels."), "too_many_pixels")
            image.load()
            fmt = image.format
            # Turn the pixels upright first: the orientation tag goes with the rest of the metadata.
            upright = ImageOps.exif_transpose(image)
    except UploadRejected:
        raise
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError,
            EOFError, TypeError, KeyError, IndexError, ZeroDivisionError):
        raise _unsupported() from None
    mode = "RGB" if fmt == "JPEG" else ("RGBA" if upright.mode in {"RGBA", "LA", "P", "PA"} else "RGB")
    if upright.mode == "L" and fmt == "JPEG":
        mode = "L"
    pixels = upright.convert(mode)
    # A new image from the raw pixels has no info, EXIF, XMP, ICC or comments to carry along.
    bare = Image.frombytes(mode, pixels.size, pixels.tobytes())
    out = io.BytesIO()
    if fmt == "JPEG":
        bare.save(out, "JPEG", quality=88, optimize=True)
    elif fmt == "PNG":
        bare.save(out, "PNG", optimize=True)
    else:
        bare.save(out, "WEBP", quality=88)
    return out.getvalue(), _IMAGE_FORMATS[fmt]


def _clean_pdf(data: bytes) -> bytes:
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise UploadRejected(_("Password-protected PDF files cannot be attached."), "encrypted")
        pages = list(reader.pages)
        if not pages:
            raise _unsupported()
        writer = PdfWriter()
        for page in pages:
            added = writer.add_page(page)
            for key in ("/Metadata", "/PieceInfo"):
                if key in added:
                    del added[NameObject(key)]
        # Only pages are copied: the catalogue (XMP, scripts, open actions) stays behind.
        writer._info = None  # noqa: SLF001 - pypdf writes no /Info at all then
        out = io.BytesIO()
        writer.write(out)
    except UploadRejected:
        raise
    except (PyPdfError, OSError, ValueError, KeyError, TypeError, AttributeError, IndexError,
            RecursionError, AssertionError, ZeroDivisionError):
        raise _unsupported() from None
    return out.getvalue()


# --- staging between posts of one form ---------------------------------------------------------


@dataclass(frozen=True)
class StagedFile:
    key: str  # the stored name, used by the form to drop one
    name: str  # the name shown to the reporter
    size: int


def new_form_token() -> str:
    return secrets.token_urlsafe(24)


def valid_token(token: str | None) -> bool:
    return bool(token) and bool(_TOKEN.match(token))


def staging_root() -> Path:
    return Path(settings.MEDIA_ROOT) / "staging"


def _folder(token: str) -> Path:
    if not valid_token(token):
        raise ValueError("not a form token")
    return staging_root() / token


def stage(token: str, clean: ContentFile) -> StagedFile:
    """Keep a sanitised file for this form until it is submitted or expires."""
    folder = _folder(token)
    folder.mkdir(parents=True, exist_ok=True)
    key = f"{secrets.token_hex(4)}-{clean.name}"
    clean.seek(0)
    data = clean.read()
    (folder / key).write_bytes(data)
    return StagedFile(key=key, name=clean.name, size=len(data))


def staged_files(token: str | None) -> list[StagedFile]:
    if not valid_token(token):
        return []
    folder = _folder(token)
    if not folder.is_dir():
        return []
    files = sorted(folder.iterdir(), key=lambda path: (path.stat().st_mtime, path.name))
    return [StagedFile(key=p.name, name=p.name.split("-", 1)[-1], size=p.stat().st_size)
            for p in files if p.is_file()]


def drop_staged(token: str, key: str) -> None:
    if not valid_token(token) or "/" in key or "\\" in key or key.startswith("."):
        return
    (_folder(token) / key).unlink(missing_ok=True)


def staged_contents(token: str | None) -> list[ContentFile]:
    """The staged files as django Files, ready for do_file_complaint."""
    if not valid_token(token):
        return []
    folder = _folder(token)
    return [ContentFile((folder / f.key).read_bytes(), name=f.name) for f in staged_files(token)]


def clear_staging(token: str | None) -> None:
    if valid_token(token):
        shutil.rmtree(_folder(token), ignore_errors=True)


def purge_staging(*, older_than_hours: float | None = None, commit: bool = True) -> list[Path]:
    """Remove staging folders untouched for the staging lifetime; return those (to be) removed."""
    hours = older_than_hours
    if hours is None:
        hours = float(getattr(settings, "XIAONENG_UPLOAD_STAGING_HOURS", STAGING_HOURS))
    root = staging_root()
    if not root.is_dir():
        return []
    cutoff = time.time() - hours * 3600
    expired = []
    for folder in sorted(root.iterdir()):
        newest = max([folder.stat().st_mtime] + [p.stat().st_mtime for p in folder.glob("*")])
        if newest < cutoff:
            expired.append(folder)
            if commit:
                shutil.rmtree(folder, ignore_errors=True) if folder.is_dir() else folder.unlink()
    return expired
