"""The reports app keeps no data of its own: every figure is computed from the mechanisms' records.

`ReportsAccess` exists only to carry the dashboard's permission (no table is created).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportsAccess(models.Model):
    class Meta:
        managed = False
        default_permissions = ()
        permissions = [("view_dashboard", _("See the leadership dashboard and its reports"))]
        verbose_name = _("leadership dashboard")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)
