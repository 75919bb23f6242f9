"""The score ledger (考核记分): rules, proposals and the append-only ledger they become.

Every mechanism that affects an assessment (complaints, commitments, inspections, snail
awards, achievements) goes through one door: it files a ScoreProposal, a permitted person
approves or refuses it, and only an approval writes a LedgerEntry. See docs/scoring.md.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from xiaoneng.org.models import Person, Unit

POINTS_DIGITS = 7
POINTS_PLACES = 2

# A unit or a person, never both, never neither.
EXACTLY_ONE_SUBJECT = Q(unit__isnull=False, person__isnull=True) | Q(unit__isnull=True, person__isnull=False)
SOURCE_COMPLETE = Q(source_type__isnull=True, source_id__isnull=True) | Q(
    source_type__isnull=False, source_id__isnull=False
)


class RuleKind(models.TextChoices):
    DEDUCTION = "deduction", _("deduction")
    BONUS = "bonus", _("bonus")


def sign_error(kind: str, points: Decimal) -> str | None:
    """Why `points` cannot go with a rule of `kind` (deductions negative, bonuses positive)."""
    if kind == RuleKind.DEDUCTION and not points < 0:
        return _("A deduction must have negative points.")
    if kind == RuleKind.BONUS and not points > 0:
        return _("A bonus must have positive points.")
    return None


class ScoreRule(models.Model):
    """考核记分规则: what a deduction or bonus is given for, and how much by default."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=16, choices=RuleKind.choices)
    default_points = models.DecimalField(
        _("default points"), max_digits=POINTS_DIGITS, decimal_places=POINTS_PLACES,
        help_text=_("Signed: negative for a deduction, positive for a bonus."),
    )
    description = models.TextField(_("description"), blank=True)
    basis = models.TextField(_("basis document"), blank=True,
                             help_text=_("The document and clause this rule rests on."))
    is_active = models.BooleanField(pgettext_lazy("rule", "active"), default=True)
    cap_per_unit_year = models.DecimalField(
        _("cap per unit and year"), max_digits=POINTS_DIGITS, decimal_places=POINTS_PLACES,
        null=True, blank=True,
        help_text=_("Most points (as a positive number) one unit can gain or lose under this rule "
                    "in a year; empty = no cap. Applied when standings are computed."),
    )

    class Meta:
        verbose_name = _("score rule")
        verbose_name_plural = _("score rules")
        ordering = ["kind", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind=RuleKind.DEDUCTION, default_points__lt=0)
                | Q(kind=RuleKind.BONUS, default_points__gt=0),
                name="scoring_rule_points_sign",
            ),
            models.CheckConstraint(condition=Q(cap_per_unit_year__isnull=True) | Q(cap_per_unit_year__gt=0),
                                   name="scoring_rule_cap_positive"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.default_points is not None and (error := sign_error(self.kind, self.default_points)):
            raise ValidationError({"default_points": error})


class ProposalState(models.TextChoices):
    # A context keeps these short words apart from other apps' "approved" or "refused".
    PROPOSED = "proposed", pgettext_lazy("score proposal state", "proposed")
    APPROVED = "approved", pgettext_lazy("score proposal state", "approved")
    REFUSED = "refused", pgettext_lazy("score proposal state", "refused")


# The trace events the actions leave on a proposal.
EVENT_LABELS = {
    "scoring.proposed": _("proposal made"),
    "scoring.approved": _("proposal approved"),
    "scoring.refused": _("proposal refused"),
}


class ScopedQuerySet(models.QuerySet):
    def for_unit_subtree(self, unit: Unit) -> models.QuerySet:
        """Entries of the unit's subtree: its units' own and those of their persons."""
        return self.filter(Q(unit__path__startswith=unit.path) | Q(person__unit__path__startswith=unit.path))

    def visible_to(self, user) -> models.QuerySet:
        from xiaoneng.org.access import sees_all_units

        if sees_all_units(user):
            return self
        unit = getattr(user, "unit", None) if user.is_authenticated else None
        return self.none() if unit is None else self.for_unit_subtree(unit)


class ScoreProposal(models.Model):
    """记分建议: a deduction or bonus waiting for a permitted person to approve or refuse it."""

    unit = models.ForeignKey(Unit, models.PROTECT, null=True, blank=True, related_name="score_proposals",
                             verbose_name=_("unit"))
    person = models.ForeignKey(Person, models.PROTECT, null=True, blank=True,
                               related_name="score_proposals", verbose_name=_("person"))
    rule = models.ForeignKey(ScoreRule, models.PROTECT, related_name="proposals", verbose_name=_("rule"))
    points = models.DecimalField(_("points"), max_digits=POINTS_DIGITS, decimal_places=POINTS_PLACES)
    year = models.PositiveSmallIntegerField(_("assessment year"))
    source_type = models.ForeignKey(ContentType, models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("source type"))
    source_id = models.PositiveBigIntegerField(_("source id"), null=True, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    source_text = models.CharField(_("source"), max_length=255, blank=True)
    source_url = models.CharField(_("source link"), max_length=500, blank=True)
    reason = models.TextField(_("reason"))
    # None: proposed by the system (a scanner), not by a person.
    proposer = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True,
                                 related_name="score_proposals", verbose_name=_("proposer"))
    proposed_at = models.DateTimeField(_("proposed at"))
    state = models.CharField(_("state"), max_length=16, choices=ProposalState.choices,
                             default=ProposalState.PROPOSED)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    refusal_reason = models.TextField(_("reason for refusal"), blank=True)
    # "rule:source:subject" while the proposal stands; NULL once refused or without a source.
    # A plain unique column (NULLs never collide on any engine) makes re-running a scanner
    # idempotent without partial indexes, and lets a refused proposal be proposed again.
    dedupe_key = models.CharField(max_length=120, null=True, blank=True, unique=True, editable=False)
    # An offsetting proposal (e.g. a granted appeal): the entry it cancels, with opposite points.
    reverses = models.ForeignKey("LedgerEntry", models.PROTECT, null=True, blank=True,
                                 related_name="reversal_proposals", verbose_name=_("reverses"))

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("score proposal")
        verbose_name_plural = _("score proposals")
        ordering = ["-proposed_at", "-pk"]
        permissions = [
            ("propose_entry", _("Propose score ledger entries")),
            ("decide_proposal", _("Approve or refuse score proposals")),
        ]
        indexes = [
            models.Index(fields=["state", "year"], name="scoring_prop_state_year"),
            models.Index(fields=["unit", "state"], name="scoring_prop_unit_state"),
        ]
        constraints = [
            models.CheckConstraint(condition=EXACTLY_ONE_SUBJECT, name="scoring_proposal_one_subject"),
            models.CheckConstraint(condition=SOURCE_COMPLETE, name="scoring_proposal_source_complete"),
            models.CheckConstraint(condition=~Q(points=0), name="scoring_proposal_points_nonzero"),
            models.CheckConstraint(
                condition=Q(state=ProposalState.PROPOSED, decided_at__isnull=True)
                | Q(state=ProposalState.APPROVED, decided_at__isnull=False)
                | (Q(state=ProposalState.REFUSED, decided_at__isnull=False, dedupe_key__isnull=True)
                   & ~Q(refusal_reason="")),
                name="scoring_proposal_decision_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject} · {self.rule} · {self.points:+}"

    def get_absolute_url(self) -> str:
        return reverse("scoring:proposal_detail", args=[self.pk])

    @property
    def subject(self) -> Unit | Person:
        return self.unit if self.unit_id else self.person

    @staticmethod
    def make_dedupe_key(rule: ScoreRule, source_type: ContentType | None, source_id: int | None,
                        unit: Unit | None, person: Person | None) -> str | None:
        if source_type is None:
            return None  # A manual proposal without a source record is never a duplicate.
        subject = f"u{unit.pk}" if unit is not None else f"p{person.pk}"
        return f"{rule.pk}:{source_type.pk}:{source_id}:{subject}"

    @property
    def is_open(self) -> bool:
        return self.state == ProposalState.PROPOSED


class AppendOnlyError(Exception):
    """Ledger entries are never changed or deleted; a wrong one is offset by a new entry."""


class LedgerQuerySet(ScopedQuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("ledger entries cannot be updated")

    def delete(self):
        raise AppendOnlyError("ledger entries cannot be deleted")

    def bulk_update(self, objs, fields, batch_size=None):
        raise AppendOnlyError("ledger entries cannot be updated")

    def update_or_create(self, *args, **kwargs):
        raise AppendOnlyError("ledger entries cannot be updated")

    def totals_by_unit(self, year: int) -> models.QuerySet:
        """One aggregate query: each unit's total, deductions, bonuses and entry count for a year."""
        return (
            self.filter(year=year, unit__isnull=False)
            .values("unit", "unit__name", "unit__code")
            .annotate(
                total=Sum("points"),
                deductions=Sum("points", filter=Q(points__lt=0), default=Decimal("0")),
                bonuses=Sum("points", filter=Q(points__gt=0), default=Decimal("0")),
                entries=Count("pk"),
            )
            .order_by("-total", "unit__code")
        )


class LedgerEntry(models.Model):
    """考核记分: an approved deduction or bonus. Append-only."""

    unit = models.ForeignKey(Unit, models.PROTECT, null=True, blank=True, related_name="ledger_entries",
                             verbose_name=_("unit"))
    person = models.ForeignKey(Person, models.PROTECT, null=True, blank=True,
                               related_name="ledger_entries", verbose_name=_("person"))
    rule = models.ForeignKey(ScoreRule, models.PROTECT, related_name="entries", verbose_name=_("rule"))
    points = models.DecimalField(_("points"), max_digits=POINTS_DIGITS, decimal_places=POINTS_PLACES)
    year = models.PositiveSmallIntegerField(_("assessment year"))
    source_type = models.ForeignKey(ContentType, models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("source type"))
    source_id = models.PositiveBigIntegerField(_("source id"), null=True, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    source_text = models.CharField(_("source"), max_length=255, blank=True)
    source_url = models.CharField(_("source link"), max_length=500, blank=True)
    reason = models.TextField(_("reason"))
    proposal = models.OneToOneField(ScoreProposal, models.PROTECT, related_name="entry",
                                    verbose_name=_("proposal"))
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+",
                                    verbose_name=_("approved by"))
    approved_at = models.DateTimeField(_("approved at"))
    # An entry is reversed at most once (the unique one-to-one enforces it on every engine).
    reverses = models.OneToOneField("self", models.PROTECT, null=True, blank=True,
                                    related_name="reversed_by", verbose_name=_("reverses"))

    objects = LedgerQuerySet.as_manager()

    class Meta:
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        ordering = ["-approved_at", "-pk"]
        indexes = [
            # Covers the standings aggregate (year = ? GROUP BY unit, rule, SUM(points)): an
            # index-only scan in key order, no table look-ups and no sort (bench/standings_bench.py).
            models.Index(fields=["year", "unit", "rule", "points"], name="scoring_entry_standings"),
            models.Index(fields=["year", "person"], name="scoring_entry_year_person"),
        ]
        constraints = [
            models.CheckConstraint(condition=EXACTLY_ONE_SUBJECT, name="scoring_entry_one_subject"),
            models.CheckConstraint(condition=SOURCE_COMPLETE, name="scoring_entry_source_complete"),
        ]

    def __str__(self) -> str:
        return f"{self.subject} · {self.rule} · {self.points:+}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise AppendOnlyError("ledger entries cannot be changed")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("ledger entries cannot be deleted")

    @property
    def subject(self) -> Unit | Person:
        return self.unit if self.unit_id else self.person
