"""Working-day calendar data kept in the database (loaded and edited years).

The shipped schedules (data/cn-official.toml) need no rows. A year present here overrides the
shipped year entirely; `CalendarRevision` changes on every load or edit so that every process
notices, with one cheap query, that its cached calendar is stale.
"""

from __future__ import annotations

import uuid

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from xiaoneng.calendar.schedule import FIRST_YEAR, LAST_YEAR, YearSchedule


class CalendarYear(models.Model):
    """One year's official schedule (放假安排) as loaded or edited by the admin."""

    year = models.PositiveIntegerField(
        _("year"), unique=True, validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)],
    )
    notice = models.CharField(_("State Council notice"), max_length=200)
    other_notices = models.TextField(
        _("other notices"), blank=True,
        help_text=_("Notices that changed this year's schedule, one per line."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("calendar year")
        verbose_name_plural = _("calendar years")
        ordering = ["year"]
        permissions = [("manage_calendar", _("Load and edit the working-day calendar"))]

    def __str__(self) -> str:
        return str(self.year)

    def to_schedule(self) -> YearSchedule:
        holidays: dict[str, list] = {}
        workdays = []
        for day in self.days.all():
            if day.is_workday:
                workdays.append(day.date)
            else:
                holidays.setdefault(day.name or "—", []).append(day.date)
        return YearSchedule(
            year=self.year, notice=self.notice,
            holidays={name: tuple(sorted(days)) for name, days in holidays.items()},
            workdays=tuple(sorted(workdays)),
            other_notices=tuple(line.strip() for line in self.other_notices.splitlines() if line.strip()),
        )


class CalendarDay(models.Model):
    """A day that differs from the weekend rule: a day off (放假) or a weekend day worked (调休上班)."""

    calendar_year = models.ForeignKey(CalendarYear, on_delete=models.CASCADE, related_name="days",
                                      verbose_name=_("calendar year"))
    date = models.DateField(_("date"), unique=True)
    is_workday = models.BooleanField(_("working day"), default=False,
                                     help_text=_("Ticked: a weekend day worked. Unticked: a day off."))
    name = models.CharField(_("holiday"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        ordering = ["date"]

    def __str__(self) -> str:
        return self.date.isoformat()

    def clean(self) -> None:
        errors = {}
        try:
            year = self.calendar_year.year
        except ObjectDoesNotExist:
            year = None
        if self.date and year and self.date.year != year:
            errors["date"] = _("This day is outside the year %(year)s.") % {"year": year}
        if self.date and self.is_workday and self.date.weekday() < 5:
            errors["is_workday"] = _("Only a weekend day can be an adjusted working day.")
        if errors:
            raise ValidationError(errors)


def new_token() -> str:
    return uuid.uuid4().hex


class CalendarRevision(models.Model):
    """A single row whose token changes whenever any calendar year is loaded or edited."""

    token = models.CharField(max_length=32, default=new_token)

    class Meta:
        verbose_name = _("calendar revision")
        verbose_name_plural = _("calendar revisions")

    def __str__(self) -> str:
        return self.token
