"""Receivers that audit what Django itself does: logins, logouts, failed logins, admin edits.

They are connected in AuditConfig.ready; every other action records itself
explicitly in its own action function.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.utils import translation

from xiaoneng.audit.log import TargetRef, record

ADMIN_OPERATIONS = {ADDITION: "add", CHANGE: "change", DELETION: "delete"}


def on_login(sender, request=None, user=None, **kwargs) -> None:
    record("auth.login", actor=user, request=request)


def on_logout(sender, request=None, user=None, **kwargs) -> None:
    if user is not None:
        record("auth.logout", actor=user, request=request)


def on_login_failed(sender, credentials=None, request=None, **kwargs) -> None:
    from django.contrib.auth import get_user_model

    # Only the attempted username: the credentials also hold the (masked) password.
    field = get_user_model().USERNAME_FIELD
    username = str((credentials or {}).get(field, ""))[:150]
    record("auth.login_failed", request=request, detail={"username": username})


def record_admin_entry(entry: LogEntry) -> None:
    # The message is kept in the site's language, whatever the admin user's browser spoke.
    with translation.override(settings.LANGUAGE_CODE):
        message = entry.get_change_message()
    record(
        "admin.change", actor=entry.user,
        target=TargetRef(entry.content_type, entry.object_id or "", entry.object_repr),
        detail={"operation": ADMIN_OPERATIONS.get(entry.action_flag, str(entry.action_flag)),
                "message": message},
    )


def on_admin_log_entry(sender, instance: LogEntry, created: bool = False, raw: bool = False,
                       **kwargs) -> None:
    if created and not raw:
        record_admin_entry(instance)
