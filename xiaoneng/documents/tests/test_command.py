import io
import json
import shutil
import tempfile
from pathlib import Path

import docx
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import SimpleTestCase

SAMPLE = {"issuer": "金湖县效能中心", "doc_number": "金效督〔2026〕3号", "title": "关于督促办理的督办单",
          "recipient": "县交通运输局", "body": "第一段。\n第二段。", "signature": "金湖县效能中心",
          "date": "2026-11-23", "cc": "县纪委监委"}


class RenderCommandTests(SimpleTestCase):
    def setUp(self):
        self.dir = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.dir)
        self.sample = self.dir / "sample.json"
        self.sample.write_text(json.dumps(SAMPLE, ensure_ascii=False), encoding="utf-8")

    def render(self, output: str, sample: Path | None = None) -> str:
        out = io.StringIO()
        target = str(self.dir / output)
        call_command("documents", "render", str(sample or self.sample), "-o", target, stdout=out)
        return out.getvalue()

    def test_renders_a_docx(self):
        self.assertIn("wrote", self.render("out.docx"))
        texts = [p.text for p in docx.Document(str(self.dir / "out.docx")).paragraphs if p.text]
        self.assertIn("第二段。", texts)

    def test_renders_a_pdf(self):
        self.render("out.pdf")
        self.assertTrue((self.dir / "out.pdf").read_bytes().startswith(b"%PDF"))

    def test_other_extensions_are_refused(self):
        with self.assertRaisesMessage(CommandError, ".docx or .pdf"):
            self.render("out.txt")

    def test_bad_json_is_refused(self):
        bad = self.dir / "bad.json"
        bad.write_text("{", encoding="utf-8")
        with self.assertRaisesMessage(CommandError, "not JSON"):
            self.render("out.docx", bad)

    def test_missing_field_is_refused(self):
        partial = self.dir / "partial.json"
        partial.write_text(json.dumps({"title": "x"}), encoding="utf-8")
        with self.assertRaises(CommandError):
            self.render("out.docx", partial)

    def test_bad_date_is_refused(self):
        wrong = self.dir / "wrong.json"
        wrong.write_text(json.dumps({**SAMPLE, "date": "23/11/2026"}), encoding="utf-8")
        with self.assertRaises(CommandError):
            self.render("out.docx", wrong)
