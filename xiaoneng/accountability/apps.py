from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountabilityConfig(AppConfig):
    name = "xiaoneng.accountability"
    label = "accountability"
    verbose_name = _("Accountability")

    def ready(self) -> None:
        from xiaoneng.web.nav import staff_link

        staff_link(
            "accountability:list", _("Accountability"), perms=("accountability.view_accountabilityrecord",)
        )
