"""三百工程 outreach: programmes, their tiers (as data), pairings of cadres with targets, and visits.

A tier says who visits (unit leaders, section chiefs, station staff), paired with what (target
kinds), how often (N visits per month, quarter or year, or by a due date) and whether the quota
is owed per pairing (every paired enterprise visited) or per person (N households a month in all).
"""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from xiaoneng.org.models import Person, Position, Target, TargetKind, Unit


def new_public_id() -> str:
    return secrets.token_hex(10)


class Programme(models.Model):
    """走访活动 (e.g. 2013年“三百工程提升行动”): one year's outreach with its tiers."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    year = models.PositiveSmallIntegerField(_("year"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    description = models.TextField(pgettext_lazy("programme", "description"), blank=True)
    is_public = models.BooleanField(_("shown on the public display"), default=True)

    class Meta:
        verbose_name = _("outreach programme")
        verbose_name_plural = _("outreach programmes")
        ordering = ["-year", "code"]
        permissions = [
            ("record_visit", "Can record outreach visits"),
            ("pair_target", "Can pair cadres with targets"),
            ("propose_outreach_score", "Can propose outreach shortfalls and awards to the ledger"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("outreach:programme", args=[self.code])


class VisitorGroup(models.TextChoices):
    LEADERS = "leaders", _("unit leaders")
    CHIEFS = "chiefs", _("section chiefs")
    STAFF = "staff", _("station staff")


# Which positions of Person belong to a visitor group.
GROUP_POSITIONS = {
    VisitorGroup.LEADERS: (Position.PRINCIPAL, Position.LEADERSHIP),
    VisitorGroup.CHIEFS: (Position.CHIEF,),
    VisitorGroup.STAFF: (Position.CHIEF, Position.STAFF),
}


class QuotaPeriod(models.TextChoices):
    BY_DATE = "by_date", _("by the due date")
    MONTH = "month", _("per month")
    QUARTER = "quarter", _("per quarter")
    YEAR = "year", _("per year")


class QuotaScope(models.TextChoices):
    PAIRING = "pairing", _("every paired target")
    PERSON = "person", _("each person in all")


class Tier(models.Model):
    """One of the programme's tiers, e.g. 百名科长联百企: chiefs, one SME or project each, ≥6 a year."""

    programme = models.ForeignKey(Programme, models.CASCADE, related_name="tiers")
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=120)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    visitor_group = models.CharField(_("who visits"), max_length=12, choices=VisitorGroup.choices)
    # Comma-separated TargetKind values (no array fields: portable to every engine).
    target_kinds = models.CharField(_("target kinds"), max_length=80)
    one_visitor_per_target = models.BooleanField(_("one visitor per target"), default=False)
    max_targets_per_person = models.PositiveSmallIntegerField(
        _("targets per person at most"), null=True, blank=True
    )
    quota_visits = models.PositiveSmallIntegerField(_("visits required"))
    quota_period = models.CharField(_("period"), max_length=10, choices=QuotaPeriod.choices)
    quota_scope = models.CharField(_("quota owed by"), max_length=10, choices=QuotaScope.choices)
    due_on = models.DateField(_("due on"), null=True, blank=True)

    class Meta:
        verbose_name = _("tier")
        verbose_name_plural = _("tiers")
        ordering = ["programme", "order", "code"]
        constraints = [models.UniqueConstraint(fields=["programme", "code"], name="outreach_tier_code")]

    def __str__(self) -> str:
        return self.name

    def kinds(self) -> list[str]:
        return [kind.strip() for kind in self.target_kinds.split(",") if kind.strip()]

    def kind_labels(self) -> str:
        labels = dict(TargetKind.choices)
        return "、".join(str(labels.get(kind, kind)) for kind in self.kinds())

    def positions(self) -> tuple[str, ...]:
        return GROUP_POSITIONS[self.visitor_group]

    def rule_text(self) -> str:
        if self.quota_period == QuotaPeriod.BY_DATE and self.due_on:
            return _("at least %(n)d visit(s) by %(date)s") % {
                "n": self.quota_visits,
                "date": self.due_on.isoformat(),
            }
        return _("at least %(n)d visit(s) %(period)s") % {
            "n": self.quota_visits,
            "period": self.get_quota_period_display(),
        }


class PairingQuerySet(models.QuerySet):
    def active_on(self, day: datetime.date) -> PairingQuerySet:
        return self.filter(started_on__lte=day).filter(
            models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=day)
        )


class Pairing(models.Model):
    """结对挂钩: a cadre paired with a target under a tier, from one day until ended."""

    tier = models.ForeignKey(Tier, models.PROTECT, related_name="pairings")
    person = models.ForeignKey(Person, models.PROTECT, related_name="outreach_pairings")
    # The person's unit when paired: scoping and the unit's compliance follow it.
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="outreach_pairings")
    target = models.ForeignKey(Target, models.PROTECT, related_name="outreach_pairings")
    started_on = models.DateField(_("paired on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+")

    objects = PairingQuerySet.as_manager()

    class Meta:
        verbose_name = _("pairing")
        verbose_name_plural = _("pairings")
        ordering = ["tier", "unit__path", "person__name"]
        indexes = [models.Index(fields=["tier", "target"]), models.Index(fields=["tier", "person"])]

    def __str__(self) -> str:
        return f"{self.person.name} — {self.target.name}"

    @property
    def is_active(self) -> bool:
        return self.ended_on is None


class Visit(models.Model):
    """上门走访: one visit of a paired target, what was found and what help was given."""

    public_id = models.CharField(max_length=20, unique=True, default=new_public_id, editable=False)
    pairing = models.ForeignKey(Pairing, models.PROTECT, related_name="visits")
    # Copied from the pairing so that compliance is one GROUP BY without joins.
    person = models.ForeignKey(Person, models.PROTECT, related_name="outreach_visits")
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="outreach_visits")
    target = models.ForeignKey(Target, models.PROTECT, related_name="outreach_visits")
    visited_on = models.DateField(pgettext_lazy("outreach", "visited on"))
    found = models.TextField(_("what was found"), blank=True)
    help_given = models.TextField(_("help given"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    matter = models.OneToOneField(
        "matters.Matter", models.PROTECT, null=True, blank=True, related_name="outreach_visit"
    )

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["-visited_on", "-pk"]
        indexes = [models.Index(fields=["unit", "visited_on"]), models.Index(fields=["person", "visited_on"])]

    def __str__(self) -> str:
        return f"{self.visited_on:%Y-%m-%d} {self.person.name} → {self.target.name}"

    def get_absolute_url(self) -> str:
        return reverse("outreach:visit", args=[self.public_id])


class Shortfall(models.Model):
    """未完成走访任务: a person's quota unmet in an ended period; the source of a ledger deduction."""

    tier = models.ForeignKey(Tier, models.PROTECT, related_name="shortfalls")
    person = models.ForeignKey(Person, models.PROTECT, related_name="outreach_shortfalls")
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="outreach_shortfalls")
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    required = models.PositiveSmallIntegerField(_("visits required"))
    done = models.PositiveSmallIntegerField(_("visits made"))
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("shortfall")
        verbose_name_plural = _("shortfalls")
        constraints = [
            models.UniqueConstraint(fields=["tier", "person", "period_start"], name="outreach_shortfall_once")
        ]

    def __str__(self) -> str:
        span = f"{self.period_start:%Y-%m-%d}–{self.period_end:%Y-%m-%d}"
        return f"{self.person.name} {span} {self.done}/{self.required}"


class Award(models.Model):
    """季度竞赛 result: a unit placed in a quarter's competition; the source of a ledger bonus."""

    programme = models.ForeignKey(Programme, models.PROTECT, related_name="awards")
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="outreach_awards")
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"))
    rank = models.PositiveSmallIntegerField(_("rank"))
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("competition award")
        verbose_name_plural = _("competition awards")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "year", "quarter", "unit"], name="outreach_award_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}Q{self.quarter} {self.unit.short_name} #{self.rank}"
