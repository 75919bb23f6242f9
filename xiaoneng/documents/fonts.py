"""Which fonts official documents use, and where the PDF writer finds them.

In the .docx the faces are named (the reader's computer supplies them): 方正小标宋简体 for the
header and titles, 仿宋_GB2312 for the body, each with fallbacks recorded in the font table.
The PDF must embed real font files. They are looked up in this order:

1. XIAONENG_DATA_DIR/fonts/ — an office's licensed fonts, by the file names in TITLE_FILES
   and BODY_FILES (case does not matter);
2. the system's Noto Serif CJK (Debian/Ubuntu package fonts-noto-cjk), its Simplified-Chinese
   face taken from the .ttc collection (bold for titles, regular for the body).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

# Font names as Word and WPS know them, preferred first.
TITLE_FACES = ["方正小标宋简体", "华文中宋", "Noto Serif CJK SC"]
BODY_FACES = ["仿宋_GB2312", "仿宋", "Noto Serif CJK SC"]
LATIN_FACE = "Times New Roman"  # for digits and Latin letters, as is customary

# File names recognised in XIAONENG_DATA_DIR/fonts/, preferred first.
TITLE_FILES = ["方正小标宋简体.ttf", "FZXBSJW.TTF", "FZXBSK.TTF", "华文中宋.ttf", "STZHONGS.TTF"]
BODY_FILES = ["仿宋_GB2312.ttf", "FS_GB2312.TTF", "SIMFANG_GB2312.TTF", "仿宋.ttf", "SIMFANG.TTF"]

SYSTEM_DIRS = [
    Path("/usr/share/fonts/opentype/noto"),  # Debian, Ubuntu: fonts-noto-cjk
    Path("/usr/share/fonts/google-noto-cjk"),  # Fedora
    Path("/usr/share/fonts/noto-cjk"),  # Arch, Alpine
]
SYSTEM_TITLE = ("NotoSerifCJK-Bold.ttc", "NotoSerifCJK-Regular.ttc")
SYSTEM_BODY = ("NotoSerifCJK-Regular.ttc",)
SC_FACE_NAME = "Noto Serif CJK SC"


class FontMissing(RuntimeError):
    """No CJK font could be found for the PDF."""


@dataclass(frozen=True)
class FontFile:
    path: Path
    index: int = 0  # the face inside a .ttc collection


@dataclass(frozen=True)
class PdfFonts:
    title: FontFile
    body: FontFile


def office_font_dir() -> Path:
    return Path(settings.DATA_DIR) / "fonts"


def _office_font(names: list[str]) -> FontFile | None:
    directory = office_font_dir()
    if not directory.is_dir():
        return None
    present = {entry.name.lower(): entry for entry in directory.iterdir() if entry.is_file()}
    for name in names:
        if name.lower() in present:
            return FontFile(present[name.lower()])
    return None


_face_index_cache: dict[Path, int] = {}


def _sc_face(path: Path) -> int:
    """The index of the Simplified-Chinese face in a Noto CJK collection (2 in today's files)."""
    if path not in _face_index_cache:
        from fontTools.ttLib import TTCollection

        collection = TTCollection(str(path), lazy=True)
        names = [font["name"].getDebugName(4) or "" for font in collection.fonts]
        matches = [i for i, name in enumerate(names) if name.startswith(SC_FACE_NAME)]
        _face_index_cache[path] = matches[0] if matches else 0
    return _face_index_cache[path]


def _system_font(file_names: tuple[str, ...]) -> FontFile | None:
    for directory in SYSTEM_DIRS:
        for name in file_names:
            path = directory / name
            if path.is_file():
                return FontFile(path, _sc_face(path))
    return None


def pdf_fonts() -> PdfFonts:
    """The title and body fonts for a PDF; FontMissing says where to put one."""
    body = _office_font(BODY_FILES) or _system_font(SYSTEM_BODY)
    title = _office_font(TITLE_FILES) or _system_font(SYSTEM_TITLE) or body
    if body is None or title is None:
        raise FontMissing(
            "No Chinese font for PDF documents. Put the office's licensed fonts into "
            f"{office_font_dir()}{os.sep} (one of {', '.join(BODY_FILES)} for the body, one of "
            f"{', '.join(TITLE_FILES)} for titles), or install Noto Serif CJK "
            "(apt-get install fonts-noto-cjk)."
        )
    return PdfFonts(title=title, body=body)
