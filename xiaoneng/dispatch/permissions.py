"""Who may see the dispatch model's page and retrain it. Suggestions and repeat lists on a
complaint need complaints.triage_complaint with county-wide scope (those who triage)."""

_VIEW = {"dispatch.view_trainingrun"}

ROLE_PERMISSIONS: dict[str, set[str]] = {
    "center_admin": _VIEW | {"dispatch.add_trainingrun"},
    "center_staff": _VIEW,
}
