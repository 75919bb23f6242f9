from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils import translation

from xiaoneng.audit.models import AuditEntry
from xiaoneng.testing import XiaonengTestCase


def last(action):
    return AuditEntry.objects.filter(action=action).order_by("-seq").first()


class AuthSignalTests(XiaonengTestCase):
    def test_login_is_recorded_with_ip_and_agent(self):
        response = self.client.post("/login/", {"username": "staff", "password": self.password},
                                    REMOTE_ADDR="10.1.2.3", HTTP_USER_AGENT="Chrome")
        self.assertEqual(response.status_code, 302)
        entry = last("auth.login")
        self.assertEqual((entry.actor, entry.ip, entry.user_agent), (self.staff, "10.1.2.3", "Chrome"))

    def test_failed_login_records_the_username_never_the_password(self):
        self.client.post("/login/", {"username": "staff", "password": "guess-123"})
        entry = last("auth.login_failed")
        self.assertEqual((entry.actor, entry.detail), (None, {"username": "staff"}))
        self.assertNotIn("guess-123", str(entry.hash_payload()))
        self.assertNotIn("****", str(entry.hash_payload()))

    def test_logout_is_recorded(self):
        self.login(self.leader)
        self.client.post("/logout/")
        self.assertEqual(last("auth.logout").actor, self.leader)


class AdminChangeTests(XiaonengTestCase):
    def log(self, flag, message=""):
        return LogEntry.objects.log_actions(self.admin.pk, [self.unit_a], flag, message, single_object=True)

    def test_every_admin_operation_is_recorded(self):
        for flag, operation in ((ADDITION, "add"), (CHANGE, "change"), (DELETION, "delete")):
            self.log(flag)
            entry = last("admin.change")
            self.assertEqual((entry.actor, entry.detail["operation"]), (self.admin, operation))
            self.assertEqual((entry.target_label(), entry.target_id, entry.target_repr),
                             ("org.unit", str(self.unit_a.pk), "县交通运输局"))

    def test_change_message_is_kept_readable(self):
        with translation.override("en"):
            self.log(CHANGE, [{"changed": {"fields": ["sort_order"]}}])
        self.assertEqual(last("admin.change").detail["message"], "已修改sort_order。")

    def test_bulk_deletions_are_recorded_by_the_mixin(self):
        from django.contrib import admin

        from xiaoneng.audit.admin import AuditedAdminMixin
        from xiaoneng.org.models import Unit

        class UnitAdmin(AuditedAdminMixin, admin.ModelAdmin):
            pass

        request = type("Request", (), {"user": self.admin})()
        UnitAdmin(Unit, admin.site).log_deletions(request, Unit.objects.filter(pk__in=[self.unit_a.pk,
                                                                                      self.unit_b.pk]))
        entries = AuditEntry.objects.filter(action="admin.change", detail__operation="delete")
        self.assertEqual(sorted(e.target_id for e in entries),
                         sorted([str(self.unit_a.pk), str(self.unit_b.pk)]))
        self.assertEqual(ContentType.objects.get_for_id(entries[0].target_type_id).model, "unit")
