"""服务活动 service activities: participants and the figures they carry (issue 7)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "xiaoneng.activities"
    label = "activities"

    def ready(self) -> None:
        from xiaoneng.web.nav import staff_link

        staff_link("activities:index", _("Service activities"), perms=("activities.view_activity",), order=62)
