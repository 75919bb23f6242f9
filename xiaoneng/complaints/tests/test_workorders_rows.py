"""How one work order's cells become a complaint: kinds, categories, units, identity, deadlines."""

import datetime

import time_machine
from django.db import connection

from xiaoneng.complaints.actions import do_view_identity
from xiaoneng.complaints.importer import import_workorders
from xiaoneng.complaints.models import Category, Complaint, Scope
from xiaoneng.complaints.tests.workorders_helpers import NOW, json_file, order, xlsx_file
from xiaoneng.matters.models import State
from xiaoneng.testing import XiaonengTestCase, make_unit
from xiaoneng.trace.chain import events_for


@time_machine.travel(NOW, tick=False)
class WorkOrderRowTests(XiaonengTestCase):
    def imported(self, ref="GD1", **changes) -> Complaint:
        result = import_workorders(self.staff, xlsx_file([order(ref, **changes)]), "xlsx", commit=True)
        self.assertEqual(result.errors, [])
        return Complaint.objects.select_related("matter__kind", "matter__unit").get()

    def errors(self, **changes) -> list[str]:
        result = import_workorders(self.staff, xlsx_file([order("GD1", **changes)]), "xlsx", commit=True)
        return [str(error) for error in result.errors]

    def test_enquiry_kind(self):
        self.assertEqual(self.imported(kind="咨询").matter.kind.code, "enquiry")

    def test_other_appeal_types_are_complaints(self):
        for number, kind in enumerate(("投诉", "求助", "建议", "举报")):
            import_workorders(self.staff, xlsx_file([order(f"K{number}", kind=kind)]), "xlsx", commit=True)
        self.assertEqual(set(Complaint.objects.values_list("matter__kind__code", flat=True)), {"complaint"})

    def test_unknown_appeal_type_is_a_row_error(self):
        self.assertEqual(self.errors(kind="表扬"),
                         ["第 2 行：诉求类型：未知的值“表扬”，可用：投诉、咨询、求助、建议、举报。"])

    def test_blank_appeal_type_is_a_complaint(self):
        self.assertEqual(self.imported(kind="").matter.kind.code, "complaint")

    def test_category_from_keywords(self):
        self.assertEqual(self.imported(content="办事员索要好处费").category, Category.EXTORTION)

    def test_category_defaults_to_other(self):
        self.assertEqual(self.imported(content="路灯坏了").category, Category.OTHER)

    def test_scope_defaults_to_public_service(self):
        self.assertEqual(self.imported().scope, Scope.PUBLIC_SERVICE)

    def test_handling_unit_by_full_name(self):
        complaint = self.imported(unit="县交通运输局")
        self.assertEqual((complaint.matter.unit, complaint.matter.state), (self.unit_a, State.ASSIGNED))

    def test_handling_unit_by_short_name_and_code(self):
        self.assertEqual(self.imported(unit="人社局").matter.unit, self.unit_b)
        Complaint.objects.all().delete()
        self.assertEqual(self.imported(ref="GD2", unit="rsj").matter.unit, self.unit_b)

    def test_unknown_unit_is_a_row_error(self):
        self.assertEqual(self.errors(unit="县不存在局"), ["第 2 行：承办单位：没有名为县不存在局的单位。"])
        self.assertEqual(Complaint.objects.count(), 0)

    def test_ambiguous_short_name_is_a_row_error(self):
        make_unit("jtj2", "县交通局二", short_name="交通局")
        self.assertIn("不止一个单位", self.errors(unit="交通局")[0])

    def test_complaint_names_the_handling_unit_as_accused(self):
        self.assertEqual(self.imported().accused_unit, self.unit_a)

    def test_enquiry_accuses_nobody(self):
        self.assertIsNone(self.imported(kind="咨询").accused_unit)

    def test_deadline_counts_from_the_received_date(self):
        # Received Monday 16 November; 13 working days later is Thursday 3 December.
        matter = self.imported(received="2026-11-16 09:00").matter
        self.assertEqual(matter.deadline, datetime.date(2026, 12, 3))

    def test_enquiry_deadline_is_three_working_days(self):
        matter = self.imported(kind="咨询", received="2026-11-16 09:00").matter
        self.assertEqual(matter.deadline, datetime.date(2026, 11, 19))

    def test_time_limit_in_working_days(self):
        self.assertEqual(self.imported(limit="5个工作日").matter.deadline, datetime.date(2026, 11, 23))

    def test_time_limit_as_a_date(self):
        self.assertEqual(self.imported(limit="2026-11-20").matter.time_limit, 4)

    def test_bad_time_limit_is_a_row_error(self):
        self.assertIn("办理时限", self.errors(limit="尽快")[0])

    def test_assignment_is_traced_with_the_importing_user(self):
        matter = self.imported().matter
        assigned = events_for(matter).get(kind="assigned")
        self.assertEqual((assigned.actor, assigned.data["unit"]), (self.staff, "jtj"))
        self.assertIn("GD1", assigned.data["note"])

    def test_without_unit_the_complaint_waits_for_triage(self):
        self.assertEqual(self.imported(unit="").matter.state, State.RECEIVED)

    def test_address_is_added_to_the_description(self):
        self.assertIn("事发地址：黎城镇建设路", self.imported(address="黎城镇建设路").matter.description)

    def test_title_from_the_content(self):
        self.assertEqual(self.imported(content="窗口 态度差").matter.title, "窗口 态度差")

    def test_identity_is_only_in_the_encrypted_blob(self):
        complaint = self.imported(name="王五六", phone="13987654321")
        with connection.cursor() as cursor:
            cursor.execute("SELECT * FROM complaints_complaint")
            stored = repr(cursor.fetchall())
            cursor.execute("SELECT * FROM matters_matter")
            stored += repr(cursor.fetchall())
        self.assertNotIn("13987654321", stored)
        self.assertNotIn("王五六", stored)
        self.assertEqual(do_view_identity(complaint, actor=self.staff).phone, "13987654321")

    def test_identity_is_not_in_the_trace(self):
        complaint = self.imported(name="王五六", phone="13987654321")
        self.assertNotIn("13987654321", repr(list(events_for(complaint.matter).values())))

    def test_real_name_with_name_and_phone(self):
        self.assertFalse(self.imported().anonymous)

    def test_confidential_work_order_is_anonymous(self):
        complaint = self.imported(secret="是")
        self.assertTrue(complaint.anonymous)
        self.assertEqual(do_view_identity(complaint, actor=self.staff).name, "王先生")

    def test_phone_without_name_is_anonymous_but_kept(self):
        complaint = self.imported(name="")
        self.assertTrue(complaint.anonymous)
        self.assertEqual(do_view_identity(complaint, actor=self.staff).phone, "13812345678")

    def test_excel_date_time_cells(self):
        received = datetime.datetime(2026, 11, 16, 9, 30)  # noqa: DTZ001 - Excel date-times are naive
        self.assertEqual(self.imported(received=received).matter.received_at.hour, 1)  # 09:30 in Shanghai

    def test_chinese_date_format(self):
        matter = self.imported(received="2026年11月16日 09:30").matter
        self.assertEqual(matter.received_at.isoformat(), "2026-11-16T01:30:00+00:00")

    def test_json_numbers_and_offsets(self):
        orders = [order(20261116001, received="2026-11-16T09:30:00+08:00")]
        result = import_workorders(self.staff, json_file(orders), "json", commit=True)
        self.assertEqual(result.errors, [])
        self.assertEqual(Complaint.objects.get().external_ref, "20261116001")

    def test_json_row_numbers_are_positions(self):
        orders = [order("GD1"), order("GD2", content="")]
        result = import_workorders(self.staff, json_file(orders), "json", commit=True)
        self.assertEqual(str(result.errors[0]), "第 2 行：诉求内容：此项必填。")

    def test_reformed_unit_goes_to_its_successor(self):
        old = make_unit("nw", "县农业委员会", short_name="农委", valid_to=datetime.date(2019, 3, 1),
                        successor=self.unit_b)
        self.assertEqual(old.current_unit(), self.unit_b)
        self.assertEqual(self.imported(unit="县农业委员会").matter.unit, self.unit_b)
