import io
import json
import tempfile
import zipfile
from pathlib import Path

from django.core.management import CommandError, call_command

from xiaoneng.procedures.tests.base import ProcedureTestCase, at


class Commands(ProcedureTestCase):
    def run_command(self, *args) -> str:
        out = io.StringIO()
        call_command("procedures", *args, stdout=out)
        return out.getvalue()

    def test_export_writes_zip(self):
        case = self.run_steps(self.open(), 2)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "case.zip"
            output = self.run_command("export", case.public_id, "-o", str(path))
            manifest = json.loads(zipfile.ZipFile(path).read("manifest.json"))
        self.assertIn("trace verified", output)
        self.assertEqual(manifest["case"]["id"], case.public_id)

    def test_export_unknown_case(self):
        with self.assertRaises(CommandError):
            self.run_command("export", "PCNOPE", "-o", "/tmp/never.zip")

    def test_report(self):
        case = self.open(template=self.routine, when=at(2026, 3, 2), title="逾期检查")
        self.run_steps(case, 1, when=at(2026, 3, 2))
        output = self.run_command("report", "--unit", "jtj", "--since", "2026-03-01", "--until",
                                  "2026-03-31", "--as-of", "2026-03-31")
        self.assertIn(f"{case.public_id} jtj 逾期检查  missing: 现场检查笔录", output)
        self.assertIn("cases=1 completed=0 missing=1", output)

    def test_report_unknown_unit(self):
        with self.assertRaises(CommandError):
            self.run_command("report", "--unit", "nope")

    def test_report_bad_date(self):
        with self.assertRaises(CommandError):
            self.run_command("report", "--since", "March")
