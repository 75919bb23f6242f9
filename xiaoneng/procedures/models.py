"""Trace-based case procedures (痕迹化办案): templates, cases, completed steps, discretion standards."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class EvidenceKind(models.TextChoices):
    PLAN = "plan", pgettext_lazy("evidence", "plan")
    ONSITE_RECORD = "onsite_record", pgettext_lazy("evidence", "on-site record")
    PHOTO_OR_VIDEO = "photo_or_video", pgettext_lazy("evidence", "photos or video")
    SIGNATURE = "signature", pgettext_lazy("evidence", "signature")
    DECISION = "decision", pgettext_lazy("evidence", "decision")
    SERVICE_RECEIPT = "service_receipt", pgettext_lazy("evidence", "service receipt")
    OTHER = "other", pgettext_lazy("evidence", "other")


class Circumstance(models.TextChoices):
    MINOR = "minor", pgettext_lazy("circumstance", "minor")
    ORDINARY = "ordinary", pgettext_lazy("circumstance", "ordinary")
    SERIOUS = "serious", pgettext_lazy("circumstance", "serious")


class ProcedureTemplate(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(pgettext_lazy("template", "active"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("procedure template")
        verbose_name_plural = _("procedure templates")

    def __str__(self) -> str:
        return self.name


class StepTemplate(models.Model):
    template = models.ForeignKey(ProcedureTemplate, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("name"), max_length=100)
    # Evidence kinds (EvidenceKind values) every completion of this step must carry.
    evidence_kinds = models.JSONField(_("required evidence"), default=list, blank=True)
    # Working days from the previous step (or the opening of the case) within which it is due.
    time_limit_workdays = models.PositiveSmallIntegerField(_("time limit (working days)"), null=True,
                                                           blank=True)
    # "The performer must differ from the performer of step N" (the reviewer is not the investigator).
    differs_from_order = models.PositiveSmallIntegerField(_("performer differs from step"), null=True,
                                                          blank=True)
    # A permission ("procedures.review_step") the performer must hold besides procedures.complete_step.
    permission = models.CharField(_("required permission"), max_length=100, blank=True)
    # A penalty decision: records violation, circumstance and amount, checked against the standards.
    is_penalty_decision = models.BooleanField(_("penalty decision"), default=False)

    class Meta:
        ordering = ["template", "order"]
        constraints = [models.UniqueConstraint(fields=["template", "order"], name="procedures_step_order")]
        verbose_name = _("step template")
        verbose_name_plural = _("step templates")

    def __str__(self) -> str:
        return f"{self.order}. {self.name}"

    def evidence_labels(self) -> list[str]:
        return [str(EvidenceKind(k).label) for k in self.evidence_kinds]


class DiscretionStandard(models.Model):
    """自由裁量基准: the fine range of one violation and circumstance in one unit (and its subtree)."""

    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="discretion_standards")
    violation_code = models.CharField(_("violation code"), max_length=40)
    violation_name = models.CharField(_("violation"), max_length=200)
    circumstance = models.CharField(_("circumstance"), max_length=10, choices=Circumstance.choices)
    min_amount = models.DecimalField(_("minimum fine"), max_digits=12, decimal_places=2)
    max_amount = models.DecimalField(_("maximum fine"), max_digits=12, decimal_places=2)
    # Strict: a decision outside the range is refused; otherwise it is recorded and flagged.
    strict = models.BooleanField(_("strict"), default=True)

    class Meta:
        ordering = ["unit", "violation_code", "circumstance"]
        constraints = [models.UniqueConstraint(fields=["unit", "violation_code", "circumstance"],
                                               name="procedures_standard_unique")]
        verbose_name = _("discretion standard")
        verbose_name_plural = _("discretion standards")

    def __str__(self) -> str:
        return f"{self.violation_code} {self.get_circumstance_display()} {self.min_amount}–{self.max_amount}"


def new_public_id() -> str:
    return "PC" + secrets.token_hex(6).upper()


class CaseState(models.TextChoices):
    OPEN = "open", pgettext_lazy("procedure case", "open")
    COMPLETED = "completed", pgettext_lazy("procedure case", "completed")


class ProcedureCase(models.Model):
    public_id = models.CharField(_("number"), max_length=20, unique=True, default=new_public_id,
                                 editable=False)
    template = models.ForeignKey(ProcedureTemplate, on_delete=models.PROTECT, related_name="cases")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="procedure_cases")
    title = models.CharField(pgettext_lazy("case", "title"), max_length=200)
    target = models.ForeignKey("org.Target", on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="procedure_cases")
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField(_("opened at"))
    state = models.CharField(_("state"), max_length=10, choices=CaseState.choices, default=CaseState.OPEN)

    class Meta:
        ordering = ["-opened_at", "-pk"]
        indexes = [models.Index(fields=["unit", "opened_at"])]
        permissions = [
            ("open_case", "Can open a procedure case"),
            ("complete_step", "Can complete a step of a procedure case"),
            ("review_step", "Can complete a review step of a procedure case"),
            ("export_case", "Can export a procedure case archive"),
            ("view_report", "Can view the procedure completeness report"),
        ]
        verbose_name = _("procedure case")
        verbose_name_plural = _("procedure cases")

    def __str__(self) -> str:
        return f"{self.public_id} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("procedures:detail", args=[self.public_id])

    def steps(self) -> list[StepTemplate]:
        return list(self.template.steps.all())

    def next_step(self) -> StepTemplate | None:
        done = set(self.completed_steps.values_list("step__order", flat=True))
        return next((s for s in self.steps() if s.order not in done), None)


class CompletedStep(models.Model):
    case = models.ForeignKey(ProcedureCase, on_delete=models.CASCADE, related_name="completed_steps")
    step = models.ForeignKey(StepTemplate, on_delete=models.PROTECT, related_name="+")
    performer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    completed_at = models.DateTimeField(_("completed at"))
    due_date = models.DateField(_("due"), null=True, blank=True)
    late = models.BooleanField(_("late"), default=False)
    note = models.TextField(_("note"), blank=True)
    violation_code = models.CharField(_("violation code"), max_length=40, blank=True)
    circumstance = models.CharField(_("circumstance"), max_length=10, choices=Circumstance.choices,
                                    blank=True)
    amount = models.DecimalField(_("fine"), max_digits=12, decimal_places=2, null=True, blank=True)
    # Outside the discretion range of a non-strict standard: recorded, and shown as flagged.
    flagged = models.BooleanField(_("flagged"), default=False)
    event = models.ForeignKey("trace.Event", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["case", "step__order"]
        constraints = [models.UniqueConstraint(fields=["case", "step"], name="procedures_step_once")]

    def __str__(self) -> str:
        return f"{self.case.public_id} {self.step}"
