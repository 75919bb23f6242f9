import io
import tempfile
from pathlib import Path

import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError

from xiaoneng.audit.models import AuditEntry
from xiaoneng.complaints.models import Complaint
from xiaoneng.complaints.tests.workorders_helpers import NOW, SAMPLE_JSON, SAMPLE_XLSX, order, xlsx_file
from xiaoneng.testing import XiaonengTestCase


@time_machine.travel(NOW, tick=False)
class WorkOrdersCommandTests(XiaonengTestCase):
    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp())

    def run_command(self, *args) -> str:
        out = io.StringIO()
        call_command("workorders", "import", *args, stdout=out, stderr=io.StringIO())
        return out.getvalue()

    def fails(self, *args) -> str:
        err = io.StringIO()
        with self.assertRaises(CommandError) as caught:
            call_command("workorders", "import", *args, stdout=io.StringIO(), stderr=err)
        self.assertEqual(caught.exception.returncode, 2)
        return err.getvalue() + str(caught.exception)

    def write(self, name: str, data: bytes) -> str:
        path = self.tmp / name
        path.write_bytes(data)
        return str(path)

    def test_dry_run_by_default(self):
        out = self.run_command(str(SAMPLE_XLSX))
        self.assertIn("dry run, nothing written (4 work orders: 4 new (3 assigned)", out)
        self.assertEqual(Complaint.objects.count(), 0)

    def test_commit_imports(self):
        out = self.run_command(str(SAMPLE_JSON), "--commit")
        self.assertIn("imported: 4 work orders: 4 new", out)
        self.assertEqual(Complaint.objects.count(), 4)

    def test_audited_without_an_actor(self):
        self.run_command(str(SAMPLE_JSON), "--commit")
        entry = AuditEntry.objects.get(action="data.import")
        self.assertEqual((entry.actor, entry.detail["created"]), (None, 4))

    def test_second_run_reports_unchanged_per_row(self):
        self.run_command(str(SAMPLE_JSON), "--commit")
        out = self.run_command(str(SAMPLE_XLSX), "--commit")
        self.assertEqual(out.count("\tunchanged\t"), 4)
        self.assertEqual(Complaint.objects.count(), 4)

    def test_row_errors_exit_2_in_chinese(self):
        path = self.write("bad.xlsx", xlsx_file([order("GD1"), order("GD2", unit="县不存在局")]).getvalue())
        err = self.fails(path, "--commit")
        self.assertIn("第 3 行：承办单位：没有名为县不存在局的单位。", err)
        self.assertIn("nothing was imported", err)
        self.assertEqual(Complaint.objects.count(), 0)

    def test_format_option_overrides_the_name(self):
        path = self.write("export.dat", SAMPLE_JSON.read_bytes())
        self.assertIn("4 new", self.run_command(path, "--format", "json"))

    def test_unknown_extension_exits_2(self):
        self.assertIn("--format", self.fails(self.write("export.dat", b"{}")))

    def test_missing_file_exits_2(self):
        self.assertIn("no such file", self.fails(str(self.tmp / "none.xlsx")))

    def test_custom_mapping_file(self):
        text = '[columns]\nunit = ["处理部门"]\n[values.kind]\n"意见" = "enquiry"\n'
        mapping = self.write("m.toml", text.encode())
        rows = [{("处理部门" if k == "承办单位" else k): v for k, v in order("GD1", kind="意见").items()}]
        path = self.write("orders.xlsx", xlsx_file(rows).getvalue())
        self.run_command(path, "--mapping", mapping, "--commit")
        complaint = Complaint.objects.get()
        self.assertEqual((complaint.matter.kind.code, complaint.matter.unit), ("enquiry", self.unit_a))

    def test_bad_mapping_file_exits_2(self):
        mapping = self.write("m.toml", b'[columns]\nnonsense = ["x"]\n')
        self.assertIn("unknown field", self.fails(str(SAMPLE_XLSX), "--mapping", mapping))
