import datetime
import io

import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from xiaoneng.audit.log import record
from xiaoneng.testing import XiaonengTestCase

DAY1 = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
DAY2 = datetime.datetime(2026, 3, 3, 9, 0, tzinfo=datetime.UTC)


def run(*args) -> str:
    out = io.StringIO()
    call_command("audit", *args, stdout=out)
    return out.getvalue()


class AuditSearchCommandTests(XiaonengTestCase):
    def setUp(self):
        with time_machine.travel(DAY1, tick=False):
            record("identity.view", actor=self.staff, target=self.unit_a)
        with time_machine.travel(DAY2, tick=False):
            record("auth.login_failed", detail={"username": "mallory"})

    def test_prints_newest_first(self):
        lines = run("search").splitlines()
        self.assertEqual([line.split("\t")[2] for line in lines], ["auth.login_failed", "identity.view"])
        self.assertIn("2026-03-02 17:00:00\tidentity.view\tstaff\t-\torg.unit:", lines[1])

    def test_filters(self):
        self.assertEqual(len(run("search", "--action", "auth").splitlines()), 1)
        self.assertEqual(len(run("search", "--actor", "staff").splitlines()), 1)
        self.assertEqual(len(run("search", "--since", "2026-03-03").splitlines()), 1)
        self.assertEqual(len(run("search", "--limit", "1").splitlines()), 1)

    def test_bad_date_is_an_error(self):
        with self.assertRaisesMessage(CommandError, "since"):
            run("search", "--since", "yesterday")


class AuditVerifyCommandTests(XiaonengTestCase):
    def test_intact_prints_the_head(self):
        entry = record("auth.login", actor=self.staff)
        self.assertEqual(run("verify"), f"audit log, 1 entries: intact\nhead {entry.seq}:{entry.hash}\n")

    def test_expected_head_still_there(self):
        entry = record("auth.login", actor=self.staff)
        record("auth.logout", actor=self.staff)
        self.assertIn("intact", run("verify", "--expect-head", f"{entry.seq}:{entry.hash}"))

    def test_cut_back_log_fails_the_expected_head(self):
        record("auth.login", actor=self.staff)
        last = record("auth.logout", actor=self.staff)
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM audit_auditentry WHERE id = %s", [last.pk])
        out = io.StringIO()
        with self.assertRaises(CommandError):
            call_command("audit", "verify", "--expect-head", f"{last.seq}:{last.hash}", stdout=out)
        self.assertIn("the log was cut back", out.getvalue())

    def test_tampered_exits_one(self):
        entry = record("auth.login", actor=self.staff)
        with connection.cursor() as cursor:
            cursor.execute("UPDATE audit_auditentry SET ip = %s WHERE id = %s", ["8.8.8.8", entry.pk])
        with self.assertRaises(CommandError) as caught:
            run("verify")
        self.assertEqual(caught.exception.returncode, 1)
