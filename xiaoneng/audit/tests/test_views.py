import csv
import datetime
import io

import time_machine

from xiaoneng.audit.log import TargetRef, record
from xiaoneng.audit.models import AuditEntry
from xiaoneng.testing import XiaonengTestCase, make_user

DAY1 = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
DAY2 = datetime.datetime(2026, 3, 3, 9, 0, tzinfo=datetime.UTC)


class AuditScreenTestCase(XiaonengTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.auditor = make_user("auditor", "audit_admin")
        cls.system_admin = make_user("sysadmin", "system_admin")
        cls.security_admin = make_user("secadmin", "security_admin")
        cls.unit_staff = make_user("clerk", "unit_staff", cls.unit_a)
        cls.confirmer = make_user("confirmer", "confirmer")
        with time_machine.travel(DAY1, tick=False):
            record("identity.view", actor=cls.staff, target=cls.unit_a, detail={"field": "phone"})
            record("auth.login_failed", detail={"username": "mallory"})
        with time_machine.travel(DAY2, tick=False):
            record("export", actor=cls.leader, target=cls.unit_b)

    def all_users_but_the_auditor(self):
        return [self.admin, self.staff, self.liaison_a, self.liaison_b, self.section_liaison, self.head_a,
                self.supervisor, self.leader, self.system_admin, self.security_admin, self.unit_staff,
                self.confirmer]


class PermissionTests(AuditScreenTestCase):
    def test_anonymous_is_sent_to_login(self):
        for url in ("/audit/", "/audit/export.csv"):
            self.assertRedirects(self.client.get(url), f"/login/?next={url}")

    def test_every_other_role_is_refused(self):
        for user in self.all_users_but_the_auditor():
            self.login(user)
            for url in ("/audit/", "/audit/export.csv"):
                with self.subTest(user=user.username, url=url):
                    self.assertEqual(self.client.get(url).status_code, 403)

    def test_every_role_is_covered(self):
        from xiaoneng.org.roles import ROLES, role_keys_of

        covered = set().union(*(role_keys_of(u) for u in self.all_users_but_the_auditor()))
        self.assertEqual(covered | {"audit_admin"}, set(ROLES))

    def test_the_audit_administrator_may_read(self):
        self.login(self.auditor)
        self.assertEqual(self.client.get("/audit/").status_code, 200)
        self.assertEqual(self.client.get("/audit/export.csv").status_code, 200)


class SearchTests(AuditScreenTestCase):
    def setUp(self):
        self.login(self.auditor)

    def rows(self, query=""):
        return [e.action for e in self.client.get(f"/audit/?{query}").context["page"]]

    def test_newest_first_in_chinese(self):
        response = self.client.get("/audit/")
        self.assertContains(response, "查看举报人身份信息")
        self.assertEqual(self.rows()[-3:], ["export", "auth.login_failed", "identity.view"])

    def test_filter_by_action_and_prefix(self):
        self.assertEqual(self.rows("action=export"), ["export"])
        self.assertIn("auth.login_failed", self.rows("action=auth"))
        self.assertNotIn("export", self.rows("action=auth"))

    def test_filter_by_actor(self):
        self.assertEqual(self.rows("actor=staff"), ["identity.view"])

    def test_filter_by_date_range_in_local_days(self):
        self.assertEqual(self.rows("since=2026-03-02&until=2026-03-02"),
                         ["auth.login_failed", "identity.view"])
        self.assertNotIn("identity.view", self.rows("since=2026-03-03"))
        self.assertIn("export", self.rows("since=2026-03-03"))

    def test_reversed_dates_are_an_error(self):
        response = self.client.get("/audit/?since=2026-03-03&until=2026-03-02")
        self.assertContains(response, "结束日期早于开始日期")
        self.assertEqual(list(response.context["page"]), [])

    def test_free_text_on_target(self):
        self.assertEqual(self.rows("q=人力资源"), ["export"])

    def test_pagination(self):
        for _ in range(60):
            record("auth.login", actor=self.staff)
        response = self.client.get("/audit/?action=auth.login")
        self.assertEqual(len(response.context["page"]), 50)
        self.assertContains(response, "action=auth.login&amp;page=2")
        self.assertEqual(len(self.client.get("/audit/?action=auth.login&page=2").context["page"]), 11)


class ExportTests(AuditScreenTestCase):
    def setUp(self):
        self.login(self.auditor)

    def export(self, query=""):
        response = self.client.get(f"/audit/export.csv?{query}")
        text = b"".join(response.streaming_content).decode("utf-8-sig")
        return response, list(csv.reader(io.StringIO(text)))

    def test_filtered_export(self):
        response, rows = self.export("action=identity.view")
        self.assertEqual(response["Content-Type"], "text/csv; charset=utf-8")
        self.assertEqual(rows[0][:4], ["seq", "time", "action", "actor"])
        self.assertEqual([(r[2], r[3], r[8]) for r in rows[1:]], [("identity.view", "staff", "县交通运输局")])

    def test_export_is_itself_audited(self):
        self.export("actor=staff")
        entry = AuditEntry.objects.filter(action="export").order_by("-seq").first()
        self.assertEqual(entry.actor, self.auditor)
        self.assertEqual(entry.detail, {"what": "audit log", "filters": {"actor": "staff"}, "rows": 1})

    def test_export_does_not_contain_its_own_entry(self):
        _response, rows = self.export("action=export")
        self.assertEqual([r[3] for r in rows[1:]], ["leader"])

    def test_detail_is_json(self):
        _response, rows = self.export("action=identity.view")
        self.assertEqual(rows[1][9], '{"field": "phone"}')

    def test_outsider_text_cannot_become_a_formula(self):
        record("auth.login_failed", detail={"username": "=HYPERLINK(\"http://x\")"},
               target=TargetRef(None, "1", "@SUM(A1)"))
        _response, rows = self.export("action=auth.login_failed")
        self.assertEqual(rows[1][8], "'@SUM(A1)")
