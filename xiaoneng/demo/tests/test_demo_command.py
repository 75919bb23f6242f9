"""`xiaoneng demo --no-serve`: load once, list the accounts, never duplicate."""

from io import StringIO
from unittest import mock

from django.core.management import CommandError, call_command
from django.test import SimpleTestCase, TestCase

from xiaoneng.demo.accounts import DEMO_ACCOUNTS
from xiaoneng.demo.builder import STEPS
from xiaoneng.demo.management.commands.demo import display_width, login_url, table
from xiaoneng.demo.models import DemoBuild
from xiaoneng.demo.tests.helpers import fast_hashing
from xiaoneng.org.models import Unit, User
from xiaoneng.testing import log_in_with_password


def demo(*args):
    out = StringIO()
    call_command("demo", "--no-serve", *args, stdout=out)
    return out.getvalue()


# The command's behaviour (output, reruns, passwords) does not depend on how many steps the
# build has, so these tests build the county and its accounts only; the full build is covered by
# test_builder, test_determinism and the slow suite's real `xiaoneng demo` process.
ORG_STEPS = STEPS[:4]


@fast_hashing
@mock.patch("xiaoneng.demo.builder.STEPS", ORG_STEPS)
class DemoCommandTests(TestCase):
    def test_output_lists_the_url_and_every_account_with_its_password(self):
        output = demo()
        self.assertIn("http://127.0.0.1:8000", output)
        for spec in DEMO_ACCOUNTS:
            self.assertIn(spec.username, output)
        self.assertIn("xiaoneng-demo", output)

    def test_output_is_chinese_with_roles_and_units(self):
        output = demo()
        self.assertIn("用户名", output)
        self.assertIn("交通局", output)
        self.assertIn("53", output)

    def test_rerun_does_not_duplicate(self):
        demo()
        units = Unit.objects.count()
        output = demo()
        self.assertIn("--reset", output)
        self.assertEqual(Unit.objects.count(), units)
        self.assertEqual(DemoBuild.objects.count(), 1)

    def test_rerun_with_a_new_password_changes_the_accounts(self):
        demo()
        output = demo("--password", "another-secret")
        self.assertIn("another-secret", output)
        self.assertTrue(log_in_with_password(self.client, "leader", "another-secret"))

    def test_rerun_without_password_does_not_show_a_wrong_one(self):
        demo("--password", "another-secret")
        output = demo()
        self.assertNotIn("xiaoneng-demo", output)
        self.assertNotIn("another-secret", output)

    def test_short_password_exits_with_2(self):
        with self.assertRaises(CommandError) as caught:
            demo("--password", "1234567")
        self.assertEqual(caught.exception.returncode, 2)
        self.assertFalse(Unit.objects.exists())

    def test_custom_password_logs_in(self):
        demo("--password", "12345678")
        self.assertTrue(log_in_with_password(self.client, "center_admin", "12345678"))

    def test_refuses_a_database_with_other_data(self):
        User.objects.create_user("someone", password="x" * 12)
        with self.assertRaises(CommandError):
            demo()
        self.assertFalse(Unit.objects.exists())

    def test_serves_through_the_shared_server_unless_told_not_to(self):
        with mock.patch("xiaoneng.demo.management.commands.demo.serve") as serve:
            call_command("demo", "--port", "8123", "--workers", "3", stdout=StringIO())
        serve.assert_called_once_with("127.0.0.1", 8123, 3)

    def test_the_test_database_has_no_pending_migrations(self):
        from xiaoneng.web.management.commands.serve import pending_migrations

        self.assertEqual(pending_migrations(), [])

    def test_url_follows_host_and_port(self):
        self.assertIn("http://127.0.0.1:9000", demo("--host", "0.0.0.0", "--port", "9000"))


class TableTests(SimpleTestCase):
    def test_chinese_characters_take_two_columns(self):
        self.assertEqual(display_width("交通局 a"), 8)

    def test_columns_line_up(self):
        lines = table([["用户名", "x"], ["leader", "y"]])
        self.assertEqual([display_width(line[:-1]) for line in lines], [8, 8])

    def test_login_url(self):
        self.assertEqual(login_url("::", 8000), "http://127.0.0.1:8000")
        self.assertEqual(login_url("::1", 8000), "http://[::1]:8000")
