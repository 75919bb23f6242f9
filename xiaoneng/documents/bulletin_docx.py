"""The .docx of a bulletin (简报) in the red-header style of Chinese government bulletins.

A4 with the 公文 margins; the bulletin's name in red 方正小标宋, large, centred; 第N期 under it;
the editing unit (left) and date (right) on one line above a thick red rule; 本期要目 (contents);
each section under a 黑体 heading, each item's title in 小标宋, the body in 仿宋 三号 and its credit
("——县交通局供稿") flush right; at the end the 报/送/发 distribution block between black rules.
Page numbers "— 1 —" in the footer. It reuses the 公文 writer's plain-WordprocessingML helpers.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm

from xiaoneng.documents.docx_writer import (
    BODY,
    TITLE,
    _border,
    _footer,
    _indent_chars,
    _paragraph,
    _run,
    _setup,
)
from xiaoneng.documents.render import (
    BODY_SIZE,
    HEADING_FACES,
    MASTHEAD_SIZE,
    NOTE_SIZE,
    RED_HEX,
    TEXT_WIDTH,
    Bulletin,
    chinese_date,
)

HEADING = HEADING_FACES[0]
ITEM_TITLE_SIZE = 18.0  # 小二


def _masthead(document, bulletin: Bulletin) -> None:
    name = _paragraph(document, bulletin.name, face=TITLE, size=MASTHEAD_SIZE,
                      align=WD_ALIGN_PARAGRAPH.CENTER, red=True, pitch=MASTHEAD_SIZE * 1.3)
    name.paragraph_format.space_before = Mm(8)
    _paragraph(document, bulletin.number_line, align=WD_ALIGN_PARAGRAPH.CENTER)
    line = _paragraph(document)
    line.paragraph_format.tab_stops.add_tab_stop(Mm(TEXT_WIDTH), WD_TAB_ALIGNMENT.RIGHT)
    _run(line, bulletin.editor_line, BODY, BODY_SIZE)
    _run(line, f"\t{chinese_date(bulletin.date)}", BODY, BODY_SIZE)
    _border(line, colour=RED_HEX, eighths=24, space=6)  # the red rule: 3 pt


def _contents(document, bulletin: Bulletin) -> None:
    if not bulletin.contents:
        return
    _paragraph(document)
    _paragraph(document, "本期要目", face=HEADING, size=BODY_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER)
    for heading, titles in bulletin.contents:
        _paragraph(document, f"【{heading}】", face=HEADING, size=BODY_SIZE)
        for title in titles:
            entry = _paragraph(document, title)
            _indent_chars(entry, left=2)


def _sections(document, bulletin: Bulletin) -> None:
    for section in bulletin.sections:
        if not section.entries:
            continue
        _paragraph(document)
        _paragraph(document, f"{section.heading}：", face=HEADING, size=BODY_SIZE)
        for entry in section.entries:
            title = _paragraph(document, entry.title, face=TITLE, size=ITEM_TITLE_SIZE,
                               align=WD_ALIGN_PARAGRAPH.CENTER, pitch=max(28.0, ITEM_TITLE_SIZE * 1.5))
            title.paragraph_format.keep_with_next = True
            for text in entry.paragraphs:
                paragraph = _paragraph(document, text.strip(), align=WD_ALIGN_PARAGRAPH.JUSTIFY)
                _indent_chars(paragraph, first_line=2)
            if entry.credit:
                _paragraph(document, entry.credit, align=WD_ALIGN_PARAGRAPH.RIGHT)


def _distribution(document, bulletin: Bulletin) -> None:
    lines = bulletin.distribution
    if not lines:
        return
    _paragraph(document)
    for index, text in enumerate(lines):
        paragraph = _paragraph(document, text, size=NOTE_SIZE)
        _indent_chars(paragraph, left=1, right=1, size=NOTE_SIZE)
        sides = ("top", "bottom") if index == 0 else ("bottom",)
        _border(paragraph, colour="000000", eighths=8, space=4, sides=sides)
        paragraph.paragraph_format.keep_with_next = index < len(lines) - 1


def write_bulletin_docx(bulletin: Bulletin) -> bytes:
    document = Document()
    _setup(document)
    _heading_font(document)
    _footer(document)
    _masthead(document, bulletin)
    _contents(document, bulletin)
    _sections(document, bulletin)
    _distribution(document, bulletin)
    core = document.core_properties
    core.title = f"{bulletin.name} {bulletin.year}年{bulletin.number_line}"
    core.author, core.comments = bulletin.editing_unit, ""
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _heading_font(document) -> None:
    """Record 黑体's fallback (SimHei) in the font table as a GB2312 sans face."""
    from lxml import etree

    part = next(rel.target_part for rel in document.part.rels.values() if rel.reltype.endswith("/fontTable"))
    root = parse_xml(part.blob)
    font = OxmlElement("w:font")
    font.set(qn("w:name"), HEADING)
    for tag, value in (("w:altName", HEADING_FACES[1]), ("w:charset", "86"), ("w:family", "swiss"),
                       ("w:pitch", "variable")):
        child = OxmlElement(tag)
        child.set(qn("w:val"), value)
        font.append(child)
    root.append(font)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
