"""Which roles hold which notices permissions (merged by org.roles.all_role_permissions).

Center staff draft; the center admin approves and publishes; leaders read. Unit roles read
published notices on the portal like everyone else.
"""

VIEW = {"notices.view_notice"}

ROLE_PERMISSIONS: dict[str, set[str]] = {
    "center_admin": VIEW | {"notices.draft_notice", "notices.approve_notice"},
    "center_staff": VIEW | {"notices.draft_notice"},
    "leader": set(VIEW),
}
