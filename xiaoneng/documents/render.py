"""The official-document renderer (公文): one content, two files, the GB/T 9704-2012 layout.

`OfficialDocument` holds what a document says; `render_docx` writes it for Word and WPS,
`render_pdf` for reading and printing. Both use the standard's A4 page and margins, the red
issuing-authority header, the red line under the document number, 2号 小标宋 titles and a 3号
仿宋 body on a 28-point line pitch (22 lines a page). The fonts and the PDF font lookup are in
xiaoneng.documents.fonts.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from xiaoneng.documents import fonts
from xiaoneng.documents.fonts import FontMissing

__all__ = ["OfficialDocument", "render_docx", "render_pdf", "chinese_date", "FontMissing"]

# The page (millimetres) and the type sizes (points) of GB/T 9704-2012.
PAGE_WIDTH, PAGE_HEIGHT = 210.0, 297.0
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = 37.0, 35.0, 28.0, 26.0
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT  # 156 mm
HEADER_SIZE = 36.0  # 小初: the issuing-authority mark
TITLE_SIZE = 22.0  # 二号
BODY_SIZE = 16.0  # 三号
NOTE_SIZE = 14.0  # 四号: the 版记 (抄送, 印发) and page numbers
LINE_PITCH = 28.0  # points; 225 mm of text height / 28 pt ≈ 22 lines
RED = (0xE6, 0x00, 0x12)  # the customary 公文 red
RED_HEX = "E60012"
PT = 25.4 / 72  # millimetres per point


@dataclass
class OfficialDocument:
    issuer: str  # 发文机关标志, e.g. "金湖县效能中心"
    doc_number: str  # 发文字号, e.g. "金效督〔2026〕3号"; empty until do_issue_document numbers it
    title: str
    recipient: str  # 主送机关
    body: list[str] = field(default_factory=list)  # paragraphs
    signature: str = ""  # 发文机关署名
    date: datetime.date = field(default_factory=datetime.date.today)  # 成文日期
    cc: str = ""  # 抄送机关
    kind: str = ""

    @property
    def header(self) -> str:
        """The mark at the top: the issuer's name followed by 文件, as the standard has it."""
        return self.issuer if self.issuer.endswith("文件") else f"{self.issuer}文件"

    @property
    def printed_by(self) -> str:
        """印发机关: the office that prints the document, here the issuer itself."""
        return self.issuer

    @property
    def recipient_line(self) -> str:
        text = self.recipient.strip().rstrip(":：")
        return f"{text}：" if text else ""

    @property
    def cc_line(self) -> str:
        text = self.cc.strip().rstrip("。")
        return f"抄送：{text}。" if text else ""


def chinese_date(date: datetime.date) -> str:
    """成文日期 as GB/T 9704-2012 §7.3.5.1 writes it: 2026年11月23日 (no leading zeros)."""
    return f"{date.year}年{date.month}月{date.day}日"


def text_width_in_chars(text: str) -> float:
    """Width in full-width characters: CJK and full-width forms count 1, ASCII half."""
    return sum(0.5 if ord(char) < 0x2E80 else 1.0 for char in text)


def render_docx(doc: OfficialDocument) -> bytes:
    """The document as a .docx (plain WordprocessingML that Word and WPS both open)."""
    from xiaoneng.documents.docx_writer import write_docx

    return write_docx(doc)


def render_pdf(doc: OfficialDocument) -> bytes:
    """The document as a PDF with the CJK fonts subset-embedded; raises FontMissing without one."""
    from xiaoneng.documents.pdf_writer import write_pdf

    return write_pdf(doc, fonts.pdf_fonts())
