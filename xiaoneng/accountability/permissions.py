"""Which roles hold which accountability permissions (merged by org.roles.all_role_permissions).

Center staff propose; the center admin decides, refers and records outside decisions. Leaders
read everything; unit heads read their own unit's records (others answer 404). Liaisons and
unit staff do not see personnel records.
"""

VIEW = {"accountability.view_accountabilityrecord", "accountability.view_regulation"}

ROLE_PERMISSIONS: dict[str, set[str]] = {
    "center_admin": VIEW
    | {
        "accountability.propose_accountability",
        "accountability.decide_accountability",
        "accountability.add_regulation",
        "accountability.change_regulation",
        "accountability.add_regulationitem",
        "accountability.change_regulationitem",
    },
    "center_staff": VIEW | {"accountability.propose_accountability"},
    "leader": VIEW,
    "unit_head": VIEW,
}
