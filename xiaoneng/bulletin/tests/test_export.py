import io

from docx import Document
from docx.oxml.ns import qn

from xiaoneng.bulletin import actions, export
from xiaoneng.bulletin.tests.base import BulletinTestCase


def docx_lines(data: bytes) -> list[str]:
    return [p.text for p in Document(io.BytesIO(data)).paragraphs]


class DocxTests(BulletinTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        actions.do_accept_submission(cls.submission_a, actor=cls.staff)
        cls.data = export.render(cls.issue, "docx")
        cls.lines = docx_lines(cls.data)

    def test_masthead_in_red_then_issue_line(self):
        document = Document(io.BytesIO(self.data))
        masthead = document.paragraphs[0]
        self.assertEqual(masthead.text, "效能建设简报")
        self.assertEqual(str(masthead.runs[0].font.color.rgb), "E60012")
        self.assertEqual(self.lines[1], "第1期")
        self.assertEqual(self.lines[2], "金湖县效能中心编\t2026年11月20日")

    def test_red_rule_under_the_issue_line(self):
        paragraph = Document(io.BytesIO(self.data)).paragraphs[2]
        bottom = paragraph._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
        self.assertEqual(bottom.get(qn("w:color")), "E60012")

    def test_contents_match_the_items(self):
        start = self.lines.index("本期要目")
        contents = self.lines[start + 1:start + 7]
        self.assertEqual(contents, ["【中心动态】", "组织申报服务实绩", "【部门动态】",
                                    "“四强化”推进效能建设", "【他山之石】", "邢台掀起“问责风暴”"])
        for title in ("组织申报服务实绩", "“四强化”推进效能建设", "邢台掀起“问责风暴”"):
            self.assertEqual(self.lines.count(title), 2)  # in the contents and as the item's heading

    def test_credits_follow_their_items(self):
        self.assertIn("——交通局供稿", self.lines)
        self.assertIn("——摘自新华网（2026年11月2日）", self.lines)
        self.assertLess(self.lines.index("“四强化”推进效能建设", 10), self.lines.index("——交通局供稿"))

    def test_distribution_block_at_the_end(self):
        self.assertEqual([line for line in self.lines if line][-3:],
                         ["报：市效能办。", "送：县委、县政府领导。", "发：各乡镇、县各部门单位。"])

    def test_faces_are_named_for_chinese_text(self):
        document = Document(io.BytesIO(self.data))
        faces = {run._r.rPr.rFonts.get(qn("w:eastAsia")) for p in document.paragraphs for run in p.runs}
        self.assertLessEqual({"方正小标宋简体", "仿宋_GB2312", "黑体"}, faces)

    def test_a4_with_page_numbers(self):
        document = Document(io.BytesIO(self.data))
        section = document.sections[0]
        self.assertEqual((round(section.page_width.mm), round(section.page_height.mm)), (210, 297))
        self.assertIn("PAGE", section.footer.paragraphs[0]._p.xml)


class PdfAndHtmlTests(BulletinTestCase):
    def test_pdf_pages_render_with_chinese_glyphs(self):
        import numpy
        import pypdfium2

        data = export.render(self.issue, "pdf")
        pdf = pypdfium2.PdfDocument(data)
        self.assertGreaterEqual(len(pdf), 1)
        text = pdf[0].get_textpage().get_text_range()
        self.assertIn("效能建设简报", text)
        self.assertIn("本期要目", text)
        for index in range(len(pdf)):
            image = pdf[index].render(scale=0.5).to_pil().convert("L")
            dark = sum(image.histogram()[:128])
            self.assertGreater(dark, 500, f"page {index + 1} is blank")
        # The masthead is drawn in red: some pixels of the first page are red, not grey.
        rgb = pdf[0].render(scale=0.5).to_pil().convert("RGB")
        pixels = numpy.asarray(rgb).reshape(-1, 3)
        red = (pixels[:, 0] > 180) & (pixels[:, 1] < 80) & (pixels[:, 2] < 80)
        self.assertGreater(int(red.sum()), 100)

    def test_html_has_the_same_content(self):
        html = export.render(self.issue, "html").decode()
        for text in ("效能建设简报", "第1期", "本期要目", "组织申报服务实绩", "——摘自新华网",
                     "报：市效能办。"):
            self.assertIn(text, html)
        self.assertNotIn("<script", html)
