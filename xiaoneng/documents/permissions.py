"""Who issues official documents and who sees the register of them. Everyone else downloads a
document when they may see its subject (a matter: the matters scope rules)."""

_CENTER = {"documents.issue_document", "documents.view_issueddocument"}

ROLE_PERMISSIONS = {
    "center_admin": _CENTER | {
        "documents.view_documentnumberseries", "documents.change_documentnumberseries",
    },
    "center_staff": _CENTER,
}
