"""三百工程 outreach: programmes, tiers, pairings, visits and quotas (issue 7)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutreachConfig(AppConfig):
    name = "xiaoneng.outreach"
    label = "outreach"

    def ready(self) -> None:
        from xiaoneng.web.nav import public_link, staff_link

        staff_link("outreach:index", _("Outreach"), perms=("outreach.view_visit",), order=60)
        public_link("public_outreach:index", _("Outreach results"), order=60)
