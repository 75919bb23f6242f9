"""The mark a demo build leaves in its database."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DemoBuild(models.Model):
    """示范数据: present once the demo county has been loaded into this database.

    Its presence is what makes `xiaoneng demo` idempotent, and what allows `--reset`
    to wipe the database: a database without it is never wiped.
    """

    seed = models.BigIntegerField(_("seed"))
    built_at = models.DateTimeField(_("built at"), auto_now_add=True)

    class Meta:
        verbose_name = _("demo build")
        verbose_name_plural = _("demo builds")

    def __str__(self) -> str:
        return f"demo (seed {self.seed})"
