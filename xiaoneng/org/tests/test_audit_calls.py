"""Every organisation action leaves an audit record (through org.audit_hooks)."""

import datetime
from unittest import mock

from xiaoneng.org import audit_hooks
from xiaoneng.org.accounts import do_create_account, do_grant_roles, do_revoke_role
from xiaoneng.org.actions import (
    do_create_person,
    do_create_target,
    do_create_unit,
    do_move_unit,
    do_reorganise_unit,
)
from xiaoneng.org.imports import run_import
from xiaoneng.org.tests.sheet_helpers import xlsx
from xiaoneng.testing import XiaonengTestCase, make_user


class AuditCallTests(XiaonengTestCase):
    def setUp(self):
        patcher = mock.patch("xiaoneng.org.audit_hooks.record")
        self.record = patcher.start()
        self.addCleanup(patcher.stop)

    def actions(self) -> list[str]:
        return [call.args[0] for call in self.record.call_args_list]

    def test_unit_actions(self):
        unit = do_create_unit(self.admin, code="gaj", name="县公安局", kind="department", parent=self.county)
        do_move_unit(self.admin, unit, self.unit_a)
        do_reorganise_unit(self.admin, unit, ended_on=datetime.date(2030, 1, 1))
        self.assertEqual(self.actions(), ["unit.create", "unit.move", "unit.reorganise"])
        self.assertEqual(self.record.call_args.kwargs["actor"], self.admin)

    def test_person_and_target(self):
        do_create_person(self.admin, name="赵六", unit=self.unit_a, position="staff")
        do_create_target(self.admin, kind="household", name="张家")
        self.assertEqual(self.actions(), ["person.create", "target.create"])

    def test_role_changes_are_permission_change(self):
        security = make_user("sec", "security_admin")
        do_grant_roles(security, self.leader, ["confirmer"])
        do_revoke_role(security, self.leader, "confirmer")
        self.assertEqual(self.actions(), ["permission.change", "permission.change"])
        self.assertEqual(self.record.call_args.kwargs["detail"]["removed"], ["confirmer"])

    def test_account_creation(self):
        do_create_account(None, username="new", password="Long-enough-pw-1", role_keys=["leader"])
        self.assertEqual(self.actions(), ["account.create", "permission.change"])

    def test_committed_import_only(self):
        rows = [["编码", "全称", "类型"], ["gaj", "县公安局", "部门"]]
        run_import(self.admin, "units", xlsx(rows))
        self.assertEqual(self.actions(), [])
        run_import(self.admin, "units", xlsx(rows), commit=True)
        self.assertEqual(self.actions(), ["org.import.units"])


class HookTests(XiaonengTestCase):
    def test_hook_forwards_to_audit_record_when_present(self):
        with mock.patch("xiaoneng.audit.record", create=True) as record:
            audit_hooks.record("x.y", actor=self.admin, detail={"a": 1})
        record.assert_called_once_with("x.y", actor=self.admin, request=None, target=None, detail={"a": 1})

    def test_hook_is_silent_without_audit_record(self):
        fake = mock.Mock(spec=[])
        with mock.patch("xiaoneng.org.audit_hooks.import_module", return_value=fake):
            audit_hooks.record("x.y")
