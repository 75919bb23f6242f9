"""The PDF of an official document, with fpdf2: the same layout as the .docx, fonts subset-embedded."""

from __future__ import annotations

import logging

from fpdf import FPDF
from fpdf.enums import WrapMode, XPos, YPos

from xiaoneng.documents.fonts import PdfFonts
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
    PT,
    RED,
    TEXT_WIDTH,
    TITLE_SIZE,
    OfficialDocument,
    chinese_date,
)

# fontTools logs every subsetting step at INFO.
logging.getLogger("fontTools.subset").setLevel(logging.WARNING)

LINE = LINE_PITCH * PT  # 9.88 mm
INDENT = "\u3000\u3000"  # two full-width spaces: the 2-character first-line indent


class _Page(FPDF):
    def footer(self) -> None:
        # "— 1 —", 4号, 7 mm below the text block.
        self.set_y(PAGE_HEIGHT - MARGIN_BOTTOM + 7)
        self.set_font("body", size=NOTE_SIZE)
        self.set_text_color(0, 0, 0)
        self.cell(0, NOTE_SIZE * PT, f"— {self.page_no()} —", align="C")


def _new_pdf(doc: OfficialDocument, faces: PdfFonts) -> _Page:
    pdf = _Page(orientation="P", unit="mm", format="A4")
    pdf.set_margins(MARGIN_LEFT, MARGIN_TOP, MARGIN_RIGHT)
    pdf.set_auto_page_break(True, margin=MARGIN_BOTTOM)
    pdf.add_font("title", fname=str(faces.title.path), collection_font_number=faces.title.index)
    pdf.add_font("body", fname=str(faces.body.path), collection_font_number=faces.body.index)
    pdf.set_title(doc.title)
    pdf.set_author(doc.issuer)
    pdf.set_subject(doc.doc_number)
    pdf.set_creator("xiaoneng")
    pdf.set_lang("zh-CN")
    pdf.add_page()
    return pdf


def _line(pdf: FPDF, text: str, *, align: str = "L", height: float = LINE) -> None:
    pdf.multi_cell(TEXT_WIDTH, height, text, align=align, wrapmode=WrapMode.CHAR,
                   new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _head(pdf: FPDF, doc: OfficialDocument) -> None:
    size = HEADER_SIZE
    pdf.set_font("title", size=size)
    while pdf.get_string_width(doc.header) > TEXT_WIDTH and size > 16:
        size -= 2  # a long issuer name shrinks to fit the line
        pdf.set_font("title", size=size)
    pdf.set_y(MARGIN_TOP + 35 - size * PT * 0.1)  # the mark's top edge 35 mm below the text block's top
    pdf.set_text_color(*RED)
    _line(pdf, doc.header, align="C", height=size * PT * 1.2)
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("body", size=BODY_SIZE)
    pdf.ln(2 * LINE)
    _line(pdf, doc.doc_number, align="C")
    # The red line: 4 mm under the number, as wide as the text block.
    rule_y = pdf.get_y() - (LINE - BODY_SIZE * PT) / 2 + 4
    pdf.set_draw_color(*RED)
    pdf.set_line_width(0.6)
    pdf.line(MARGIN_LEFT, rule_y, PAGE_WIDTH - MARGIN_RIGHT, rule_y)
    pdf.set_y(rule_y)
    pdf.ln(2 * LINE - 4)
    pdf.set_font("title", size=TITLE_SIZE)
    _line(pdf, doc.title, align="C", height=max(LINE, TITLE_SIZE * PT * 1.3))
    pdf.set_font("body", size=BODY_SIZE)
    pdf.ln(LINE)
    if doc.recipient_line:
        _line(pdf, doc.recipient_line)


def _signature(pdf: FPDF, doc: OfficialDocument) -> None:
    date = chinese_date(doc.date)
    pdf.ln(2 * LINE)
    date_right = PAGE_WIDTH - MARGIN_RIGHT - 4 * BODY_SIZE * PT  # 4 characters from the right edge
    date_width = pdf.get_string_width(date)
    if doc.signature:
        centre = date_right - date_width / 2
        width = pdf.get_string_width(doc.signature)
        pdf.set_x(centre - width / 2)
        pdf.cell(width, LINE, doc.signature, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_x(date_right - date_width)
    pdf.cell(date_width, LINE, date, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _imprint(pdf: FPDF, doc: OfficialDocument) -> None:
    """版记 at the foot of the last page: 抄送 and 印发 between black rules."""
    row = LINE * 0.8
    rows = 2 if doc.cc_line else 1
    bottom = PAGE_HEIGHT - MARGIN_BOTTOM
    if pdf.get_y() + LINE + rows * row > bottom:
        pdf.add_page()
    top = bottom - rows * row
    pdf.set_draw_color(0, 0, 0)
    pdf.set_font("body", size=NOTE_SIZE)
    indent = NOTE_SIZE * PT  # one character in from each side
    pdf.set_line_width(0.35)
    pdf.line(MARGIN_LEFT, top, PAGE_WIDTH - MARGIN_RIGHT, top)
    y = top
    if doc.cc_line:
        pdf.set_xy(MARGIN_LEFT + indent, y)
        pdf.cell(TEXT_WIDTH - 2 * indent, row, doc.cc_line)
        y += row
        pdf.set_line_width(0.25)
        pdf.line(MARGIN_LEFT, y, PAGE_WIDTH - MARGIN_RIGHT, y)
    pdf.set_xy(MARGIN_LEFT + indent, y)
    pdf.cell(TEXT_WIDTH - 2 * indent, row, doc.printed_by)
    pdf.set_xy(MARGIN_LEFT + indent, y)
    pdf.cell(TEXT_WIDTH - 2 * indent, row, f"{chinese_date(doc.date)}印发", align="R")
    pdf.set_line_width(0.35)
    pdf.line(MARGIN_LEFT, y + row, PAGE_WIDTH - MARGIN_RIGHT, y + row)


def write_pdf(doc: OfficialDocument, faces: PdfFonts) -> bytes:
    pdf = _new_pdf(doc, faces)
    _head(pdf, doc)
    for text in doc.body:
        _line(pdf, INDENT + text.strip())
    _signature(pdf, doc)
    _imprint(pdf, doc)
    return bytes(pdf.output())
