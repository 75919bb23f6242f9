"""Forms of the commitments screens; the actions do the checking that matters."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from xiaoneng.commitments.models import Channel, CheckOutcome, CommitterKind, ItemKind
from xiaoneng.org.models import Unit


class DateInput(forms.DateInput):
    input_type = "date"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if not data:
            return []
        files = data if isinstance(data, (list, tuple)) else [data]
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class CampaignForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    basis_title = forms.CharField(label=_("Basis document"), max_length=200)
    basis_number = forms.CharField(label=_("Document number"), max_length=60, required=False)
    issued_by = forms.CharField(label=_("Issued by"), max_length=100)
    starts_on = forms.DateField(label=_("Starts on"), widget=DateInput)
    ends_on = forms.DateField(label=_("Ends on"), widget=DateInput)


class CommitmentForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.order_by("sort_order", "pk"))
    committer_kind = forms.ChoiceField(label=_("Who committed"), choices=CommitterKind.choices)
    committer_name = forms.CharField(label=_("Name of who committed"), max_length=100, required=False)
    committed_on = forms.DateField(label=_("Committed on"), widget=DateInput)
    channels = forms.MultipleChoiceField(
        label=_("Channels"), choices=Channel.choices, widget=forms.CheckboxSelectMultiple
    )
    statement = forms.CharField(
        label=_("Statement"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class ItemForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ItemKind.choices)
    promise = forms.CharField(label=_("Promise"), widget=forms.Textarea(attrs={"rows": 2}))
    target_value = forms.DecimalField(
        label=_("Target value"), max_digits=12, decimal_places=2, required=False
    )
    target_unit = forms.CharField(label=_("Unit of the target"), max_length=20, required=False)
    due_on = forms.DateField(label=_("Due on"), widget=DateInput, required=False)


class ProgressForm(forms.Form):
    progress = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    evidence = MultipleFileField(label=_("Evidence"), required=False)


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=200)
    due_on = forms.DateField(label=_("Due on"), widget=DateInput)


class CheckForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=CheckOutcome.choices)
    progress = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100, required=False)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    checked_on = forms.DateField(label=_("Checked on"), widget=DateInput, required=False)


class BreachForm(forms.Form):
    description = forms.CharField(label=_("What was broken"), widget=forms.Textarea(attrs={"rows": 2}))


class NoticeForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
