"""评议 evaluations: rounds, rater groups, dimensions, one-time ballots, best and worst (issue 9)."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    name = "xiaoneng.evaluations"
    label = "evaluations"

    def ready(self) -> None:
        from xiaoneng.web.nav import public_link, staff_link

        staff_link("evaluations:index", _("Evaluations"), perms=("evaluations.view_round",))
        public_link("public_evaluations:index", _("Evaluation results"))
