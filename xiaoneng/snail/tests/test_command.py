from io import StringIO

from django.core.management import CommandError, call_command

from xiaoneng.snail.models import Item
from xiaoneng.snail.tests.base import SnailTestCase


class ScanCommandTests(SnailTestCase):
    def run_scan(self, *args):
        out = StringIO()
        call_command("snail", "scan", "--date", "2013-04-15", *args, stdout=out)
        return out.getvalue()

    def test_dry_run_lists_and_writes_nothing(self):
        self.late_matter()
        self.assertIn("would propose 1 candidate(s)", self.run_scan())
        self.assertFalse(Item.objects.exists())

    def test_commit_proposes(self):
        self.late_matter()
        self.assertIn("proposed 1 candidate(s)", self.run_scan("--commit"))
        self.assertEqual(Item.objects.get().origin, "unhandled_complaint")

    def test_bad_date(self):
        with self.assertRaises(CommandError):
            call_command("snail", "scan", "--date", "15/04/2013", stdout=StringIO())
