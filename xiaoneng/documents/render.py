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

__all__ = ["OfficialDocument", "render_docx", "render_pdf", "chinese_date", "FontMissing", "Bulletin",
           "BulletinSection", "BulletinEntry", "render_bulletin_docx", "render_bulletin_pdf"]

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


# --- The bulletin (简报): a red-header newsletter, not a 公文; added for issue 10. ---------------

HEADING_FACES = ["黑体", "SimHei", "Noto Sans CJK SC"]  # section headings and the contents list
MASTHEAD_SIZE = 42.0  # the bulletin's name: larger than a 公文's 小初 mark


@dataclass
class BulletinEntry:
    title: str
    paragraphs: list[str]
    credit: str = ""  # "——县交通局供稿", "——摘自新华网"


@dataclass
class BulletinSection:
    heading: str  # 中心动态
    entries: list[BulletinEntry] = field(default_factory=list)


@dataclass
class Bulletin:
    name: str  # 效能建设简报
    year: int
    number: int
    editing_unit: str  # 金湖县效能中心
    date: datetime.date
    sections: list[BulletinSection] = field(default_factory=list)
    report_to: str = ""  # 报
    send_to: str = ""  # 送
    issue_to: str = ""  # 发

    @property
    def number_line(self) -> str:
        return f"第{self.number}期"

    @property
    def editor_line(self) -> str:
        return f"{self.editing_unit}编"

    @property
    def contents(self) -> list[tuple[str, list[str]]]:
        """本期要目: each section's heading with its entries' titles, in order."""
        return [(section.heading, [entry.title for entry in section.entries])
                for section in self.sections if section.entries]

    @property
    def distribution(self) -> list[str]:
        """The 报/送/发 block, only the lines that have recipients."""
        lines = (("报", self.report_to), ("送", self.send_to), ("发", self.issue_to))
        return [f"{label}：{text.strip().rstrip('。')}。" for label, text in lines if text.strip()]


def render_bulletin_docx(bulletin: Bulletin) -> bytes:
    """The bulletin as a .docx in the red-header style (Word and WPS)."""
    from xiaoneng.documents.bulletin_docx import write_bulletin_docx

    return write_bulletin_docx(bulletin)


def render_bulletin_pdf(bulletin: Bulletin) -> bytes:
    """The same bulletin as a PDF; raises FontMissing without a CJK font."""
    from xiaoneng.documents.bulletin_pdf import write_bulletin_pdf

    return write_bulletin_pdf(bulletin, fonts.pdf_fonts())
