"""Who may read the audit log: the audit administrator alone (等保 三员分立)."""

ROLE_PERMISSIONS = {"audit_admin": {"audit.view_auditentry"}}
