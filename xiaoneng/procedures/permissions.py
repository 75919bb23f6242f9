"""Which roles may do what with procedure cases. Unit roles act inside their own subtree
(checked by the action functions); leaders read only."""

_READ = {"procedures.view_procedurecase", "procedures.export_case", "procedures.view_report",
         "procedures.view_discretionstandard"}
_WORK = _READ | {"procedures.open_case", "procedures.complete_step"}

ROLE_PERMISSIONS = {
    "center_admin": _WORK | {"procedures.review_step", "procedures.add_discretionstandard",
                             "procedures.change_discretionstandard"},
    "center_staff": _WORK | {"procedures.review_step"},
    "unit_head": _WORK | {"procedures.review_step"},
    "unit_liaison": _WORK,
    "unit_staff": _WORK,
    "leader": _READ,
}
