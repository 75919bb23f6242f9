"""Which roles may do what with inspections.

Seeing a campaign is decided per campaign in `xiaoneng.inspections.access` (membership,
organiser, secrecy until closing); these permissions only say which roles take part at all.
"""

_CENTER = {
    "inspections.view_all_campaigns", "inspections.organise_campaign", "inspections.hand_over_finding",
    "inspections.view_campaign", "inspections.view_finding", "inspections.view_suggestion",
    "inspections.change_suggestion", "inspections.view_checklist",
}
_UNIT = {
    "inspections.view_campaign", "inspections.view_finding", "inspections.view_suggestion",
    "inspections.change_suggestion",
}

ROLE_PERMISSIONS = {
    "center_admin": _CENTER | {"inspections.add_checklist", "inspections.change_checklist",
                               "inspections.add_checklistitem", "inspections.change_checklistitem"},
    "center_staff": _CENTER,
    # 系统内明察暗访 / 自查自纠: a unit's head and liaison organise campaigns over its own subtree.
    "unit_head": _UNIT | {"inspections.organise_own_campaign"},
    "unit_liaison": _UNIT | {"inspections.organise_own_campaign"},
    "unit_staff": {"inspections.view_campaign", "inspections.view_finding"},
    # Supervisors see only the campaigns they are members of (membership, not a permission).
    "supervisor": {"inspections.view_campaign", "inspections.view_finding"},
    "leader": {"inspections.view_all_campaigns", "inspections.view_campaign", "inspections.view_finding",
               "inspections.view_suggestion"},
}
