"""Window service supervision: items, cases, queue tickets, ratings (好差评), stars (issue 8)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WindowsConfig(AppConfig):
    name = "xiaoneng.windows"
    label = "windows"

    def ready(self) -> None:
        from xiaoneng.matters import clock, scanner
        from xiaoneng.matters.actions import register_verify_hook
        from xiaoneng.trace.chain import append_event
        from xiaoneng.web.nav import public_link, staff_link
        from xiaoneng.windows.actions import RECTIFICATION_KIND, on_rectification_verified
        from xiaoneng.windows.models import ServiceCase

        def on_colour(case, old, new, today):
            append_event(
                case, "colour", None, {"from": old, "to": new, "day": today.isoformat()}, at=clock.now()
            )

        scanner.register(ServiceCase, on_colour=on_colour, label=lambda c: c.number)
        # Verifying a rectification matter (from any screen or the API) schedules the return visit.
        register_verify_hook(RECTIFICATION_KIND, on_rectification_verified)
        staff_link("windows:index", _("Windows"), perms=("windows.view_servicecase",))
        public_link("public_windows:items", _("Service items"), order=150)
        public_link("public_windows:stars", _("Service stars"), order=151)
