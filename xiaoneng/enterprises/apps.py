"""Enterprise support: watchlist, enterprise problems, warnings and the monthly 会办会 (issue 7)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnterprisesConfig(AppConfig):
    name = "xiaoneng.enterprises"
    label = "enterprises"

    def ready(self) -> None:
        from xiaoneng.enterprises.actions import problem_matter_verified
        from xiaoneng.matters.actions import register_verify_hook
        from xiaoneng.web.nav import staff_link

        # Explicit: verifying an enterprise matter as resolved marks its problem solved (the figures).
        register_verify_hook("enterprise", problem_matter_verified)
        staff_link(
            "enterprises:index",
            _("Enterprise support"),
            perms=("enterprises.view_enterpriseproblem",),
            order=61,
        )
