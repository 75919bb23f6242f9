"""Working-day calendar data kept in the database (loaded and edited years)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarYear(models.Model):
    """One year's official schedule (放假安排) as loaded or edited by the admin."""

    year = models.PositiveIntegerField(_("year"), unique=True)
    notice = models.CharField(_("State Council notice"), max_length=200)

    class Meta:
        verbose_name = _("calendar year")
        verbose_name_plural = _("calendar years")
        ordering = ["year"]
        permissions = [("manage_calendar", _("Load and edit the working-day calendar"))]

    def __str__(self) -> str:
        return str(self.year)
