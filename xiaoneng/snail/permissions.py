"""Which roles hold which snail permissions (merged by org.roles.all_role_permissions).

Center staff propose and prepare batches; the center admin publishes them (publication proposes
deductions and opens rectification matters). Units follow their rectification as a matter, and
see the award on the public portal.
"""

_VIEW = {"snail.view_item", "snail.view_batch"}

ROLE_PERMISSIONS: dict[str, set[str]] = {
    "center_admin": _VIEW | {"snail.manage_snail", "snail.publish_batch"},
    "center_staff": _VIEW | {"snail.manage_snail"},
    "leader": _VIEW,
}
