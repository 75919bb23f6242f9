import io

from django.core.management import CommandError, call_command

from xiaoneng.outreach.tests.base import OutreachTestCase
from xiaoneng.scoring.models import ScoreProposal


class ShortfallCommandTests(OutreachTestCase):
    def run_command(self, *args) -> str:
        out = io.StringIO()
        call_command("outreach_shortfalls", *args, stdout=out)
        return out.getvalue()

    def test_a_dry_run_lists_and_writes_nothing(self):
        out = self.run_command("--date", "2026-02-01")
        self.assertIn("sanbai-2026\tstations\t2026-01\t公路站\tstation_a\t0/3", out)
        self.assertIn("would propose 1 shortfall(s)", out)
        self.assertEqual(ScoreProposal.objects.count(), 0)

    def test_commit_proposes_once(self):
        self.run_command("--date", "2026-02-01", "--commit")
        self.run_command("--date", "2026-02-01", "--commit")
        self.assertEqual(
            ScoreProposal.objects.filter(rule__code="outreach_shortfall", proposer=None).count(), 1
        )

    def test_a_bad_date(self):
        with self.assertRaises(CommandError):
            self.run_command("--date", "2026-13-01")
