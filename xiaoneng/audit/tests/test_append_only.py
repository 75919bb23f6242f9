from django.contrib import admin
from django.db import connection

from xiaoneng.audit.log import record, verify_log
from xiaoneng.audit.models import AuditEntry
from xiaoneng.testing import XiaonengTestCase
from xiaoneng.trace.models import AppendOnlyError


def raw(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


class AppendOnlyTests(XiaonengTestCase):
    def setUp(self):
        self.first = record("auth.login", actor=self.staff)
        self.second = record("identity.view", actor=self.staff, target=self.unit_a)
        self.third = record("auth.logout", actor=self.staff)

    def test_changes_through_the_orm_are_refused(self):
        self.first.action = "auth.logout"
        for attempt in (self.first.save, self.first.delete, AuditEntry.objects.all().delete,
                        lambda: AuditEntry.objects.update(action="x")):
            with self.subTest(attempt=attempt), self.assertRaises(AppendOnlyError):
                attempt()

    def test_nothing_is_registered_in_the_admin(self):
        self.assertFalse(admin.site.is_registered(AuditEntry))

    def test_intact_log_verifies(self):
        self.assertEqual(list(verify_log(chunk_size=2)), [])

    def test_altered_entry_is_detected(self):
        raw("UPDATE audit_auditentry SET actor_username = %s WHERE id = %s", ["admin", self.second.pk])
        self.assertEqual(list(verify_log()),
                         [f"altered: entry {self.second.seq} (identity.view) does not match its hash"])

    def test_deleted_entry_is_detected(self):
        raw("DELETE FROM audit_auditentry WHERE id = %s", [self.second.pk])
        problems = list(verify_log())
        self.assertIn(f"cut: entries {self.second.seq}-{self.second.seq} missing", problems)
        self.assertIn(f"broken link at entry {self.third.seq}", problems)
