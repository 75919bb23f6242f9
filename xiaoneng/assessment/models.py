"""Annual assessment (年度考核): years, unit groups and appeals (申诉) against ledger entries.

Scores live in the score ledger (xiaoneng.scoring); this app adds the frame they are read in
(base score, groups, caps per unit) and the appeal procedure. Standings are computed, never
stored: see standings.py and docs/assessment.md.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from xiaoneng.org.models import Unit
from xiaoneng.scoring.models import LedgerEntry, ScopedQuerySet, ScoreProposal

POINTS = {"max_digits": 7, "decimal_places": 2}


class AssessmentYear(models.Model):
    """考核年度: the base score, the caps per unit, the appeal window and publication."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    title = models.CharField(_("title"), max_length=120)
    base_score = models.DecimalField(_("base score"), default=Decimal("100"), **POINTS)
    max_deduction = models.DecimalField(
        _("most deducted per unit"),
        null=True,
        blank=True,
        **POINTS,
        help_text=_(
            "Positive number; the deductions of one unit in the year count up to it. Empty = no cap."
        ),
    )
    max_bonus = models.DecimalField(
        _("most added per unit"),
        null=True,
        blank=True,
        **POINTS,
        help_text=_("Positive number; the bonuses of one unit in the year count up to it. Empty = no cap."),
    )
    appeal_workdays = models.PositiveSmallIntegerField(
        _("appeal window (working days)"),
        default=5,
        help_text=_("A unit may appeal an entry within this many working days after its approval."),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("assessment year")
        verbose_name_plural = _("assessment years")
        ordering = ["-year"]
        permissions = [("publish_standings", _("Publish standings on the portal"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_deduction__isnull=True) | Q(max_deduction__gt=0),
                name="assessment_year_max_deduction_positive",
            ),
            models.CheckConstraint(
                condition=Q(max_bonus__isnull=True) | Q(max_bonus__gt=0),
                name="assessment_year_max_bonus_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("assessment:standings", args=[self.year])

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class UnitGroup(models.Model):
    """考核组别, e.g. 重点部门单位, 乡镇, 站所: units are ranked within their group."""

    assessment_year = models.ForeignKey(
        AssessmentYear, models.CASCADE, related_name="groups", verbose_name=_("assessment year")
    )
    name = models.CharField(_("name"), max_length=60)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    units = models.ManyToManyField(
        Unit, through="GroupMembership", related_name="assessment_groups", verbose_name=_("units")
    )

    class Meta:
        verbose_name = _("unit group")
        verbose_name_plural = _("unit groups")
        ordering = ["assessment_year", "sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["assessment_year", "name"], name="assessment_group_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class GroupMembership(models.Model):
    """A unit belongs to at most one group in a year (the year is repeated to enforce it)."""

    assessment_year = models.ForeignKey(AssessmentYear, models.CASCADE, related_name="+")
    group = models.ForeignKey(UnitGroup, models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("group membership")
        verbose_name_plural = _("group memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment_year", "unit"], name="assessment_one_group_per_unit_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.group} · {self.unit}"

    def save(self, *args, **kwargs) -> None:
        self.assessment_year_id = self.group.assessment_year_id
        super().save(*args, **kwargs)


class AppealState(models.TextChoices):
    FILED = "filed", pgettext_lazy("appeal state", "filed")
    GRANTED = "granted", pgettext_lazy("appeal state", "granted")
    REFUSED = "refused", pgettext_lazy("appeal state", "refused")


EVENT_LABELS = {
    "assessment.appeal_filed": _("appeal filed"),
    "assessment.appeal_granted": _("appeal granted; the entry is reversed"),
    "assessment.appeal_refused": _("appeal refused"),
    "assessment.published": _("standings published"),
    "assessment.unpublished": _("standings withdrawn"),
}


class AppealQuerySet(ScopedQuerySet):
    pass


class Appeal(models.Model):
    """申诉: a unit contests one ledger entry; the center grants (reversing entry) or refuses it."""

    # One appeal per entry (a refusal is final): the one-to-one enforces it on every engine.
    entry = models.OneToOneField(LedgerEntry, models.PROTECT, related_name="appeal", verbose_name=_("entry"))
    # The entry's subject, copied so appeals are scoped like ledger entries.
    unit = models.ForeignKey(Unit, models.PROTECT, null=True, blank=True, related_name="+")
    person = models.ForeignKey("org.Person", models.PROTECT, null=True, blank=True, related_name="+")
    grounds = models.TextField(_("grounds"))
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("filed by")
    )
    filed_at = models.DateTimeField(_("filed at"))
    state = models.CharField(
        _("state"), max_length=16, choices=AppealState.choices, default=AppealState.FILED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    reversal = models.OneToOneField(
        ScoreProposal,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="appeal",
        verbose_name=_("reversing entry"),
    )

    objects = AppealQuerySet.as_manager()

    class Meta:
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        ordering = ["-filed_at", "-pk"]
        permissions = [("file_appeal", _("Appeal ledger entries")), ("decide_appeal", _("Decide appeals"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(state=AppealState.FILED, decided_at__isnull=True)
                | Q(state=AppealState.GRANTED, decided_at__isnull=False, reversal__isnull=False)
                | Q(state=AppealState.REFUSED, decided_at__isnull=False) & ~Q(decision_reason=""),
                name="assessment_appeal_decision_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Appeal')} #{self.pk} · {self.entry.rule.name}"

    def get_absolute_url(self) -> str:
        return reverse("assessment:appeal_detail", args=[self.pk])

    @property
    def subject(self):
        return self.unit if self.unit_id else self.person


def appeal_deadline(entry: LedgerEntry, window: int) -> datetime.date:
    """The last working day on which `entry` may be appealed."""
    from xiaoneng.calendar.service import add_workdays

    return add_workdays(timezone.localtime(entry.approved_at).date(), window)
