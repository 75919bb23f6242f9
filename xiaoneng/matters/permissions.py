"""Which roles may do what with matters. Unit roles act only within their own subtree
(checked by the action functions); county-wide roles act on every unit's matters."""

_CENTER = {
    "matters.view_matter", "matters.receive_matter", "matters.assign_matter", "matters.reject_matter",
    "matters.verify_matter", "matters.pause_matter", "matters.decide_extension",
    "matters.escalate_matter", "matters.view_matterkind",
}

ROLE_PERMISSIONS = {
    "center_admin": _CENTER | {"matters.add_matterkind", "matters.change_matterkind"},
    "center_staff": _CENTER,
    "unit_head": {
        "matters.view_matter", "matters.handle_matter", "matters.approve_reply",
        "matters.request_extension",
    },
    "unit_liaison": {"matters.view_matter", "matters.handle_matter", "matters.request_extension"},
    "unit_staff": {"matters.view_matter"},
    "leader": {"matters.view_matter"},
    "confirmer": {"matters.view_matter"},
}
