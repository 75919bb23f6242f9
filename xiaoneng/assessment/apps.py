from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "xiaoneng.assessment"
    label = "assessment"
    verbose_name = _("Annual assessment")

    def ready(self) -> None:
        from xiaoneng.web.nav import public_link, staff_link

        staff_link("assessment:index", _("Assessment standings"), perms=("assessment.view_assessmentyear",))
        staff_link("assessment:appeal_list", _("Appeals"), perms=("assessment.view_appeal",))
        public_link("public_assessment:index", _("Assessment standings"))
