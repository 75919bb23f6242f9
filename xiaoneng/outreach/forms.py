"""Forms of the outreach screens; the visit form is made for a phone."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from xiaoneng.org.access import visible_units
from xiaoneng.org.models import Person, Target, Unit
from xiaoneng.outreach.models import Pairing, Tier


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class PairingChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Pairing) -> str:
        return f"{obj.target.name}（{obj.person.name}，{obj.tier.name}）"


class VisitForm(forms.Form):
    pairing = PairingChoice(queryset=Pairing.objects.none(), label=_("Whom you visited"))
    visited_on = forms.DateField(
        label=_("Date of the visit"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    found = forms.CharField(
        label=_("What was found"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    help_given = forms.CharField(
        label=_("Help given"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    photos = MultipleFileField(
        label=_("Photos"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": "image/*", "capture": "environment"}),
    )

    def __init__(self, *args, pairings=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pairing"].queryset = pairings if pairings is not None else Pairing.objects.none()


class HandOverForm(forms.Form):
    unit = forms.ModelChoiceField(
        queryset=Unit.objects.current().order_by("path"), label=_("Responsible unit")
    )
    title = forms.CharField(label=_("The problem in a few words"), max_length=200)
    description = forms.CharField(
        label=_("Details"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class PairForm(forms.Form):
    tier = forms.ModelChoiceField(queryset=Tier.objects.select_related("programme"), label=_("Tier"))
    person = forms.ModelChoiceField(queryset=Person.objects.none(), label=_("Cadre"))
    target = forms.ModelChoiceField(queryset=Target.objects.all(), label=pgettext_lazy("outreach", "Target"))
    started_on = forms.DateField(
        label=_("Paired on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(
            is_active=True, unit__in=visible_units(user)
        ).select_related("unit")


class PeriodForm(forms.Form):
    tier = forms.ModelChoiceField(queryset=Tier.objects.none(), label=_("Tier"))
    period = forms.CharField(label=_("Period"), required=False)

    def __init__(self, *args, programme=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tier"].queryset = programme.tiers.all() if programme else Tier.objects.none()
