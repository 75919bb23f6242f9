from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    name = "xiaoneng.notices"
    label = "notices"
    verbose_name = _("Notices")

    def ready(self) -> None:
        from xiaoneng.notices import drafters
        from xiaoneng.notices.actions import register_drafter
        from xiaoneng.web.nav import public_link, staff_link

        register_drafter("accountability.AccountabilityRecord", drafters.from_accountability)
        register_drafter("complaints.Complaint", drafters.from_complaint)
        staff_link("notices:list", _("Notices"), perms=("notices.view_notice",))
        public_link("public_notices:list", _("Notices"))
