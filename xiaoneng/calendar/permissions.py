"""Which roles may load and edit the working-day calendar."""

ROLE_PERMISSIONS = {
    "center_admin": {"calendar.manage_calendar"},
    "system_admin": {"calendar.manage_calendar"},
}
