"""`xiaoneng search reindex`."""

from io import StringIO

from django.core.management import CommandError, call_command

from xiaoneng.search.models import MatterTerm
from xiaoneng.search.tests.base import SearchTestCase


class ReindexCommandTests(SearchTestCase):
    def run_command(self, *args) -> str:
        out = StringIO()
        call_command("search", "reindex", *args, stdout=out)
        return out.getvalue()

    def test_rebuilds_the_index(self):
        self.text_matter("窗口投诉", "服务态度恶劣")
        self.text_matter("路灯")
        MatterTerm.objects.all().delete()
        output = self.run_command("--batch", "1")
        self.assertIn("indexed 2 matter(s), 9 term row(s)", output)
        self.assertEqual(self.found("态度"), ["窗口投诉"])

    def test_progress_with_verbosity(self):
        self.text_matter("路灯")
        self.text_matter("窗口")
        self.assertIn("1/2\n2/2\n", self.run_command("--batch", "1", "-v", "2"))

    def test_empty_database(self):
        self.assertIn("indexed 0 matter(s)", self.run_command())

    def test_batch_must_be_positive(self):
        with self.assertRaises(CommandError):
            self.run_command("--batch", "0")
