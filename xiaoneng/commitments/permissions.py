"""Which roles hold which commitments permissions (merged by org.roles.all_role_permissions).

Unit roles see only their own unit's commitments (xiaoneng.org.access); everyone sees the
public pages.
"""

_VIEW = {"commitments.view_campaign", "commitments.view_unitcommitment"}
_CENTER = _VIEW | {
    "commitments.manage_commitments",
    "commitments.check_fulfilment",
    "commitments.publish_notice",
    "commitments.view_breachnotice",
}

ROLE_PERMISSIONS: dict[str, set[str]] = {
    "center_admin": _CENTER,
    "center_staff": _CENTER,
    "unit_head": _VIEW | {"commitments.report_progress"},
    "unit_liaison": _VIEW | {"commitments.report_progress"},
    "unit_staff": _VIEW,
    "supervisor": _VIEW,
    "leader": _VIEW,
}
