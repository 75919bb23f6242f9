"""Forms of the Snail Award screens; the actions check everything again."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xiaoneng.org.models import Person, Unit
from xiaoneng.snail.models import Batch, BatchState, LeadSource


class ItemForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=200)
    problem = forms.CharField(label=_("problem"), widget=forms.Textarea(attrs={"rows": 3}))
    lead_source = forms.ChoiceField(label=_("source of the lead"), choices=LeadSource.choices)
    unit = forms.ModelChoiceField(label=_("responsible unit"), queryset=Unit.objects.all())
    co_units = forms.ModelMultipleChoiceField(label=_("other units"), queryset=Unit.objects.all(),
                                              required=False)
    persons = forms.ModelMultipleChoiceField(label=_("persons whose performance bonus is deducted"),
                                             queryset=Person.objects.select_related("unit"), required=False)


class BatchForm(forms.Form):
    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100)
    summary = forms.CharField(label=_("summary"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year


class SelectForm(forms.Form):
    batch = forms.ModelChoiceField(label=_("batch"), queryset=Batch.objects.filter(state=BatchState.DRAFT))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 2}))
