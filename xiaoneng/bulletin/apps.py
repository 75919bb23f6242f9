"""简报 the bulletin: issues, sections, submissions (供稿), drafts from data, exports (issue 10)."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BulletinConfig(AppConfig):
    name = "xiaoneng.bulletin"
    label = "bulletin"

    def ready(self) -> None:
        from xiaoneng.web.nav import public_link, staff_link

        staff_link("bulletin:index", _("Bulletin"), perms=("bulletin.view_issue",), order=80)
        public_link("public_bulletin:archive", _("Bulletin"), order=80)
