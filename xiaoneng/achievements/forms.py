"""Forms of the achievements screens; the actions do the checking that matters."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from xiaoneng.achievements.models import CityResult, CommentKind, YearAward
from xiaoneng.commitments.forms import DateInput, MultipleFileField

QUARTERS = [
    (1, _("first quarter")),
    (2, _("second quarter")),
    (3, _("third quarter")),
    (4, _("fourth quarter")),
]


class DeclarationForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    quarter = forms.TypedChoiceField(label=_("Quarter"), choices=QUARTERS, coerce=int)
    title = forms.CharField(label=_("Title"), max_length=200)
    what_done = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 5}))
    beneficiaries = forms.CharField(label=_("For whom"), max_length=200)
    evidence = MultipleFileField(label=_("Evidence"), required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class EvidenceForm(forms.Form):
    evidence = MultipleFileField(label=_("Evidence"))
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class CityResultForm(forms.Form):
    result = forms.ChoiceField(label=_("The city's result"), choices=[c for c in CityResult.choices if c[0]])
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class AwardForm(forms.Form):
    award = forms.ChoiceField(label=_("Year-end award"), choices=[c for c in YearAward.choices if c[0]])


class DisplayForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    quarter = forms.TypedChoiceField(label=_("Quarter"), choices=QUARTERS, coerce=int)
    starts_on = forms.DateField(label=_("Starts on"), widget=DateInput)
    ends_on = forms.DateField(label=_("Ends on"), widget=DateInput)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class ModerateForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=[("show", _("Show")), ("hide", _("Hide"))])
    text = forms.CharField(
        label=_("Text shown (edit if needed)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    reason = forms.CharField(label=_("Why hidden"), max_length=200, required=False)


class CommentForm(forms.Form):
    """The public's comment; a honeypot field catches simple bots."""

    kind = forms.ChoiceField(label=_("Kind"), choices=CommentKind.choices, initial=CommentKind.COMMENT)
    name = forms.CharField(label=_("Name (optional)"), max_length=40, required=False)
    text = forms.CharField(label=_("Comment"), max_length=1000, widget=forms.Textarea(attrs={"rows": 4}))
    website = forms.CharField(required=False, widget=forms.HiddenInput)
