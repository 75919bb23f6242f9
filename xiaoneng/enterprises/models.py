"""Enterprise support (百企帮扶): the watchlist, problems by type tracked as matters, watched
indicators with thresholds, warning rules, and the monthly coordination meeting (会办会)."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from xiaoneng.org.models import Target, Unit


def new_public_id() -> str:
    return secrets.token_hex(10)


class WatchItem(models.Model):
    """重点企业、重点项目跟踪: a key enterprise or project on the watchlist."""

    target = models.OneToOneField(Target, models.PROTECT, related_name="watch_item")
    unit = models.ForeignKey(
        Unit, models.PROTECT, related_name="watched_targets", verbose_name=_("responsible unit")
    )
    reason = models.CharField(_("why watched"), max_length=200, blank=True)
    added_on = models.DateField(_("added on"))
    is_active = models.BooleanField(_("watched"), default=True)

    class Meta:
        verbose_name = _("watched target")
        verbose_name_plural = _("watchlist")
        ordering = ["target__kind", "target__name"]
        permissions = [
            ("manage_watchlist", "Can change the watchlist and record indicators"),
            ("record_problem", "Can record enterprise problems"),
            ("hold_meeting", "Can hold the coordination meeting and record its decisions"),
        ]

    def __str__(self) -> str:
        return self.target.name


class ProblemType(models.Model):
    """问题类型 as data: 电能补助, 资金短缺, 厂房土地登记, 其他 …"""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=60)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(pgettext_lazy("problem type", "active"), default=True)

    class Meta:
        verbose_name = _("problem type")
        verbose_name_plural = _("problem types")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name


class EnterpriseProblem(models.Model):
    """企业问题: one problem of one enterprise or project, handled as a matter of kind "enterprise"."""

    public_id = models.CharField(max_length=20, unique=True, default=new_public_id, editable=False)
    target = models.ForeignKey(Target, models.PROTECT, related_name="enterprise_problems")
    type = models.ForeignKey(ProblemType, models.PROTECT, related_name="problems", verbose_name=_("type"))
    title = models.CharField(pgettext_lazy("problem", "title"), max_length=200)
    description = models.TextField(pgettext_lazy("problem", "description"), blank=True)
    reported_on = models.DateField(_("reported on"))
    unit = models.ForeignKey(
        Unit, models.PROTECT, related_name="enterprise_problems", verbose_name=_("responsible unit")
    )
    matter = models.OneToOneField("matters.Matter", models.PROTECT, related_name="enterprise_problem")
    # Set when the matter is verified as resolved: what the "solved" figures count.
    solved_on = models.DateField(_("solved on"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+")

    class Meta:
        verbose_name = _("enterprise problem")
        verbose_name_plural = _("enterprise problems")
        ordering = ["-reported_on", "-pk"]
        indexes = [models.Index(fields=["type", "solved_on"]), models.Index(fields=["target", "reported_on"])]

    def __str__(self) -> str:
        return f"{self.target.name}：{self.title}"

    def get_absolute_url(self) -> str:
        return reverse("enterprises:problem", args=[self.public_id])

    @property
    def is_open(self) -> bool:
        from xiaoneng.matters.models import State

        return self.solved_on is None and self.matter.state not in (State.CLOSED, State.REJECTED)


class Indicator(models.Model):
    """A watched indicator (e.g. 月用电量) with its warning threshold."""

    class Direction(models.TextChoices):
        BELOW = "below", _("warn below the threshold")
        ABOVE = "above", _("warn above the threshold")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=60)
    measure = models.CharField(_("unit of measure"), max_length=20, blank=True)
    direction = models.CharField(_("direction"), max_length=8, choices=Direction.choices)
    threshold = models.DecimalField(_("threshold"), max_digits=16, decimal_places=2)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    def crossed(self, value) -> bool:
        return value < self.threshold if self.direction == self.Direction.BELOW else value > self.threshold


class IndicatorValue(models.Model):
    """A recorded value of an indicator for a watched target and period (month)."""

    indicator = models.ForeignKey(Indicator, models.PROTECT, related_name="values")
    target = models.ForeignKey(Target, models.PROTECT, related_name="indicator_values")
    period = models.DateField(_("period (first day)"))
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=2)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+")

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        ordering = ["-period"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "target", "period"], name="enterprises_indicator_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator.name} {self.period:%Y-%m} {self.value}"


class WarningRule(models.Model):
    """预警规则 as data: a problem open too long, repeated problems, an indicator crossing its threshold."""

    class Kind(models.TextChoices):
        OPEN_TOO_LONG = "open_too_long", _("problem open too long")
        REPEATED = "repeated", _("repeated problems of one enterprise")
        INDICATOR = "indicator", _("indicator crossing its threshold")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=80)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    days = models.PositiveSmallIntegerField(
        _("days"), default=30, help_text=_("open longer than / within how many days")
    )
    count = models.PositiveSmallIntegerField(_("problems"), default=3)
    is_active = models.BooleanField(pgettext_lazy("warning rule", "active"), default=True)

    class Meta:
        verbose_name = _("warning rule")
        verbose_name_plural = _("warning rules")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Meeting(models.Model):
    """企业问题集中会办会: the monthly meeting; its agenda is the problems open when it was called."""

    public_id = models.CharField(max_length=20, unique=True, default=new_public_id, editable=False)
    title = models.CharField(pgettext_lazy("meeting", "title"), max_length=120)
    held_on = models.DateField(_("held on"))
    unit = models.ForeignKey(
        Unit, models.PROTECT, related_name="coordination_meetings", verbose_name=_("convening unit")
    )
    agenda = models.ManyToManyField(EnterpriseProblem, related_name="meetings", blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("coordination meeting")
        verbose_name_plural = _("coordination meetings")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("enterprises:meeting", args=[self.public_id])


class Decision(models.Model):
    """议定事项: one decision of a meeting, a matter for a unit with a deadline."""

    meeting = models.ForeignKey(Meeting, models.PROTECT, related_name="decisions")
    problem = models.ForeignKey(
        EnterpriseProblem, models.PROTECT, null=True, blank=True, related_name="decisions"
    )
    text = models.TextField(pgettext_lazy("meeting", "decision"))
    unit = models.ForeignKey(
        Unit, models.PROTECT, related_name="meeting_decisions", verbose_name=_("responsible unit")
    )
    deadline = models.DateField(_("deadline"))
    matter = models.OneToOneField("matters.Matter", models.PROTECT, related_name="meeting_decision")

    class Meta:
        verbose_name = pgettext_lazy("meeting", "decision")
        verbose_name_plural = _("decisions")
        ordering = ["meeting", "pk"]

    def __str__(self) -> str:
        return self.text[:60]
