"""Which roles hold which activities permissions (merged by org.roles.all_role_permissions)."""

_VIEW = {"activities.view_activity", "activities.view_participant"}

ROLE_PERMISSIONS: dict[str, set[str]] = {
    "center_admin": _VIEW
    | {
        "activities.manage_activity",
        "activities.add_figuredefinition",
        "activities.change_figuredefinition",
        "activities.view_figuredefinition",
    },
    "center_staff": _VIEW | {"activities.manage_activity"},
    "unit_head": _VIEW | {"activities.manage_activity"},
    "unit_liaison": _VIEW | {"activities.manage_activity"},
    "unit_staff": set(_VIEW),
    "leader": set(_VIEW),
}
