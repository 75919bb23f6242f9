"""Which roles hold which evaluations permissions (merged by org.roles.all_role_permissions).

Units under evaluation have no staff access to rounds: they see the published results on the
public portal like everyone else. Only the confirming authority (确认机关) gives consequences effect.
"""

_VIEW = {"evaluations.view_round", "evaluations.view_consequence"}

ROLE_PERMISSIONS: dict[str, set[str]] = {
    "center_admin": _VIEW | {"evaluations.manage_round"},
    "center_staff": _VIEW | {"evaluations.manage_round"},
    "leader": _VIEW,
    "confirmer": _VIEW | {"evaluations.confirm_consequence"},
}
