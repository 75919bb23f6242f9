"""Who holds which windows permissions (merged by org.roles.all_role_permissions).

Center staff run everything; window staff (unit_staff of a window) record cases and run the
queue of their own window; unit heads and liaisons see their own unit's windows and figures;
leaders, supervisors and confirmers read figures. Applicants' names are for the center only.
"""

_VIEW = {
    "windows.view_serviceitem",
    "windows.view_servicecase",
    "windows.view_figures",
    "windows.view_dutyroster",
    "windows.view_firstinquiry",
    "windows.view_consultation",
    "windows.view_greencard",
}
_CENTER = _VIEW | {
    "windows.manage_items",
    "windows.record_case",
    "windows.view_applicant",
    "windows.operate_queue",
    "windows.manage_roster",
    "windows.import_ratings",
    "windows.confirm_star",
}

ROLE_PERMISSIONS: dict[str, set[str]] = {
    "center_admin": _CENTER,
    "center_staff": _CENTER,
    "unit_head": _VIEW,
    "unit_liaison": _VIEW,
    "unit_staff": _VIEW | {"windows.record_case", "windows.operate_queue"},
    "leader": _VIEW,
    "supervisor": _VIEW,
    "confirmer": _VIEW,
}
