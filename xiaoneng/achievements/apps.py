"""服务实绩 service achievements: quarterly declarations, screening, selection, public display (issue 6)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AchievementsConfig(AppConfig):
    name = "xiaoneng.achievements"
    label = "achievements"

    def ready(self) -> None:
        from xiaoneng.web.nav import public_link, staff_link

        staff_link(
            "achievements:index",
            _("Service achievements"),
            perms=("achievements.view_declaration",),
            order=61,
        )
        public_link("public_achievements:list", _("Service achievements"), order=61)
