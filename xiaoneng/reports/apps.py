"""The leadership dashboard with server-rendered charts, and periodic reports (issue 10)."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "xiaoneng.reports"
    label = "reports"

    def ready(self) -> None:
        from xiaoneng.web.nav import staff_link

        staff_link("reports:index", _("Leadership dashboard"), perms=("reports.view_dashboard",), order=90)
