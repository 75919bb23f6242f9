"""Which roles hold which outreach permissions (merged by org.roles.all_role_permissions).

What a unit role sees is its own unit's subtree (org.access.scope_to_user); county-wide roles
see every unit. Visits are recorded by the paired person (unit staff) or their unit's liaison.
"""

_VIEW = {"outreach.view_programme", "outreach.view_tier", "outreach.view_pairing", "outreach.view_visit"}
_CENTER = _VIEW | {"outreach.pair_target", "outreach.record_visit", "outreach.propose_outreach_score"}

ROLE_PERMISSIONS: dict[str, set[str]] = {
    "center_admin": _CENTER
    | {"outreach.add_programme", "outreach.change_programme", "outreach.add_tier", "outreach.change_tier"},
    "center_staff": _CENTER,
    "unit_head": _VIEW | {"outreach.pair_target", "outreach.record_visit"},
    "unit_liaison": _VIEW | {"outreach.pair_target", "outreach.record_visit"},
    "unit_staff": _VIEW | {"outreach.record_visit"},
    "leader": set(_VIEW),
}
