"""Who may do what with complaints. Handling (assign, sign, reply, verify ...) is the matter's
and uses matters' permissions; these cover the complaint's own steps. The reporter's identity
is for center staff holding complaints.view_identity only: never unit roles, supervisors or
leaders."""

_VIEW = {"complaints.view_complaint"}
_CENTER = _VIEW | {
    "complaints.record_complaint", "complaints.triage_complaint", "complaints.redact_complaint",
    "complaints.publish_complaint", "complaints.view_identity",
}

ROLE_PERMISSIONS = {
    "center_admin": _CENTER,
    "center_staff": _CENTER,
    "unit_head": _VIEW,
    "unit_liaison": _VIEW,
    "unit_staff": _VIEW,
    "leader": _VIEW,
    "confirmer": _VIEW,
}
