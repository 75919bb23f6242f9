import io
import tempfile
from pathlib import Path
from unittest import mock

from django.core.management import call_command
from django.core.management.base import CommandError

from xiaoneng.bulletin.tests.base import BulletinTestCase


class BuildCommandTests(BulletinTestCase):
    def build(self, fmt: str) -> bytes:
        with tempfile.TemporaryDirectory() as directory:
            path = Path(directory) / f"issue.{fmt}"
            out = io.StringIO()
            call_command("bulletin", "build", "--year", "2026", "--number", "1", "--format", fmt,
                         "-o", str(path), stdout=out)
            self.assertIn("bytes", out.getvalue())
            return path.read_bytes()

    def test_docx(self):
        self.assertTrue(self.build("docx").startswith(b"PK"))

    def test_pdf(self):
        # Drawing the PDF is tested in test_export; here only that the command writes it.
        with mock.patch("xiaoneng.bulletin.export.render_bulletin_pdf", return_value=b"%PDF-1.7"):
            self.assertEqual(self.build("pdf"), b"%PDF-1.7")

    def test_html(self):
        self.assertIn("效能建设简报", self.build("html").decode())

    def test_unknown_issue(self):
        with self.assertRaisesMessage(CommandError, "No issue 7 of 2026"):
            call_command("bulletin", "build", "--year", "2026", "--number", "7", "-o", "/dev/null")

    def test_list(self):
        out = io.StringIO()
        call_command("bulletin", "list", stdout=out)
        self.assertIn("2026\t1\t2026-11-20\tdraft", out.getvalue())
