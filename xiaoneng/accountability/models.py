"""问责 accountability: records of people (or units) held accountable, referrals, unit regulations.

A record is proposed (by a person or by the system, e.g. a failed Snail Award rectification),
then either decided by the center itself (forms it may impose) or referred (移送/提请) to the
discipline-inspection and supervision organs or the personnel authority, whose decision comes
back with its document number (文号). See docs/accountability.md.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from xiaoneng.org.models import Person, Unit


class AccountabilityForm(models.TextChoices):
    REMINDER_TALK = "reminder_talk", _("reminder talk")
    ADMONITION_TALK = "admonition_talk", _("admonition talk")
    CRITICAL_NOTICE = "critical_notice", _("critical notice")
    WRITTEN_CHECK = "written_check", _("ordered written self-examination")
    REASSIGNMENT = "reassignment", _("reassignment")
    REMOVAL = "removal", _("removal from post")
    LOSS_OF_AWARD_ELIGIBILITY = "loss_of_award_eligibility", _("loss of award eligibility")
    OTHER = "other", pgettext_lazy("accountability form", "other")


# Forms that may fall on a unit alone (no person named).
UNIT_LEVEL_FORMS = frozenset(
    {AccountabilityForm.LOSS_OF_AWARD_ELIGIBILITY, AccountabilityForm.CRITICAL_NOTICE}
)


class Authority(models.TextChoices):
    CENTER = "center", _("efficiency center")
    DISCIPLINE = "discipline", _("discipline inspection and supervision organs")
    PERSONNEL = "personnel", _("personnel authority")


# Who decides each form: the center itself, or the organ it refers the record to. Admonition
# talks, reassignment and removal are cadre-management measures outside the center's powers.
DECIDING_AUTHORITY = {
    AccountabilityForm.REMINDER_TALK: Authority.CENTER,
    AccountabilityForm.ADMONITION_TALK: Authority.DISCIPLINE,
    AccountabilityForm.CRITICAL_NOTICE: Authority.CENTER,
    AccountabilityForm.WRITTEN_CHECK: Authority.CENTER,
    AccountabilityForm.REASSIGNMENT: Authority.PERSONNEL,
    AccountabilityForm.REMOVAL: Authority.PERSONNEL,
    AccountabilityForm.LOSS_OF_AWARD_ELIGIBILITY: Authority.CENTER,
    AccountabilityForm.OTHER: Authority.CENTER,
}


class RecordState(models.TextChoices):
    PROPOSED = "proposed", pgettext_lazy("accountability state", "proposed")
    DECIDED = "decided", pgettext_lazy("accountability state", "decided by the center")
    REFERRED = "referred", pgettext_lazy("accountability state", "referred")
    CONCLUDED = "concluded", pgettext_lazy("accountability state", "decided by the outside organ")
    DISMISSED = "dismissed", pgettext_lazy("accountability state", "not held accountable")


EVENT_LABELS = {
    "accountability.proposed": _("accountability proposed"),
    "accountability.decided": _("decided by the center"),
    "accountability.referred": _("referred to the deciding organ"),
    "accountability.concluded": _("outside decision recorded"),
    "accountability.dismissed": _("not held accountable"),
}


class Regulation(models.Model):
    """A unit's regulation on accountability, e.g. 城管局《城市长效管理工作奖惩问责规定》."""

    title = models.CharField(_("title"), max_length=200)
    issuer = models.ForeignKey(Unit, models.PROTECT, related_name="regulations", verbose_name=_("issuer"))
    doc_no = models.CharField(_("document number"), max_length=60, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    is_active = models.BooleanField(_("in force"), default=True)

    class Meta:
        verbose_name = _("accountability regulation")
        verbose_name_plural = _("accountability regulations")
        ordering = ["issuer__code", "title"]

    def __str__(self) -> str:
        return f"《{self.title}》"


class ItemKind(models.TextChoices):
    MATTER = "matter", _("accountable matter")
    SITUATION = "situation", _("quantified situation")


class RegulationItem(models.Model):
    """One itemised matter or quantified situation, mapped to a form and points."""

    regulation = models.ForeignKey(
        Regulation, models.CASCADE, related_name="items", verbose_name=_("regulation")
    )
    number = models.CharField(_("clause"), max_length=40, help_text=_("e.g. 第五条第（三）项"))
    kind = models.CharField(_("kind"), max_length=16, choices=ItemKind.choices)
    text = models.TextField(_("text"))
    threshold = models.PositiveSmallIntegerField(
        _("threshold"),
        null=True,
        blank=True,
        help_text=_("For a quantified situation: how many occurrences in a year trigger it."),
    )
    form = models.CharField(_("form"), max_length=32, choices=AccountabilityForm.choices)
    points = models.DecimalField(
        _("points"),
        max_digits=7,
        decimal_places=2,
        default=Decimal("0"),
        help_text=_("Signed deduction for the person's ledger (0 = none)."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("regulation item")
        verbose_name_plural = _("regulation items")
        ordering = ["regulation", "sort_order", "pk"]
        constraints = [models.CheckConstraint(condition=Q(points__lte=0), name="acc_item_points_deduction")]

    def __str__(self) -> str:
        return f"{self.regulation} {self.number}"

    @property
    def clause(self) -> str:
        return f"{self.regulation}{self.number}"


class RecordQuerySet(models.QuerySet):
    def visible_to(self, user) -> models.QuerySet:
        from xiaoneng.org.access import sees_all_units

        if sees_all_units(user):
            return self
        unit = getattr(user, "unit", None) if user.is_authenticated else None
        return self.none() if unit is None else self.filter(unit__path__startswith=unit.path)

    def held(self) -> models.QuerySet:
        """Records where someone was in fact held accountable (by the center or the outside organ)."""
        outside = Q(state=RecordState.CONCLUDED) & ~Q(outside_form="")
        return self.filter(Q(state=RecordState.DECIDED) | outside)


class AccountabilityRecord(models.Model):
    """问责记录: one person (or, for unit-level forms, one unit) and one form."""

    person = models.ForeignKey(
        Person,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="accountability_records",
        verbose_name=_("person"),
    )
    unit = models.ForeignKey(
        Unit, models.PROTECT, related_name="accountability_records", verbose_name=_("unit")
    )
    form = models.CharField(_("form"), max_length=32, choices=AccountabilityForm.choices)
    reason = models.TextField(_("reason"))
    clause = models.CharField(_("clause applied"), max_length=255, blank=True)
    regulation_item = models.ForeignKey(
        RegulationItem,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="records",
        verbose_name=_("regulation item"),
    )
    source_type = models.ForeignKey(ContentType, models.PROTECT, null=True, blank=True, related_name="+")
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    source_text = models.CharField(_("source"), max_length=255, blank=True)
    source_url = models.CharField(_("source link"), max_length=500, blank=True)
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposer"),
    )
    proposed_at = models.DateTimeField(_("proposed at"))
    state = models.CharField(
        _("state"), max_length=16, choices=RecordState.choices, default=RecordState.PROPOSED
    )
    authority = models.CharField(_("deciding authority"), max_length=16, choices=Authority.choices)
    # The center's own decision, or its referral.
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_on = models.DateField(_("date"), null=True, blank=True)
    doc_no = models.CharField(_("document number"), max_length=60, blank=True)
    referral_note = models.TextField(_("referral"), blank=True)
    # The outside organ's decision (文号); a blank outside_form means it held nobody accountable.
    outside_form = models.CharField(
        _("outside decision form"), max_length=32, blank=True, choices=AccountabilityForm.choices
    )
    outside_decision = models.TextField(_("outside decision"), blank=True)
    outside_doc_no = models.CharField(_("outside document number"), max_length=60, blank=True)
    outside_decided_on = models.DateField(_("outside decision date"), null=True, blank=True)
    dismissal_reason = models.TextField(_("reason not held"), blank=True)

    objects = RecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("accountability record")
        verbose_name_plural = _("accountability records")
        ordering = ["-proposed_at", "-pk"]
        permissions = [
            ("propose_accountability", _("Propose accountability")),
            ("decide_accountability", _("Decide or refer accountability")),
        ]
        indexes = [models.Index(fields=["state", "decided_on"], name="acc_record_state_date")]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | Q(form__in=sorted(f.value for f in UNIT_LEVEL_FORMS)),
                name="acc_record_person_or_unit_form",
            ),
            models.CheckConstraint(
                condition=Q(source_type__isnull=True, source_id__isnull=True)
                | Q(source_type__isnull=False, source_id__isnull=False),
                name="acc_record_source_complete",
            ),
            models.CheckConstraint(
                condition=Q(state=RecordState.PROPOSED) | Q(decided_on__isnull=False),
                name="acc_record_decision_dated",
            ),
        ]

    def __str__(self) -> str:
        who = self.person.name if self.person_id else self.unit.short_name
        return f"{who} · {self.get_form_display()}"

    def get_absolute_url(self) -> str:
        return reverse("accountability:detail", args=[self.pk])

    @property
    def effective_form(self) -> str:
        return self.outside_form if self.state == RecordState.CONCLUDED else self.form

    @property
    def center_decides(self) -> bool:
        return self.authority == Authority.CENTER
