import datetime
import io
import zipfile
from pathlib import Path
from unittest import mock

import docx
from django.conf import settings
from django.test import SimpleTestCase
from pypdf import PdfReader

from xiaoneng.documents import fonts
from xiaoneng.documents.render import FontMissing, chinese_date, render_docx, render_pdf
from xiaoneng.documents.tests.helpers import sample


class DocxTests(SimpleTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.data = render_docx(sample())
        cls.xml = zipfile.ZipFile(io.BytesIO(cls.data)).read("word/document.xml").decode()
        cls.document = docx.Document(io.BytesIO(cls.data))

    def test_page_is_a4(self):
        section = self.document.sections[0]
        self.assertEqual((round(section.page_width.mm), round(section.page_height.mm)), (210, 297))

    def test_margins_follow_the_standard(self):
        s = self.document.sections[0]
        margins = [round(m.mm) for m in (s.top_margin, s.bottom_margin, s.left_margin, s.right_margin)]
        self.assertEqual(margins, [37, 35, 28, 26])

    def test_east_asian_fonts_are_named(self):
        self.assertIn('w:eastAsia="方正小标宋简体"', self.xml)
        self.assertIn('w:eastAsia="仿宋_GB2312"', self.xml)

    def test_header_is_red(self):
        self.assertIn('w:color w:val="E60012"', self.xml)

    def test_red_line_under_the_number(self):
        self.assertRegex(self.xml, r'<w:bottom [^>]*w:color="E60012"')

    def test_text_in_order(self):
        texts = [p.text for p in self.document.paragraphs if p.text]
        expected = ["金湖县效能中心文件", "金效督〔2026〕3号", "关于督促办理道路积水问题的督办单",
                    "县交通运输局：", "你单位承办的督办事项已逾期6个工作日。"]
        self.assertEqual(texts[:5], expected)

    def test_signature_date_and_imprint(self):
        texts = [p.text for p in self.document.paragraphs if p.text]
        self.assertEqual(texts[-4:], ["金湖县效能中心", "2026年11月23日", "抄送：县纪委监委。",
                                      "金湖县效能中心\t2026年11月23日印发"])

    def test_body_is_3hao_with_28_point_lines_and_2_character_indent(self):
        body = next(p for p in self.document.paragraphs if p.text.startswith("你单位"))
        self.assertEqual(body.runs[0].font.size.pt, 16)
        self.assertEqual(body.paragraph_format.line_spacing.pt, 28)
        self.assertEqual(body.paragraph_format.first_line_indent.pt, 32)

    def test_title_is_2hao_centred(self):
        title = next(p for p in self.document.paragraphs if p.text.startswith("关于"))
        self.assertEqual((title.runs[0].font.size.pt, title.alignment), (22, 1))

    def test_font_table_names_the_fallbacks(self):
        table = zipfile.ZipFile(io.BytesIO(self.data)).read("word/fontTable.xml").decode()
        self.assertIn('w:altName w:val="华文中宋"', table)
        self.assertIn('w:altName w:val="仿宋"', table)

    def test_chinese_east_asian_language(self):
        styles = zipfile.ZipFile(io.BytesIO(self.data)).read("word/styles.xml").decode()
        self.assertIn('w:eastAsia="zh-CN"', styles)

    def test_no_cc_line_without_cc(self):
        document = docx.Document(io.BytesIO(render_docx(sample(cc=""))))
        self.assertFalse(any(p.text.startswith("抄送") for p in document.paragraphs))


class PdfTests(SimpleTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.data = render_pdf(sample())
        cls.reader = PdfReader(io.BytesIO(cls.data))
        # pypdf reads fpdf2's two-byte ToUnicode map with NULs between characters (pdftotext does not).
        text = "".join(page.extract_text() for page in cls.reader.pages)
        cls.text = text.replace("\x00", "").replace(" ", "")

    def test_page_is_a4(self):
        box = self.reader.pages[0].mediabox
        size_mm = [round(float(side) * 25.4 / 72) for side in (box.width, box.height)]
        self.assertEqual(size_mm, [210, 297])

    def test_title_number_and_body_are_there(self):
        for text in ("金湖县效能中心文件", "金效督〔2026〕3号", "关于督促办理道路积水问题的督办单",
                     "你单位承办的督办事项已逾期6个工作日", "2026年11月23日印发", "抄送：县纪委监委"):
            self.assertIn(text, self.text)

    def test_fonts_are_embedded_subsets(self):
        fonts_used = self.reader.pages[0]["/Resources"]["/Font"]
        names = [str(font.get_object()["/BaseFont"]) for font in fonts_used.values()]
        self.assertTrue(names and all("+" in name for name in names), names)


class FontLookupTests(SimpleTestCase):
    def test_office_fonts_come_first(self):
        directory = Path(settings.DATA_DIR) / "fonts"
        directory.mkdir(exist_ok=True)
        licensed = directory / "simfang.ttf"
        licensed.write_bytes(b"not read by the lookup")
        self.addCleanup(licensed.unlink)
        self.assertEqual(fonts.pdf_fonts().body.path, licensed)

    def test_system_noto_serif_sc_face(self):
        body = fonts.pdf_fonts().body
        self.assertEqual((body.path.name, body.index), ("NotoSerifCJK-Regular.ttc", 2))

    def test_missing_font_says_where_to_put_one(self):
        with mock.patch.object(fonts, "SYSTEM_DIRS", []), self.assertRaises(FontMissing) as caught:
            render_pdf(sample())
        self.assertIn(str(Path(settings.DATA_DIR) / "fonts"), str(caught.exception))


class DateTests(SimpleTestCase):
    def test_chinese_date_has_no_leading_zeros(self):
        self.assertEqual(chinese_date(datetime.date(2026, 1, 5)), "2026年1月5日")
