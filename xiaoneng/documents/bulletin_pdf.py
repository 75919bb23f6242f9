"""The PDF of a bulletin (简报): the same content and layout as the .docx, with fpdf2.

Headings use the title font (the PDF embeds real files: an office's 方正小标宋 or Noto Serif CJK
Bold), the body the body font; see xiaoneng.documents.fonts for the lookup.
"""

from __future__ import annotations

from fpdf.enums import WrapMode, XPos, YPos

from xiaoneng.documents.fonts import PdfFonts
from xiaoneng.documents.pdf_writer import INDENT, LINE, _Page
from xiaoneng.documents.render import (
    BODY_SIZE,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    MASTHEAD_SIZE,
    NOTE_SIZE,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    PT,
    RED,
    TEXT_WIDTH,
    Bulletin,
    chinese_date,
)

ITEM_TITLE_SIZE = 18.0


def _text(pdf: _Page, text: str, *, align: str = "L", height: float = LINE) -> None:
    pdf.multi_cell(TEXT_WIDTH, height, text, align=align, wrapmode=WrapMode.CHAR,
                   new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _masthead(pdf: _Page, bulletin: Bulletin) -> None:
    size = MASTHEAD_SIZE
    pdf.set_font("title", size=size)
    while pdf.get_string_width(bulletin.name) > TEXT_WIDTH and size > 20:
        size -= 2
        pdf.set_font("title", size=size)
    pdf.set_y(MARGIN_TOP)
    pdf.set_text_color(*RED)
    _text(pdf, bulletin.name, align="C", height=size * PT * 1.4)
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("body", size=BODY_SIZE)
    _text(pdf, bulletin.number_line, align="C")
    y = pdf.get_y()
    pdf.cell(TEXT_WIDTH / 2, LINE, bulletin.editor_line)
    pdf.set_xy(MARGIN_LEFT, y)
    pdf.cell(TEXT_WIDTH, LINE, chinese_date(bulletin.date), align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_draw_color(*RED)
    pdf.set_line_width(1.0)
    pdf.line(MARGIN_LEFT, pdf.get_y() + 1, PAGE_WIDTH - MARGIN_RIGHT, pdf.get_y() + 1)
    pdf.ln(LINE / 2)


def _contents(pdf: _Page, bulletin: Bulletin) -> None:
    if not bulletin.contents:
        return
    pdf.set_font("title", size=BODY_SIZE)
    _text(pdf, "本期要目", align="C")
    for heading, titles in bulletin.contents:
        pdf.set_font("title", size=BODY_SIZE)
        _text(pdf, f"【{heading}】")
        pdf.set_font("body", size=BODY_SIZE)
        for title in titles:
            _text(pdf, INDENT + title)


def _sections(pdf: _Page, bulletin: Bulletin) -> None:
    for section in bulletin.sections:
        if not section.entries:
            continue
        pdf.ln(LINE / 2)
        if pdf.get_y() + 4 * LINE > PAGE_HEIGHT - MARGIN_BOTTOM:
            pdf.add_page()  # a section heading goes with its first item
        pdf.set_font("title", size=BODY_SIZE)
        _text(pdf, f"{section.heading}：")
        for entry in section.entries:
            if pdf.get_y() + 3 * LINE > PAGE_HEIGHT - MARGIN_BOTTOM:
                pdf.add_page()  # a title never stands alone at the foot of a page
            pdf.set_font("title", size=ITEM_TITLE_SIZE)
            _text(pdf, entry.title, align="C", height=max(LINE, ITEM_TITLE_SIZE * PT * 1.5))
            pdf.set_font("body", size=BODY_SIZE)
            for paragraph in entry.paragraphs:
                _text(pdf, INDENT + paragraph.strip())
            if entry.credit:
                _text(pdf, entry.credit, align="R")


def _distribution(pdf: _Page, bulletin: Bulletin) -> None:
    """报/送/发 at the foot of the last page, between black rules."""
    lines = bulletin.distribution
    if not lines:
        return
    row = LINE * 0.8
    bottom = PAGE_HEIGHT - MARGIN_BOTTOM
    if pdf.get_y() + LINE + len(lines) * row > bottom:
        pdf.add_page()
    y = bottom - len(lines) * row
    pdf.set_draw_color(0, 0, 0)
    pdf.set_line_width(0.35)
    pdf.line(MARGIN_LEFT, y, PAGE_WIDTH - MARGIN_RIGHT, y)
    pdf.set_font("body", size=NOTE_SIZE)
    indent = NOTE_SIZE * PT
    for text in lines:
        pdf.set_xy(MARGIN_LEFT + indent, y)
        pdf.cell(TEXT_WIDTH - 2 * indent, row, text)
        y += row
        pdf.set_line_width(0.25)
        pdf.line(MARGIN_LEFT, y, PAGE_WIDTH - MARGIN_RIGHT, y)


def write_bulletin_pdf(bulletin: Bulletin, faces: PdfFonts) -> bytes:
    pdf = _Page(orientation="P", unit="mm", format="A4")
    pdf.set_margins(MARGIN_LEFT, MARGIN_TOP, MARGIN_RIGHT)
    pdf.set_auto_page_break(True, margin=MARGIN_BOTTOM)
    pdf.add_font("title", fname=str(faces.title.path), collection_font_number=faces.title.index)
    pdf.add_font("body", fname=str(faces.body.path), collection_font_number=faces.body.index)
    pdf.set_title(f"{bulletin.name} {bulletin.year}年{bulletin.number_line}")
    pdf.set_author(bulletin.editing_unit)
    pdf.set_creator("xiaoneng")
    pdf.set_lang("zh-CN")
    pdf.add_page()
    _masthead(pdf, bulletin)
    _contents(pdf, bulletin)
    _sections(pdf, bulletin)
    _distribution(pdf, bulletin)
    return bytes(pdf.output())
