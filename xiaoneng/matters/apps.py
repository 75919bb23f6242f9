from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MattersConfig(AppConfig):
    name = "xiaoneng.matters"
    label = "matters"
    verbose_name = _("Matters")

    def ready(self) -> None:
        from xiaoneng.calendar.service import register_recompute
        from xiaoneng.matters import scanner
        from xiaoneng.matters.actions import record_colour, record_escalation, record_recompute
        from xiaoneng.matters.models import Matter

        scanner.register(Matter, on_colour=record_colour, on_escalate=record_escalation,
                         on_recompute=record_recompute, label=lambda m: m.public_id)
        register_recompute(recompute_provisional_deadlines)


def recompute_provisional_deadlines(years: set[int]) -> None:
    """Calendar hook: a year was loaded or edited; provisional deadlines in it are recomputed."""
    from xiaoneng.matters.scanner import recompute_provisional

    recompute_provisional(years)
