from django import forms
from django.utils.translation import gettext_lazy as _

from xiaoneng.accountability.models import AccountabilityForm, RegulationItem
from xiaoneng.org.models import Person, Unit


class ProposeForm(forms.Form):
    person = forms.ModelChoiceField(
        label=_("person"), queryset=Person.objects.select_related("unit"), required=False
    )
    unit = forms.ModelChoiceField(
        label=_("unit"),
        queryset=Unit.objects.all(),
        required=False,
        help_text=_("Defaults to the person's unit."),
    )
    form = forms.ChoiceField(label=_("form"), choices=AccountabilityForm.choices)
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 4}))
    regulation_item = forms.ModelChoiceField(
        label=_("regulation item"),
        required=False,
        queryset=RegulationItem.objects.select_related("regulation"),
    )
    clause = forms.CharField(label=_("clause applied"), max_length=255, required=False)


class OutsideDecisionForm(forms.Form):
    outside_form = forms.ChoiceField(
        label=_("outside decision form"),
        required=False,
        choices=[("", _("not held accountable"))] + AccountabilityForm.choices,
    )
    decision = forms.CharField(label=_("outside decision"), widget=forms.Textarea(attrs={"rows": 3}))
    doc_no = forms.CharField(label=_("outside document number"), max_length=60)
    decided_on = forms.DateField(label=_("outside decision date"))
