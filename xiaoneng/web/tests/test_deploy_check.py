"""Django's deployment checklist passes under the production settings (HTTPS on)."""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from django.test import SimpleTestCase

ROOT = Path(__file__).resolve().parents[3]


def deploy_check(**env: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, "XIAONENG_DATA_DIR": tempfile.mkdtemp(prefix="xn-deploy-"), **env}
    environment.pop("XIAONENG_DEBUG", None)
    return subprocess.run([sys.executable, "-c", "from xiaoneng.cli import main; main()", "check", "--deploy",
                           "--fail-level", "WARNING"], env=environment, cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


class DeployCheckTests(SimpleTestCase):
    def test_production_settings_pass_check_deploy(self):
        done = deploy_check(XIAONENG_HTTPS="true")
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        self.assertIn("no issues", done.stdout)

    def test_without_https_the_check_says_so(self):
        done = deploy_check(XIAONENG_HTTPS="false")
        self.assertNotEqual(done.returncode, 0)
        self.assertIn("SECURE_SSL_REDIRECT", done.stdout + done.stderr)
