import io

from django.core.management import call_command

from xiaoneng.enterprises.tests.base import EnterpriseTestCase


class WarningCommandTests(EnterpriseTestCase):
    def test_prints_the_days_warnings(self):
        out = io.StringIO()
        call_command("enterprise_warnings", "--date", "2026-05-01", stdout=out)
        self.assertIn("问题超过30天未解决\t金湖县示范机械有限公司", out.getvalue())
        self.assertIn("2 warning(s)", out.getvalue())
