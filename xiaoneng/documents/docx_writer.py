"""The .docx of an official document, with python-docx and a few plain WordprocessingML elements.

python-docx's `font.name` sets only the Latin faces; Chinese text takes the w:eastAsia face, so
every run names it explicitly (and the Normal style drops the template's Japanese theme font).
Borders (the red line, the 版记 rules) are paragraph borders: Word and WPS both draw them.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from xiaoneng.documents import fonts
from xiaoneng.documents.render import (
    BODY_SIZE,
    HEADER_SIZE,
    LINE_PITCH,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    NOTE_SIZE,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    RED_HEX,
    TEXT_WIDTH,
    TITLE_SIZE,
    OfficialDocument,
    chinese_date,
    text_width_in_chars,
)

TITLE = fonts.TITLE_FACES[0]
BODY = fonts.BODY_FACES[0]


def _set_fonts(rpr, east_asia: str) -> None:
    """Name the East Asian face and the Latin one on a w:rPr, with no theme font overriding them."""
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attribute), None)
    rfonts.set(qn("w:ascii"), fonts.LATIN_FACE)
    rfonts.set(qn("w:hAnsi"), fonts.LATIN_FACE)
    rfonts.set(qn("w:eastAsia"), east_asia)
    rfonts.set(qn("w:cs"), east_asia)
    rfonts.set(qn("w:hint"), "eastAsia")


def _run(paragraph: Paragraph, text: str, face: str, size: float, red: bool = False) -> None:
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    if red:
        run.font.color.rgb = RGBColor.from_string(RED_HEX)
    _set_fonts(run._r.get_or_add_rPr(), face)


def _paragraph(document, text: str = "", *, face: str = BODY, size: float = BODY_SIZE,
               align=WD_ALIGN_PARAGRAPH.LEFT, red: bool = False, pitch: float = LINE_PITCH) -> Paragraph:
    paragraph = document.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.alignment = align
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(pitch)
    fmt.space_before = fmt.space_after = Pt(0)
    if text:
        _run(paragraph, text, face, size, red)
    return paragraph


def _indent_chars(paragraph: Paragraph, *, first_line: int = 0, left: int = 0, right: int = 0,
                  size: float = BODY_SIZE) -> None:
    """Indents in characters (w:firstLineChars etc., what Word's 字符 unit writes), in points too."""
    fmt = paragraph.paragraph_format
    if first_line:
        fmt.first_line_indent = Pt(first_line * size)
    if left:
        fmt.left_indent = Pt(left * size)
    if right:
        fmt.right_indent = Pt(right * size)
    ind = paragraph._p.get_or_add_pPr().find(qn("w:ind"))
    pairs = (("w:firstLineChars", first_line), ("w:leftChars", left), ("w:rightChars", right))
    for attribute, chars in pairs:
        if chars:
            ind.set(qn(attribute), str(int(chars * 100)))


def _border(paragraph: Paragraph, *, colour: str, eighths: int, space: int, sides=("bottom",)) -> None:
    """A paragraph rule: `eighths` of a point thick, `space` points from the text."""
    ppr = paragraph._p.get_or_add_pPr()
    pbdr = ppr.find(qn("w:pBdr"))
    if pbdr is None:
        pbdr = OxmlElement("w:pBdr")
        # w:pBdr comes before w:spacing, w:ind and w:jc in CT_PPr's sequence.
        anchor = next((ppr.find(qn(t)) for t in ("w:tabs", "w:spacing", "w:ind", "w:jc")
                       if ppr.find(qn(t)) is not None), None)
        if anchor is not None:
            anchor.addprevious(pbdr)
        else:
            ppr.append(pbdr)
    for side in ("top", "bottom"):
        if side in sides:
            element = OxmlElement(f"w:{side}")
            element.set(qn("w:val"), "single")
            element.set(qn("w:sz"), str(eighths))
            element.set(qn("w:space"), str(space))
            element.set(qn("w:color"), colour)
            pbdr.append(element)


def _setup(document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(PAGE_WIDTH), Mm(PAGE_HEIGHT)
    section.top_margin, section.bottom_margin = Mm(MARGIN_TOP), Mm(MARGIN_BOTTOM)
    section.left_margin, section.right_margin = Mm(MARGIN_LEFT), Mm(MARGIN_RIGHT)
    section.footer_distance = Mm(MARGIN_BOTTOM - 7 - 5)  # page number 7 mm below the text block
    normal = document.styles["Normal"]
    normal.font.size = Pt(BODY_SIZE)
    rpr = normal.element.get_or_add_rPr()
    _set_fonts(rpr, BODY)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    _font_table(document)


def _font_table(document) -> None:
    """Record each face's fallbacks (w:altName) and that it is a GB2312 serif face, so a computer
    without 方正小标宋简体 or 仿宋_GB2312 substitutes a Chinese serif face, not a Japanese one."""
    part = next(rel.target_part for rel in document.part.rels.values() if rel.reltype.endswith("/fontTable"))
    root = parse_xml(part.blob)
    for faces in (fonts.TITLE_FACES, fonts.BODY_FACES):
        font = OxmlElement("w:font")
        font.set(qn("w:name"), faces[0])
        for tag, value in (("w:altName", faces[1]), ("w:charset", "86"), ("w:family", "roman"),
                           ("w:pitch", "variable")):
            child = OxmlElement(tag)
            child.set(qn("w:val"), value)
            font.append(child)
        root.append(font)
    from lxml import etree

    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _footer(document) -> None:
    """Page numbers "— 1 —", 4号, centred (a PAGE field: both Word and WPS fill it in)."""
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(paragraph, "— ", fonts.LATIN_FACE, NOTE_SIZE)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)
    _run(paragraph, " —", fonts.LATIN_FACE, NOTE_SIZE)


def _head(document, doc: OfficialDocument) -> None:
    header = _paragraph(document, doc.header, face=TITLE, size=HEADER_SIZE,
                        align=WD_ALIGN_PARAGRAPH.CENTER, red=True, pitch=HEADER_SIZE * 1.25)
    header.paragraph_format.space_before = Mm(25)  # with the line box: ~35 mm below the text block's top
    _paragraph(document)
    _paragraph(document)
    number = _paragraph(document, doc.doc_number, align=WD_ALIGN_PARAGRAPH.CENTER)
    _border(number, colour=RED_HEX, eighths=12, space=11)  # the red line, 4 mm under the number
    _paragraph(document)
    _paragraph(document)
    for line in doc.title.splitlines() or [""]:
        _paragraph(document, line, face=TITLE, size=TITLE_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER,
                   pitch=max(LINE_PITCH, TITLE_SIZE * 1.3))
    _paragraph(document)
    if doc.recipient_line:
        _paragraph(document, doc.recipient_line)


def _signature(document, doc: OfficialDocument) -> None:
    date = chinese_date(doc.date)
    _paragraph(document)
    _paragraph(document)
    if doc.signature:
        # 署名 centred over the date; the date 4 characters from the right edge.
        offset = 4 + (text_width_in_chars(date) - text_width_in_chars(doc.signature)) / 2
        signature = _paragraph(document, doc.signature, align=WD_ALIGN_PARAGRAPH.RIGHT)
        _indent_chars(signature, right=max(offset, 0))
    dated = _paragraph(document, date, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _indent_chars(dated, right=4)


def _imprint(document, doc: OfficialDocument) -> None:
    """版记: 抄送 and the 印发 line between black rules (thick outside, thin between)."""
    _paragraph(document)
    _paragraph(document)
    if doc.cc_line:
        cc = _paragraph(document, doc.cc_line, size=NOTE_SIZE)
        _indent_chars(cc, left=1, right=1, size=NOTE_SIZE)
        _border(cc, colour="000000", eighths=8, space=4, sides=("top", "bottom"))
        cc.paragraph_format.keep_with_next = True
    printed = _paragraph(document, size=NOTE_SIZE)
    _indent_chars(printed, left=1, right=1, size=NOTE_SIZE)
    printed.paragraph_format.tab_stops.add_tab_stop(
        Mm(TEXT_WIDTH) - Pt(2 * NOTE_SIZE), WD_TAB_ALIGNMENT.RIGHT)
    _run(printed, doc.printed_by, BODY, NOTE_SIZE)
    _run(printed, f"\t{chinese_date(doc.date)}印发", BODY, NOTE_SIZE)
    _border(printed, colour="000000", eighths=8, space=4,
            sides=("bottom",) if doc.cc_line else ("top", "bottom"))


def write_docx(doc: OfficialDocument) -> bytes:
    document = Document()
    _setup(document)
    _footer(document)
    _head(document, doc)
    for text in doc.body:
        paragraph = _paragraph(document, text.strip(), align=WD_ALIGN_PARAGRAPH.JUSTIFY)
        _indent_chars(paragraph, first_line=2)
    _signature(document, doc)
    _imprint(document, doc)
    core = document.core_properties
    core.title, core.author, core.subject = doc.title, doc.issuer, doc.doc_number
    core.comments = ""
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
