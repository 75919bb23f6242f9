"""Which roles hold which achievements permissions (merged by org.roles.all_role_permissions).

Unit roles see only their own unit's declarations (xiaoneng.org.access); a unit's liaison
declares, its head approves; the center verifies, selects and moderates public comments.
"""

_VIEW = {"achievements.view_declaration"}
_CENTER = _VIEW | {
    "achievements.screen_declaration",
    "achievements.moderate_comment",
    "achievements.view_publiccomment",
}

ROLE_PERMISSIONS: dict[str, set[str]] = {
    "center_admin": _CENTER,
    "center_staff": _CENTER,
    "unit_head": _VIEW | {"achievements.declare_achievement", "achievements.approve_declaration"},
    "unit_liaison": _VIEW | {"achievements.declare_achievement"},
    "unit_staff": _VIEW,
    "supervisor": _VIEW,
    "leader": _VIEW,
}
