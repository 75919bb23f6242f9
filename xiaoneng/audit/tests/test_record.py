import datetime

import time_machine
from django.test import RequestFactory, override_settings

from xiaoneng.audit import record as lazy_record
from xiaoneng.audit.log import TargetRef, record, verify_log
from xiaoneng.audit.models import AuditEntry
from xiaoneng.testing import XiaonengTestCase

NOON = datetime.datetime(2026, 3, 2, 12, 0, tzinfo=datetime.UTC)


def request_from(ip="10.0.0.7", forwarded=None, agent="Firefox"):
    extra = {"REMOTE_ADDR": ip, "HTTP_USER_AGENT": agent}
    if forwarded:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


class RecordTests(XiaonengTestCase):
    def test_package_re_exports_record(self):
        self.assertIs(lazy_record, record)

    @time_machine.travel(NOON, tick=False)
    def test_entry_names_actor_target_and_time(self):
        entry = record("identity.view", actor=self.staff, target=self.unit_a, detail={"field": "phone"})
        entry.refresh_from_db()
        self.assertEqual((entry.action, entry.actor, entry.actor_username),
                         ("identity.view", self.staff, "staff"))
        self.assertEqual((entry.target_label(), entry.target_id, entry.target_repr),
                         ("org.unit", str(self.unit_a.pk), "县交通运输局"))
        self.assertEqual((entry.at, entry.detail), (NOON, {"field": "phone"}))

    def test_request_gives_ip_and_user_agent(self):
        entry = record("export", actor=self.staff, request=request_from())
        self.assertEqual((entry.ip, entry.user_agent), ("10.0.0.7", "Firefox"))

    def test_forwarded_for_is_ignored_unless_the_proxy_is_trusted(self):
        entry = record("export", request=request_from("10.0.0.1", forwarded="203.0.113.9"))
        self.assertEqual(entry.ip, "10.0.0.1")

    @override_settings(XIAONENG_TRUST_X_FORWARDED_FOR=True)
    def test_forwarded_for_is_used_behind_a_trusted_proxy(self):
        entry = record("export", request=request_from("10.0.0.1", forwarded="1.1.1.1, 203.0.113.9"))
        self.assertEqual(entry.ip, "203.0.113.9")

    def test_actor_defaults_to_the_request_user(self):
        request = request_from()
        request.user = self.leader
        self.assertEqual(record("export", request=request).actor, self.leader)

    def test_target_ref_for_deleted_objects(self):
        entry = record("admin.change", target=TargetRef(None, "42", "旧单位"))
        self.assertEqual((entry.target_id, entry.target_repr), ("42", "旧单位"))

    def test_entries_form_one_chain(self):
        first = record("auth.login", actor=self.staff)
        second = record("auth.logout", actor=self.staff)
        self.assertEqual((second.seq, second.prev_hash), (first.seq + 1, first.hash))
        self.assertEqual(list(verify_log()), [])

    def test_entries_survive_deleting_the_actor(self):
        user = self.make_throwaway_user()
        entry = record("auth.login", actor=user)
        user.delete()
        entry = AuditEntry.objects.get(pk=entry.pk)
        self.assertEqual(entry.actor_username, "temp")
        self.assertEqual(list(verify_log()), [])

    def make_throwaway_user(self):
        from xiaoneng.testing import make_user

        return make_user("temp", None)
