"""Which roles hold which enterprise-support permissions (merged by org.roles.all_role_permissions).

The economic commission (县经信委) keeps the watchlist and calls the 会办会 through its head and
liaison; unit roles act only within their own subtree, county-wide roles on every unit.
"""

_VIEW = {"enterprises.view_watchitem", "enterprises.view_enterpriseproblem", "enterprises.view_meeting"}
_ACT = {"enterprises.manage_watchlist", "enterprises.record_problem", "enterprises.hold_meeting"}

ROLE_PERMISSIONS: dict[str, set[str]] = {
    "center_admin": _VIEW
    | _ACT
    | {
        "enterprises.add_problemtype",
        "enterprises.change_problemtype",
        "enterprises.add_warningrule",
        "enterprises.change_warningrule",
        "enterprises.add_indicator",
        "enterprises.change_indicator",
    },
    "center_staff": _VIEW | _ACT,
    "unit_head": _VIEW | _ACT,
    "unit_liaison": _VIEW | _ACT,
    "unit_staff": set(_VIEW),
    "leader": set(_VIEW),
}
