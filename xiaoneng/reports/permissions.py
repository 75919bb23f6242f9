"""Who sees the leadership dashboard and its reports: county-wide readers only.

Leaders, center staff and admins and confirmers see county-wide figures. Unit roles and
supervisors see nothing here (403): their own unit's figures are in their lists, and a county
league table is not theirs to read (the same rule as the complaints dashboard).
"""

_VIEW = {"reports.view_dashboard"}

ROLE_PERMISSIONS = {
    "center_admin": _VIEW,
    "center_staff": _VIEW,
    "leader": _VIEW,
    "confirmer": _VIEW,
}
