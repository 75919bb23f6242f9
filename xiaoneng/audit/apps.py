from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "xiaoneng.audit"
    label = "audit"
    verbose_name = _("Audit log")

    def ready(self) -> None:
        from django.contrib.admin.models import LogEntry
        from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
        from django.db.models.signals import post_save

        from xiaoneng.audit import signals

        user_logged_in.connect(signals.on_login, dispatch_uid="xiaoneng.audit.login")
        user_logged_out.connect(signals.on_logout, dispatch_uid="xiaoneng.audit.logout")
        user_login_failed.connect(signals.on_login_failed, dispatch_uid="xiaoneng.audit.login_failed")
        post_save.connect(signals.on_admin_log_entry, sender=LogEntry, dispatch_uid="xiaoneng.audit.admin")
