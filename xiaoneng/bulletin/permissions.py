"""Who may do what with the bulletin.

Editors (center staff and admins) prepare issues and decide on submissions. A unit's liaison and
head submit items for their own unit and see only their own unit's submissions (others are 404).
Every signed-in role may read published issues; drafts are for editors only.
"""

_READ = {"bulletin.view_issue"}
_EDIT = _READ | {"bulletin.edit_bulletin", "bulletin.view_submission", "bulletin.add_issue",
                 "bulletin.change_issue"}
_SUBMIT = _READ | {"bulletin.submit_item", "bulletin.view_submission"}

ROLE_PERMISSIONS = {
    "center_admin": _EDIT,
    "center_staff": _EDIT,
    "unit_head": _SUBMIT,
    "unit_liaison": _SUBMIT,
    "unit_staff": _READ,
    "supervisor": _READ,
    "leader": _READ,
    "confirmer": _READ,
}
