"""蜗牛奖 the Snail Award: candidates, numbered batches, rectification and referral (issue 9)."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SnailConfig(AppConfig):
    name = "xiaoneng.snail"
    label = "snail"

    def ready(self) -> None:
        from xiaoneng.matters.actions import register_verify_hook
        from xiaoneng.snail.actions import rectification_verified
        from xiaoneng.snail.models import RECTIFICATION_KIND
        from xiaoneng.web.nav import public_link, staff_link

        # Explicit: verifying a Snail Award rectification ends the item or fails it (accountability).
        register_verify_hook(RECTIFICATION_KIND, rectification_verified)
        staff_link("snail:index", _("Snail Award"), perms=("snail.view_item",))
        public_link("public_snail:index", _("Snail Award"))
