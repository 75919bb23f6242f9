from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_migrate
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "xiaoneng.org"
    label = "org"
    verbose_name = _("Organisation")

    def ready(self) -> None:
        from xiaoneng.org.roles import sync_roles_after_migrate

        # Groups reference permissions, which Django itself creates after migrate;
        # so roles are synchronised at the same point, every migrate, idempotently.
        post_migrate.connect(sync_roles_after_migrate, dispatch_uid="xiaoneng.org.sync_roles")

        from xiaoneng.org.accounts import guard_role_combination
        from xiaoneng.org.models import User

        m2m_changed.connect(guard_role_combination, sender=User.groups.through,
                            dispatch_uid="xiaoneng.org.guard_role_combination")
