"""公开承诺 public commitments: campaigns, unit commitments, fulfilment (践诺) checks (issue 6)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitmentsConfig(AppConfig):
    name = "xiaoneng.commitments"
    label = "commitments"

    def ready(self) -> None:
        from xiaoneng.commitments.actions import MATTER_KIND, breach_matter_verified
        from xiaoneng.matters.actions import register_verify_hook
        from xiaoneng.web.nav import public_link, staff_link

        staff_link(
            "commitments:index", _("Commitments"), perms=("commitments.view_unitcommitment",), order=60
        )
        public_link("public_commitments:list", _("Public commitments"), order=60)
        # The unit's answer to a breach, once the center verifies it, goes on the item's history.
        register_verify_hook(MATTER_KIND, breach_matter_verified)
