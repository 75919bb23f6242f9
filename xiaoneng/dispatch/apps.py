from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DispatchConfig(AppConfig):
    name = "xiaoneng.dispatch"
    label = "dispatch"

    def ready(self) -> None:
        from xiaoneng.web.nav import staff_link

        staff_link("dispatch:index", _("Dispatch model"), perms=("dispatch.view_trainingrun",))
