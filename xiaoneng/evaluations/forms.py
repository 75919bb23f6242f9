"""Forms of the evaluation screens; the actions check everything again."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xiaoneng.evaluations.models import Level, RaterGroup, RaterKind, Round
from xiaoneng.org.models import Unit, UnitKind


class RoundForm(forms.ModelForm):
    class Meta:
        model = Round
        fields = ["title", "year", "min_ballots", "ledger_weight", "ledger_base", "clause"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year


class GroupForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=RaterKind.choices)
    name = forms.CharField(label=_("name"), max_length=60)
    weight = forms.DecimalField(label=_("weight"), min_value=0.01, max_digits=6, decimal_places=2)


class DimensionForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=60)
    weight = forms.DecimalField(label=_("weight"), min_value=0.01, max_digits=6, decimal_places=2)


class TargetForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("unit"),
        queryset=Unit.objects.filter(kind__in=[UnitKind.DEPARTMENT, UnitKind.SECTION, UnitKind.STATION]),
    )
    level = forms.ChoiceField(label=_("level"), choices=[("", _("by the unit's kind")), *Level.choices],
                              required=False)


class LinksForm(forms.Form):
    group = forms.ModelChoiceField(label=_("rater group"), queryset=RaterGroup.objects.none())
    count = forms.IntegerField(label=_("number of links"), min_value=1, max_value=5000)

    def __init__(self, *args, round: Round, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = round.groups.all()


class NoteForm(forms.Form):
    note = forms.CharField(label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
