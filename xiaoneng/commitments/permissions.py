"""Which roles hold which commitments permissions (merged by org.roles.all_role_permissions)."""

ROLE_PERMISSIONS: dict[str, set[str]] = {}
