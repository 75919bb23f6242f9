"""Which roles hold which assessment permissions (merged by org.roles.all_role_permissions).

Every role that reads the ledger reads the standings (unit roles only their own units' rows and
entries); unit heads and liaisons appeal their own unit's deductions; the center admin and the
confirming authority decide appeals; the center admin publishes standings and edits years.
"""

VIEW = {"assessment.view_assessmentyear", "assessment.view_appeal"}

ROLE_PERMISSIONS: dict[str, set[str]] = {
    "center_admin": VIEW
    | {
        "assessment.decide_appeal",
        "assessment.publish_standings",
        "assessment.add_assessmentyear",
        "assessment.change_assessmentyear",
        "assessment.add_unitgroup",
        "assessment.change_unitgroup",
        "assessment.delete_unitgroup",
        "assessment.add_groupmembership",
        "assessment.change_groupmembership",
        "assessment.delete_groupmembership",
    },
    "center_staff": set(VIEW),
    "confirmer": VIEW | {"assessment.decide_appeal"},
    "leader": set(VIEW),
    "unit_head": VIEW | {"assessment.file_appeal"},
    "unit_liaison": VIEW | {"assessment.file_appeal"},
    "unit_staff": set(VIEW),
}
