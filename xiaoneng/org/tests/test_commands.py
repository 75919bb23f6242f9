import io
import tempfile
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import CommandError

from xiaoneng.org.models import Person, Target, Unit, User
from xiaoneng.org.roles import role_keys_of
from xiaoneng.org.tests.sheet_helpers import read_xlsx, xlsx
from xiaoneng.testing import XiaonengTestCase, make_unit


class CommandTestCase(XiaonengTestCase):
    def run_command(self, *args) -> tuple[str, str]:
        out, err = io.StringIO(), io.StringIO()
        call_command(*args, stdout=out, stderr=err)
        return out.getvalue(), err.getvalue()

    def fails(self, *args) -> tuple[CommandError, str]:
        err = io.StringIO()
        with self.assertRaises(CommandError) as caught:
            call_command(*args, stdout=io.StringIO(), stderr=err)
        self.assertEqual(caught.exception.returncode, 2)
        return caught.exception, err.getvalue()

    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp())

    def write(self, name: str, rows) -> str:
        path = self.tmp / name
        path.write_bytes(xlsx(rows).getvalue())
        return str(path)


class UserAddTests(CommandTestCase):
    def test_center_wide_role(self):
        out, _err = self.run_command("user", "add", "lead2", "--role", "leader",
                                     "--password", "Long-enough-pw-1")
        self.assertEqual(out, "created lead2: leader\n")
        user = User.objects.get(username="lead2")
        self.assertTrue(user.check_password("Long-enough-pw-1"))
        self.assertFalse(user.is_superuser)

    def test_repeated_and_comma_separated_roles_with_unit_and_name(self):
        self.run_command("user", "add", "zhang", "--role", "unit_liaison,unit_staff", "--role", "unit_head",
                         "--unit", "jtj", "--name", "张三", "--position", "chief",
                         "--password", "Long-enough-pw-1")
        user = User.objects.get(username="zhang")
        self.assertEqual(role_keys_of(user), {"unit_liaison", "unit_staff", "unit_head"})
        person = user.person
        self.assertEqual((person.name, person.unit, person.position), ("张三", self.unit_a, "chief"))

    def test_reuses_existing_person(self):
        person = Person.objects.create(name="李四", unit=self.unit_b, position="staff")
        self.run_command("user", "add", "li", "--role", "unit_staff", "--unit", "rsj", "--name", "李四",
                         "--password", "Long-enough-pw-1")
        person.refresh_from_db()
        self.assertEqual(person.user.username, "li")

    def test_unit_scoped_role_without_unit(self):
        error, _ = self.fails("user", "add", "x", "--role", "unit_liaison", "--password", "Long-enough-pw-1")
        self.assertIn("unit_liaison", str(error))
        self.assertFalse(User.objects.filter(username="x").exists())

    def test_unknown_unit(self):
        error, _ = self.fails("user", "add", "x", "--role", "unit_liaison", "--unit", "nope",
                              "--password", "Long-enough-pw-1")
        self.assertIn("nope", str(error))

    def test_unknown_role(self):
        self.fails("user", "add", "x", "--role", "emperor", "--password", "Long-enough-pw-1")

    def test_two_admin_duties(self):
        self.fails("user", "add", "x", "--role", "system_admin,audit_admin", "--password", "Long-enough-pw-1")
        self.assertFalse(User.objects.filter(username="x").exists())

    def test_existing_username(self):
        self.fails("user", "add", "admin", "--role", "leader", "--password", "Long-enough-pw-1")

    def test_weak_password(self):
        self.fails("user", "add", "x", "--role", "leader", "--password", "123")


class UserGrantRevokeListTests(CommandTestCase):
    def test_grant_and_revoke(self):
        out, _ = self.run_command("user", "grant", "leader", "--role", "confirmer")
        self.assertEqual(out, "leader: confirmer, leader\n")
        out, _ = self.run_command("user", "revoke", "leader", "--role", "leader")
        self.assertEqual(out, "leader: confirmer\n")

    def test_grant_refuses_third_duty(self):
        self.run_command("user", "grant", "leader", "--role", "audit_admin")
        self.fails("user", "grant", "leader", "--role", "security_admin")
        self.assertNotIn("security_admin", role_keys_of(User.objects.get(username="leader")))

    def test_grant_unknown_account(self):
        self.fails("user", "grant", "ghost", "--role", "leader")

    def test_list(self):
        out, _ = self.run_command("user", "list")
        self.assertIn("liaison_a\tunit_liaison\tjtj\n", out)
        self.assertIn("leader\tleader\t\n", out)


class CreateSuperuserTests(CommandTestCase):
    def test_refused(self):
        error, _ = self.fails("createsuperuser", "--username", "root", "--email", "a@b.c", "--noinput")
        self.assertIn("user add", str(error))
        self.assertFalse(User.objects.filter(is_superuser=True).exists())


class UnitsListTests(CommandTestCase):
    def test_tree_order_tab_separated(self):
        make_unit("aaa", "县档案馆", parent=self.county, sort_order=9)
        out, _ = self.run_command("units", "list")
        self.assertEqual(out.splitlines(), [
            "county\t金湖县", "jtj\t县交通运输局", "jtj-zf\t县交通运输局执法大队",
            "rsj\t县人力资源和社会保障局", "xnzx\t县效能中心", "aaa\t县档案馆",
        ])

    def test_key_only(self):
        out, _ = self.run_command("units", "list", "--key")
        self.assertEqual(out, "jtj\t县交通运输局\nrsj\t县人力资源和社会保障局\n")

    def test_ended_units_only_with_all(self):
        make_unit("nw", "县农委", parent=self.county, valid_to="2019-02-28")
        self.assertNotIn("nw\t", self.run_command("units", "list")[0])
        self.assertIn("nw\t县农委", self.run_command("units", "list", "--all")[0])


class ImportExportCommandTests(CommandTestCase):
    HEADER = ["编码", "全称", "类型", "上级编码"]

    def test_dry_run_by_default(self):
        path = self.write("u.xlsx", [self.HEADER, ["gaj", "县公安局", "部门", "county"]])
        out, _ = self.run_command("import", "units", path)
        self.assertIn("dry run", out)
        self.assertFalse(Unit.objects.filter(code="gaj").exists())

    def test_commit(self):
        path = self.write("u.xlsx", [self.HEADER, ["gaj", "县公安局", "部门", "county"]])
        out, _ = self.run_command("import", "units", path, "--commit")
        self.assertEqual(out, "imported units: 1 rows: 1 new, 0 changed, 0 unchanged\n")
        self.assertTrue(Unit.objects.filter(code="gaj").exists())

    def test_row_errors_exit_2_and_nothing_written(self):
        path = self.write("u.xlsx", [self.HEADER, ["gaj", "县公安局", "部门", "county"],
                                     ["x", "", "衙门", "county"]])
        error, err = self.fails("import", "units", path, "--commit", "--language", "en")
        self.assertIn("row 3: 全称: This column is required.", err)
        self.assertIn("row 3: 类型: Unknown value 衙门", err)
        self.assertIn("nothing was imported", str(error))
        self.assertFalse(Unit.objects.filter(code="gaj").exists())

    def test_errors_in_chinese_by_default(self):
        path = self.write("p.xlsx", [["姓名", "单位编码", "职位"], ["赵六", "nope", "科长"]])
        _error, err = self.fails("import", "persons", path)
        self.assertEqual(err, "row 2: 单位编码: 没有编码为 nope 的单位。\n")

    def test_missing_file(self):
        self.fails("import", "targets", str(self.tmp / "missing.xlsx"))

    def test_bad_kind(self):
        with self.assertRaises(CommandError):
            call_command("import", "cats", "x.xlsx")

    def test_export_then_import_round_trip(self):
        Target.objects.create(kind="enterprise", name="某公司", uscc="91350100M000100Y43", size="micro")
        for kind in ("units", "persons", "targets"):
            path = str(self.tmp / f"{kind}.xlsx")
            out, _ = self.run_command("export", kind, path)
            self.assertTrue(out.startswith("exported "))
            out, _ = self.run_command("import", kind, path, "--commit")
            self.assertIn("0 new, 0 changed", out)
            again = str(self.tmp / f"{kind}-again.xlsx")
            self.run_command("export", kind, again)
            self.assertEqual(read_xlsx(Path(again).read_bytes()), read_xlsx(Path(path).read_bytes()))

    def test_export_bad_folder(self):
        self.fails("export", "units", str(self.tmp / "no" / "such" / "u.xlsx"))


class SecondFactorCommandTests(CommandTestCase):
    SEED = "3132333435363738393031323334353637383930"

    def test_a_hardware_token_is_enrolled_by_its_seed(self):
        from django_otp.plugins.otp_totp.models import TOTPDevice

        self.run_command("user", "add", "tok", "--role", "center_staff", "--password", "Long-enough-pw-1",
                         "--totp-key", self.SEED)
        device = TOTPDevice.objects.get(user__username="tok")
        self.assertTrue(device.confirmed)
        self.assertEqual(device.key, self.SEED)

    def test_a_bad_seed_creates_no_account(self):
        self.fails("user", "add", "tok", "--role", "leader", "--password", "Long-enough-pw-1",
                   "--totp-key", "not-hex")
        self.assertFalse(User.objects.filter(username="tok").exists())

    def test_reset_removes_the_devices_and_is_audited(self):
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from xiaoneng.audit.models import AuditEntry

        self.run_command("user", "add", "tok", "--role", "center_staff", "--password", "Long-enough-pw-1",
                         "--totp-key", self.SEED)
        out, _err = self.run_command("user", "second-factor-reset", "tok")
        self.assertEqual(out, "tok: 1 device(s) removed\n")
        self.assertFalse(TOTPDevice.objects.filter(user__username="tok").exists())
        self.assertTrue(AuditEntry.objects.filter(action="auth.second_factor_reset").exists())
