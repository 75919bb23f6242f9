"""`xiaoneng scan` and `xiaoneng worker --once`."""

from io import StringIO

from django.core.management import CommandError, call_command

from xiaoneng.matters.models import State
from xiaoneng.matters.tests.base import MatterTestCase, at


class CommandTests(MatterTestCase):
    def setUp(self):
        with at(2025, 9, 30):
            self.m = self.matter(State.ASSIGNED)

    def run_command(self, *args) -> str:
        out = StringIO()
        call_command(*args, stdout=out)
        return out.getvalue()

    def test_scan_prints_what_it_changed(self):
        output = self.run_command("scan", "--date", "2025-10-12")
        self.assertIn(f"{self.m.public_id}: green -> red", output)
        self.assertIn("1 change(s)", output)

    def test_scan_twice_changes_nothing_the_second_time(self):
        self.run_command("scan", "--date", "2025-10-20")
        self.assertIn("0 change(s)", self.run_command("scan", "--date", "2025-10-20"))

    def test_scan_uses_today_by_default(self):
        with at(2025, 10, 11):
            self.assertIn("green -> yellow", self.run_command("scan"))

    def test_scan_refuses_a_bad_date(self):
        with self.assertRaises(CommandError):
            self.run_command("scan", "--date", "yesterday")

    def test_worker_once(self):
        with at(2025, 10, 13):
            output = self.run_command("worker", "--once")
        self.assertIn("escalation 0 -> 1", output)
        self.assertIn("2 change(s)", output)


class WorkerLoopTests(MatterTestCase):
    def test_a_failed_round_is_logged_and_the_loop_goes_on(self):
        from unittest import mock

        class Stop(Exception):
            pass

        with mock.patch("xiaoneng.matters.management.commands.worker.scan",
                        side_effect=[RuntimeError("database away"), []]) as scan, \
                mock.patch("xiaoneng.matters.management.commands.worker.time.sleep",
                           side_effect=[None, Stop]) as sleep, \
                mock.patch("xiaoneng.matters.management.commands.worker.close_old_connections"), \
                self.assertLogs("xiaoneng.matters.management.commands.worker", "ERROR"), \
                self.assertRaises(Stop):
            call_command("worker", "--interval", "7", stdout=StringIO())
        self.assertEqual(scan.call_count, 2)
        sleep.assert_called_with(7)
