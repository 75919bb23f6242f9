"""Every account has its own inbox (no permission needed); the outbox is for administrators."""

OUTBOX = {"notifications.view_delivery", "notifications.change_delivery"}
RULES = {"notifications.view_channelrule", "notifications.change_channelrule"}

ROLE_PERMISSIONS = {
    "center_admin": OUTBOX | RULES,
    "system_admin": OUTBOX | RULES,
}
