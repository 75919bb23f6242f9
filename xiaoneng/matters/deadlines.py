"""Anything with a deadline in working days: the clock, its warning colours and its escalation dates.

`DeadlineMixin` is an abstract model. A subclass says how warnings and escalation are
configured (`deadline_policy()`) and the scanner (xiaoneng.matters.scanner) does the rest.

The clock is kept as a recipe, not only a result: the day it started (`deadline_start`),
the working days granted (`time_limit`, grown by extensions) and the working days spent
paused (`paused_workdays`). The deadline is always `add_workdays(start, limit + paused)`,
so it can be recomputed when a provisional calendar year is published.

The scan dates (`yellow_on`, `red_on`, `next_escalation_on`) are set only while the clock
runs; a stopped or paused clock has them NULL, so the scanner's indexed
"WHERE yellow_on <= today AND colour = 'green'" never sees it.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from xiaoneng.calendar import service as workdays


class Colour(models.TextChoices):
    GREEN = "green", pgettext_lazy("deadline colour", "on time")
    YELLOW = "yellow", pgettext_lazy("deadline colour", "due soon")
    RED = "red", pgettext_lazy("deadline colour", "overdue")


@dataclass(frozen=True)
class DeadlinePolicy:
    """How warnings and escalation work for one kind of deadline.

    Yellow comes when at most `yellow_days_before` working days remain (today included),
    or, if `yellow_share` (percent) is given instead, once that share of the time limit
    is used up. `escalation_after` lists, per escalation level, the working days after
    the deadline on which that level is reached (e.g. (1, 3, 5): urge, order, referral).
    """

    yellow_days_before: int | None = 2
    yellow_share: int | None = None
    escalation_after: tuple[int, ...] = (1, 3, 5)


def yellow_day(start: datetime.date, deadline: datetime.date, limit: int,
               policy: DeadlinePolicy) -> datetime.date | None:
    """The first working day on which the clock shows yellow."""
    if policy.yellow_share is not None:
        remaining = limit * (100 - policy.yellow_share) / 100
    elif policy.yellow_days_before is not None:
        remaining = policy.yellow_days_before
    else:
        return None
    total = workdays.workdays_between(start, deadline)
    # Day k (k-th working day after start) has total - k + 1 days left, today included.
    k = total + 1 - math.floor(remaining)
    if k <= 0:
        return start
    return workdays.add_workdays(start, min(k, total))


def colour_on(day: datetime.date, yellow_on: datetime.date | None, red_on: datetime.date) -> str:
    if day >= red_on:
        return Colour.RED
    if yellow_on is not None and day >= yellow_on:
        return Colour.YELLOW
    return Colour.GREEN


class DeadlineMixin(models.Model):
    deadline_start = models.DateField(_("clock started on"), null=True, blank=True)
    time_limit = models.PositiveSmallIntegerField(_("time limit (working days)"), null=True, blank=True)
    paused_workdays = models.PositiveSmallIntegerField(_("working days paused"), default=0)
    paused_since = models.DateField(_("paused since"), null=True, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    deadline_provisional = models.BooleanField(_("provisional deadline"), default=False)
    colour = models.CharField(_("warning"), max_length=8, choices=Colour.choices, default=Colour.GREEN)
    missed_deadline = models.BooleanField(_("deadline missed"), default=False)
    escalation_level = models.PositiveSmallIntegerField(_("escalation level"), default=0)
    # Scan dates: NULL whenever the clock is not running.
    yellow_on = models.DateField(null=True, blank=True, editable=False)
    red_on = models.DateField(null=True, blank=True, editable=False)
    next_escalation_on = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True
        indexes = [
            models.Index(fields=["colour", "yellow_on"], name="%(app_label)s_%(class)s_yellow"),
            models.Index(fields=["colour", "red_on"], name="%(app_label)s_%(class)s_red"),
            models.Index(fields=["next_escalation_on"], name="%(app_label)s_%(class)s_escal"),
            models.Index(fields=["deadline_provisional", "deadline"], name="%(app_label)s_%(class)s_prov"),
        ]

    # Subclasses override this with their own configuration.
    def deadline_policy(self) -> DeadlinePolicy:
        return DeadlinePolicy()

    DEADLINE_FIELDS = (
        "deadline_start", "time_limit", "paused_workdays", "paused_since", "deadline",
        "deadline_provisional", "colour", "missed_deadline", "escalation_level",
        "yellow_on", "red_on", "next_escalation_on",
    )

    @property
    def clock_running(self) -> bool:
        return self.red_on is not None

    @property
    def is_paused(self) -> bool:
        return self.paused_since is not None

    def start_clock(self, day: datetime.date, limit: int) -> None:
        """A fresh clock of `limit` working days from an act on `day` (which never counts)."""
        self.deadline_start, self.time_limit = day, limit
        self.paused_workdays, self.paused_since = 0, None
        self.colour, self.missed_deadline, self.escalation_level = Colour.GREEN, False, 0
        self.recompute_deadline(day)

    def extend_clock(self, extra: int, today: datetime.date) -> None:
        self.time_limit += extra
        self.recompute_deadline(today)

    def pause_clock(self, day: datetime.date) -> None:
        self.paused_since = day
        self.yellow_on = self.red_on = self.next_escalation_on = None

    def resume_clock(self, day: datetime.date) -> int:
        """Move the deadline by the working days paused, in (paused_since, day]."""
        paused = workdays.workdays_between(self.paused_since, day) if day > self.paused_since else 0
        self.paused_workdays += paused
        self.paused_since = None
        self.recompute_deadline(day)
        return paused

    def stop_clock(self) -> None:
        """The work is done (or out of the unit's hands): keep the deadline and colour as they were."""
        self.paused_since = None
        self.yellow_on = self.red_on = self.next_escalation_on = None

    def recompute_deadline(self, today: datetime.date) -> None:
        policy = self.deadline_policy()
        self.deadline = workdays.add_workdays(self.deadline_start, self.time_limit + self.paused_workdays)
        self.deadline_provisional = workdays.is_provisional(self.deadline)
        if self.paused_since is not None:
            return
        self.red_on = self.deadline + datetime.timedelta(days=1)
        self.yellow_on = yellow_day(self.deadline_start, self.deadline, self.time_limit, policy)
        self.colour = colour_on(today, self.yellow_on, self.red_on)
        if self.colour == Colour.RED:
            self.missed_deadline = True
        self.next_escalation_on = self.escalation_day(self.escalation_level)

    def escalation_day(self, level: int) -> datetime.date | None:
        """When the level after `level` is due, or None when there is none."""
        steps = self.deadline_policy().escalation_after
        if level >= len(steps) or self.deadline is None:
            return None
        return workdays.add_workdays(self.deadline, steps[level])

    def workdays_left(self, today: datetime.date) -> int | None:
        """Working days left after today (negative: working days late)."""
        if self.deadline is None:
            return None
        if today <= self.deadline:
            return workdays.workdays_between(today, self.deadline)
        return -workdays.workdays_between(self.deadline, today)
