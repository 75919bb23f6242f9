"""Nothing of the audit log is editable in the Django admin, so nothing is registered.

`AuditedAdminMixin` closes the one gap of the LogEntry receiver: Django writes the
log entries of a bulk "delete selected" with bulk_create, which sends no signal.
"""

from __future__ import annotations


class AuditedAdminMixin:
    """Mix into a ModelAdmin so that bulk deletions are audited one by one as well."""

    def log_deletions(self, request, queryset):
        from xiaoneng.audit.signals import record_admin_entry

        entries = super().log_deletions(request, queryset)
        if isinstance(entries, list) and len(entries) > 1:
            for entry in entries:  # bulk_create'd: post_save never fired for these
                record_admin_entry(entry)
        return entries
