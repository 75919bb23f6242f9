"""`xiaoneng calendar`: output, exit codes and the load command's checks."""

import tempfile
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TestCase

from xiaoneng.calendar import service
from xiaoneng.calendar.models import CalendarYear
from xiaoneng.calendar.tests.helpers import d
from xiaoneng.calendar.tests.test_schedule import GOOD


def run(*args) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command("calendar", *args, stdout=out, stderr=err)
        code = 0
    except CommandError as exc:
        err.write(str(exc))
        code = exc.returncode
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue().strip(), err.getvalue().strip()


class CommandTestCase(TestCase):
    def write(self, text: str) -> str:
        directory = tempfile.TemporaryDirectory()
        self.addCleanup(directory.cleanup)
        path = Path(directory.name) / "schedule.toml"
        path.write_text(text, encoding="utf-8")
        return str(path)


class AddWorkdaysCommandTests(CommandTestCase):
    def test_prints_the_iso_date(self):
        self.assertEqual(run("add-workdays", "2025-09-30", "1"), (0, "2025-10-09", ""))

    def test_negative(self):
        self.assertEqual(run("add-workdays", "2025-10-09", "-3"), (0, "2025-09-28", ""))

    def test_provisional(self):
        self.assertEqual(run("add-workdays", "2026-12-31", "1"), (0, "2027-01-01 provisional", ""))

    def test_bad_date_exits_2(self):
        code, out, err = run("add-workdays", "2025-02-30", "1")
        self.assertEqual((code, out), (2, ""))
        self.assertIn("is not a date", err)

    def test_bad_count_exits_2(self):
        code, _out, err = run("add-workdays", "2025-10-09", "three")
        self.assertEqual(code, 2)
        self.assertIn("whole number", err)

    def test_outside_the_span_exits_2(self):
        code, _out, err = run("add-workdays", "1900-01-01", "1")
        self.assertEqual(code, 2)
        self.assertIn("outside", err)


class IsWorkdayCommandTests(CommandTestCase):
    def test_yes_exits_0(self):
        self.assertEqual(run("is-workday", "2025-09-28"), (0, "yes", ""))

    def test_no_exits_1(self):
        self.assertEqual(run("is-workday", "2025-10-01"), (1, "no", ""))

    def test_provisional(self):
        self.assertEqual(run("is-workday", "2027-01-02"), (1, "no provisional", ""))

    def test_bad_date_exits_2(self):
        code, _out, err = run("is-workday", "tomorrow")
        self.assertEqual(code, 2)
        self.assertIn("YYYY-MM-DD", err)


class LoadCommandTests(CommandTestCase):
    def test_dry_run_saves_nothing_and_says_so(self):
        code, out, _err = run("load", self.write(GOOD))
        self.assertEqual(code, 0)
        self.assertIn("Dry run", out)
        self.assertIn("2027: 3 holidays, 11 days off, 2 weekend days worked (new year)", out)
        self.assertFalse(CalendarYear.objects.exists())

    def test_commit_loads_and_the_year_stops_being_provisional(self):
        self.assertTrue(service.is_provisional(d("2027-02-08")))
        code, out, _err = run("load", self.write(GOOD), "--commit")
        self.assertEqual(code, 0)
        self.assertIn("Loaded 1 year(s): 2027.", out)
        self.assertFalse(service.is_provisional(d("2027-02-08")))
        self.assertEqual(run("is-workday", "2027-02-08"), (1, "no", ""))
        self.assertEqual(run("is-workday", "2027-01-31"), (0, "yes", ""))

    def test_loading_a_shipped_year_says_it_replaces_it(self):
        _code, text, _err = run("show", "2026", "--toml")
        code, out, _err = run("load", self.write(text))
        self.assertEqual(code, 0)
        self.assertIn("replaces the shipped schedule", out)

    def assertBadFile(self, text, *fragments):
        code, out, err = run("load", self.write(text), "--commit")
        self.assertEqual(code, 2)
        for fragment in fragments:
            self.assertIn(fragment, err)
        self.assertFalse(CalendarYear.objects.exists())

    def test_day_both_off_and_on(self):
        self.assertBadFile(GOOD.replace("2027-01-31,", "2027-01-31, 2027-02-07,"), ":4", "2027-02-07", "both")

    def test_day_outside_the_year(self):
        self.assertBadFile(GOOD.replace("2027-01-01", "2028-01-01"), ":7", "outside 2027")

    def test_weekday_as_adjusted_working_day(self):
        self.assertBadFile(GOOD.replace("2027-02-20", "2027-02-19"), ":4", "Friday", "weekend")

    def test_unknown_key(self):
        text = GOOD.replace("workdays =", 'source = "x"\nworkdays =')
        self.assertBadFile(text, ":4", "unknown key 'source'")

    def test_missing_file(self):
        code, _out, err = run("load", "/nonexistent/schedule.toml")
        self.assertEqual(code, 2)
        self.assertIn("cannot read", err)


class ShowCommandTests(CommandTestCase):
    def test_lists_holidays_adjusted_days_and_notice(self):
        code, out, _err = run("show", "2025")
        self.assertEqual(code, 0)
        self.assertIn("国办发明电〔2024〕12号", out)
        self.assertIn("国庆节、中秋节: 2025-10-01..2025-10-08 (8 days)", out)
        self.assertIn("2025-09-28 (Sun)", out)

    def test_unscheduled_year(self):
        self.assertIn("provisional", run("show", "2027")[1])

    def test_toml_output_loads_back(self):
        _code, out, _err = run("show", "2020", "--toml")
        self.assertEqual(run("load", self.write(out))[0], 0)

    def test_bad_year_exits_2(self):
        self.assertEqual(run("show", "20x5")[0], 2)
