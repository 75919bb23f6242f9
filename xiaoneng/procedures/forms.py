"""Forms of the procedure screens; the evidence form is built from the step's requirements."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xiaoneng.org.models import Unit
from xiaoneng.procedures.evidence import EvidenceRejected, accept_attribute, accept_evidence
from xiaoneng.procedures.models import Circumstance, EvidenceKind, ProcedureTemplate, StepTemplate


class OpenCaseForm(forms.Form):
    template = forms.ModelChoiceField(ProcedureTemplate.objects.filter(is_active=True), label=_("procedure"))
    unit = forms.ModelChoiceField(Unit.objects.none(), label=_("unit"))
    title = forms.CharField(label=_("title"), max_length=200)

    def __init__(self, *args, units=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()


class StepForm(forms.Form):
    """Text or a file for each kind of evidence the step requires, an optional extra file, a note."""

    note = forms.CharField(label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, step: StepTemplate, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.step = step
        for kind in [*step.evidence_kinds, *([] if EvidenceKind.OTHER in step.evidence_kinds else ["other"])]:
            label = EvidenceKind(kind).label
            self.fields[f"{kind}_text"] = forms.CharField(
                label=label, required=False, widget=forms.Textarea(attrs={"rows": 2}))
            # On a phone `capture` opens the camera for photos or video on the spot; documents may be picked
            # from files. The content, not `accept`, decides in clean().
            attrs = {"accept": accept_attribute(kind)}
            if kind == EvidenceKind.PHOTO_OR_VIDEO:
                attrs["capture"] = "environment"
            self.fields[f"{kind}_file"] = forms.FileField(label=_("%(kind)s (file)") % {"kind": label},
                                                          required=False,
                                                          widget=forms.ClearableFileInput(attrs=attrs))
        if step.is_penalty_decision:
            self.fields["violation_code"] = forms.CharField(label=_("violation code"), max_length=40)
            self.fields["circumstance"] = forms.ChoiceField(label=_("circumstance"),
                                                            choices=Circumstance.choices)
            self.fields["amount"] = forms.DecimalField(label=_("fine"), min_value=0, max_digits=12,
                                                       decimal_places=2)

    def clean(self) -> dict:
        data = super().clean()
        for name, value in list(data.items()):
            if name.endswith("_file") and value:
                # Evidence is kept byte for byte (it is hashed into the trace), never re-encoded.
                try:
                    data[name] = accept_evidence(value, name.removesuffix("_file"))
                except EvidenceRejected as exc:
                    self.add_error(name, forms.ValidationError(str(exc), code=exc.code))
        return data

    def evidence(self) -> list:
        items = []
        for name, value in self.cleaned_data.items():
            kind, _sep, part = name.rpartition("_")
            if part in ("text", "file") and value:
                items.append((kind, value))
        return items

    def decision(self) -> dict:
        if not self.step.is_penalty_decision:
            return {}
        return {k: self.cleaned_data[k] for k in ("violation_code", "circumstance", "amount")}


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


class ReportForm(forms.Form):
    unit = forms.ModelChoiceField(Unit.objects.none(), label=_("unit"), required=False)
    since = forms.DateField(label=_("since"), required=False)
    until = forms.DateField(label=_("until"), required=False)

    def __init__(self, *args, units=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()

    def period(self) -> tuple[datetime.date, datetime.date]:
        today = timezone.localdate()
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return data.get("since") or month_start(today), data.get("until") or today
