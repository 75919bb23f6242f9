"""The audit actions the platform records, with their labels for the audit screens.

Any dotted name may be recorded; these are the ones the screens name in Chinese.
"""

from django.utils.translation import gettext_lazy as _

KNOWN_ACTIONS = {
    "auth.login": _("Logged in"),
    "auth.login_failed": _("Failed login"),
    "auth.logout": _("Logged out"),
    "permission.change": _("Permissions changed"),
    "account.create": _("Account created"),
    "identity.view": _("Reporter identity viewed"),
    "export": _("Data exported"),
    "admin.change": _("Changed in the admin"),
    "data.import": _("Data imported"),
}


def action_label(action: str) -> str:
    return str(KNOWN_ACTIONS.get(action, action))
