"""服务活动: service activities (bank–enterprise signings, training courses, expert consultations),
their participants with per-participant values, and figure definitions over those values."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from xiaoneng.org.models import EnterpriseSize, Target, Unit, Zone


def new_public_id() -> str:
    return secrets.token_hex(10)


class ActivityKind(models.TextChoices):
    SIGNING = "signing", _("bank–enterprise signing")
    TRAINING = "training", _("training course")
    CONSULTATION = "consultation", _("expert consultation")
    OTHER = "other", pgettext_lazy("activity kind", "other")


class Activity(models.Model):
    public_id = models.CharField(max_length=20, unique=True, default=new_public_id, editable=False)
    kind = models.CharField(_("kind"), max_length=16, choices=ActivityKind.choices)
    title = models.CharField(pgettext_lazy("activity", "title"), max_length=160)
    held_on = models.DateField(_("held on"))
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="activities", verbose_name=_("organiser"))
    place = models.CharField(_("place"), max_length=120, blank=True)
    description = models.TextField(pgettext_lazy("activity", "description"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+")

    class Meta:
        verbose_name = _("service activity")
        verbose_name_plural = _("service activities")
        ordering = ["-held_on", "-pk"]
        permissions = [
            ("manage_activity", "Can record service activities and import participants"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("activities:detail", args=[self.public_id])


class Role(models.TextChoices):
    ENTERPRISE = "enterprise", _("enterprise")
    BANK = "bank", _("bank")
    MICROLOAN = "microloan", _("microloan company")
    TRAINEE = "trainee", _("trainee")
    EXPERT = "expert", _("expert")
    HOUSEHOLD = "household", _("household")


class Participant(models.Model):
    """One party of an activity, with the values its figures count (as they were on the day)."""

    activity = models.ForeignKey(Activity, models.CASCADE, related_name="participants")
    role = models.CharField(_("role"), max_length=12, choices=Role.choices)
    name = models.CharField(_("name"), max_length=120)
    target = models.ForeignKey(Target, models.PROTECT, null=True, blank=True, related_name="activity_parts")
    amount = models.DecimalField(_("amount (yuan)"), max_digits=16, decimal_places=2, null=True, blank=True)
    headcount = models.PositiveIntegerField(_("person-times"), default=1)
    is_first_time = models.BooleanField(_("first time"), default=False)
    size = models.CharField(_("size"), max_length=8, choices=EnterpriseSize.choices, blank=True)
    is_industrial = models.BooleanField(_("industrial"), default=False)
    is_above_scale = models.BooleanField(_("above designated scale"), default=False)
    zone = models.CharField(_("zone"), max_length=20, choices=Zone.choices, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["activity", "role", "pk"]
        indexes = [models.Index(fields=["activity", "role"])]

    def __str__(self) -> str:
        return self.name


class Measure(models.TextChoices):
    COUNT = "count", _("count")
    SUM = "sum", _("sum")
    SHARE_COUNT = "share_count", _("share by count")
    SHARE_SUM = "share_sum", _("share by sum")


class FigureDefinition(models.Model):
    """One figure of an activity kind, e.g. 工业企业占比: share by count of the participants matching
    `subset` among those matching `denominator` (which must be named: all enterprises, or a subset
    such as industrial enterprises, since "其中" can mean either). Filters are JSON objects whose
    keys are whitelisted participant fields (see figures.FILTER_FIELDS)."""

    kind = models.CharField(_("activity kind"), max_length=16, choices=ActivityKind.choices)
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=80)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    measure = models.CharField(_("measure"), max_length=12, choices=Measure.choices)
    field = models.CharField(
        _("summed field"),
        max_length=16,
        blank=True,
        choices=[("amount", _("amount (yuan)")), ("headcount", _("person-times"))],
    )
    subset = models.JSONField(_("counted participants"), default=dict, blank=True)
    denominator = models.JSONField(_("denominator"), default=dict, blank=True)
    denominator_name = models.CharField(_("denominator, in words"), max_length=80, blank=True)
    scale = models.DecimalField(
        _("divide by"),
        max_digits=16,
        decimal_places=2,
        default=1,
        help_text=_("e.g. 100000000 to show yuan as 亿元"),
    )
    decimals = models.PositiveSmallIntegerField(_("decimals"), default=0)
    # Optional comparison: the same figure over all this kind's activities of the previous year
    # ("是2012年全年签约额的90%").
    compare_previous_year = models.BooleanField(_("compare with the whole previous year"), default=False)

    class Meta:
        verbose_name = _("figure definition")
        verbose_name_plural = _("figure definitions")
        ordering = ["kind", "order", "code"]
        constraints = [models.UniqueConstraint(fields=["kind", "code"], name="activities_figure_code")]

    def __str__(self) -> str:
        return self.name
