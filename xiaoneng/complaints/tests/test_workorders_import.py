import io
import json

import time_machine

from xiaoneng.audit.models import AuditEntry
from xiaoneng.complaints.importer import Status, import_workorders
from xiaoneng.complaints.models import Channel, Complaint
from xiaoneng.complaints.tests.workorders_helpers import (
    NOW,
    SAMPLE_JSON,
    SAMPLE_XLSX,
    order,
    xlsx_file,
)
from xiaoneng.matters.models import State
from xiaoneng.matters.transitions import NotPermitted
from xiaoneng.testing import XiaonengTestCase


@time_machine.travel(NOW, tick=False)
class WorkOrderImportTests(XiaonengTestCase):
    def run_import(self, stream, fmt="xlsx", commit=True, actor=None):
        return import_workorders(actor or self.staff, stream, fmt, commit=commit)

    def test_sample_xlsx_imports_every_row(self):
        with SAMPLE_XLSX.open("rb") as stream:
            result = self.run_import(stream)
        self.assertEqual(result.errors, [])
        self.assertEqual(result.created, 4)
        self.assertEqual(Complaint.objects.filter(channel=Channel.HOTLINE_12345).count(), 4)

    def test_sample_json_imports_every_row(self):
        with SAMPLE_JSON.open("rb") as stream:
            result = self.run_import(stream, "json")
        self.assertEqual((result.errors, result.created, result.assigned), ([], 4, 3))

    def test_work_order_number_is_the_external_ref(self):
        self.run_import(xlsx_file([order("GD123")]))
        complaint = Complaint.objects.get()
        self.assertEqual((complaint.channel, complaint.external_ref), ("12345", "GD123"))

    def test_importing_twice_creates_nothing_the_second_time(self):
        self.run_import(xlsx_file([order("GD1"), order("GD2")]))
        again = self.run_import(xlsx_file([order("GD1"), order("GD2")]))
        self.assertEqual((again.created, again.unchanged), (0, 2))
        self.assertEqual([o.status for o in again.outcomes], [Status.UNCHANGED, Status.UNCHANGED])
        self.assertEqual(Complaint.objects.count(), 2)

    def test_sample_imported_twice_is_unchanged(self):
        for _ in range(2):
            with SAMPLE_JSON.open("rb") as stream:
                result = self.run_import(stream, "json")
        self.assertEqual((result.created, result.unchanged), (0, 4))

    def test_changed_row_reports_exists_and_keeps_history(self):
        self.run_import(xlsx_file([order("GD1", content="原来的内容")]))
        again = self.run_import(xlsx_file([order("GD1", content="改过的内容")]))
        self.assertEqual(again.outcomes[0].status, Status.EXISTS)
        self.assertEqual(Complaint.objects.get().matter.description.split("\n")[0], "原来的内容")

    def test_bad_row_rolls_back_everything(self):
        result = self.run_import(xlsx_file([order("GD1"), order("GD2", received="昨天"), order("GD3")]))
        self.assertEqual([error.row for error in result.errors], [3])
        self.assertFalse(result.committed)
        self.assertEqual(Complaint.objects.count(), 0)

    def test_every_error_is_listed(self):
        result = self.run_import(xlsx_file([order("GD1", kind="表扬"), order("GD2", unit="县不存在局")]))
        self.assertEqual([error.row for error in result.errors], [2, 3])

    def test_dry_run_writes_nothing(self):
        result = self.run_import(xlsx_file([order("GD1")]), commit=False)
        self.assertEqual((result.created, result.committed), (1, False))
        self.assertEqual(result.outcomes[0].tracking_code, "")
        self.assertEqual(Complaint.objects.count(), 0)

    def test_duplicate_number_in_one_file_is_an_error(self):
        result = self.run_import(xlsx_file([order("GD1"), order("GD1")]))
        self.assertEqual(str(result.errors[0]), "第 3 行：工单编号：与第 2 行是同一工单。")

    def test_missing_required_column(self):
        rows = [{k: v for k, v in order().items() if k != "诉求内容"}]
        result = self.run_import(xlsx_file(rows))
        self.assertEqual(str(result.errors[0]), "文件：诉求内容：缺少此列。")

    def test_unreadable_file(self):
        result = self.run_import(io.BytesIO(b"not json"), "json")
        self.assertEqual(str(result.errors[0]), "文件：这不是可读取的 JSON 文件。")

    def test_received_in_the_future_is_an_error(self):
        result = self.run_import(xlsx_file([order("GD1", received="2026-12-01 08:00")]))
        self.assertEqual(result.errors[0].column, "受理时间")

    def test_committed_import_is_audited_with_counts(self):
        self.run_import(xlsx_file([order("GD1"), order("GD2", unit="")]))
        entry = AuditEntry.objects.get(action="data.import")
        self.assertEqual((entry.actor, entry.detail["created"], entry.detail["assigned"]), (self.staff, 2, 1))

    def test_dry_run_is_not_audited(self):
        self.run_import(xlsx_file([order("GD1")]), commit=False)
        self.assertFalse(AuditEntry.objects.filter(action="data.import").exists())

    def test_received_time_is_the_work_orders(self):
        self.run_import(xlsx_file([order("GD1", received="2026-11-16 09:30")]))
        matter = Complaint.objects.get().matter
        self.assertEqual(matter.received_at.isoformat(), "2026-11-16T01:30:00+00:00")

    def test_rejected_states_untouched_when_unassigned(self):
        self.run_import(xlsx_file([order("GD1", unit="")]))
        self.assertEqual(Complaint.objects.get().matter.state, State.RECEIVED)

    def test_gbk_json_is_read(self):
        data = json.dumps([order("GD1")], ensure_ascii=False).encode("gb18030")
        self.assertEqual(self.run_import(io.BytesIO(data), "json").created, 1)

    def test_json_object_with_a_list(self):
        data = json.dumps({"data": [order("GD1")]}, ensure_ascii=False).encode()
        self.assertEqual(self.run_import(io.BytesIO(data), "json").created, 1)

    def test_unit_roles_may_not_import(self):
        for user in (self.liaison_a, self.head_a, self.supervisor, self.leader):
            with self.assertRaises(NotPermitted):
                self.run_import(xlsx_file([order("GD1")]), actor=user)
        self.assertEqual(Complaint.objects.count(), 0)
