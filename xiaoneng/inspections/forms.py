"""Forms of the inspection screens; the views pass cleaned data to the action functions."""

from __future__ import annotations

import datetime

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xiaoneng.complaints.forms import MultipleFileField, MultipleFileInput
from xiaoneng.inspections.models import Campaign, CampaignKind, Checklist
from xiaoneng.org.models import Unit, User


def _text(label, required: bool = True, rows: int = 3) -> forms.CharField:
    return forms.CharField(label=label, required=required, widget=forms.Textarea(attrs={"rows": rows}))


class DateInput(forms.DateInput):
    input_type = "date"


class CampaignForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=CampaignKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    organiser_unit = forms.ModelChoiceField(Unit.objects.none(), label=_("Organiser"))
    basis = _text(_("Basis and plan"), required=False)
    starts_on = forms.DateField(label=_("Starts on"), widget=DateInput)
    ends_on = forms.DateField(label=_("Ends on"), widget=DateInput)
    checklists = forms.ModelMultipleChoiceField(
        Checklist.objects.filter(is_active=True), label=_("Checklists"), required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        own = user.unit
        if user.has_perm("inspections.organise_campaign"):
            units = Unit.objects.current()
        else:
            units = Unit.objects.current().subtree_of(own) if own else Unit.objects.none()
        self.fields["organiser_unit"].queryset = units
        self.fields["organiser_unit"].initial = own

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("A campaign cannot end before it starts."))
        return data


class GroupForm(forms.Form):
    name = forms.CharField(label=_("Group name"), max_length=60)
    leader = forms.ModelChoiceField(User.objects.filter(is_active=True), label=_("Group leader"),
                                    required=False, to_field_name="username")


class MemberForm(forms.Form):
    group = forms.ModelChoiceField(Campaign.objects.none(), label=_("Group"))
    user = forms.ModelChoiceField(User.objects.filter(is_active=True), label=_("Account"),
                                  to_field_name="username")

    def __init__(self, *args, campaign: Campaign, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = campaign.groups.all()


class TargetForm(forms.Form):
    unit = forms.ModelChoiceField(Unit.objects.none(), label=_("Unit"))
    group = forms.ModelChoiceField(Campaign.objects.none(), label=_("Group"), required=False)

    def __init__(self, *args, campaign: Campaign, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = campaign.target_scope().current()
        self.fields["group"].queryset = campaign.groups.all()


def _visited_units(campaign: Campaign):
    paths = Q(pk__in=[])
    for path in campaign.targets.values_list("unit__path", flat=True):
        paths |= Q(path__startswith=path)
    return Unit.objects.filter(paths)


class FindingForm(forms.Form):
    """Phone-first: few fields, big inputs; the photo input opens the back camera."""

    unit = forms.ModelChoiceField(Unit.objects.none(), label=_("Unit"))
    what = _text(_("What was found"), rows=4)
    where = forms.CharField(label=_("Where"), max_length=200, required=False)
    occurred_at = forms.DateTimeField(
        label=_("When"), input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    photos = MultipleFileField(label=_("Photos"), widget=MultipleFileInput(
        attrs={"accept": "image/*", "capture": "environment"}))

    def __init__(self, *args, campaign: Campaign, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _visited_units(campaign)
        self.fields["occurred_at"].initial = timezone.localtime().replace(second=0, microsecond=0)

    def clean_occurred_at(self):
        value = self.cleaned_data["occurred_at"]
        if value > timezone.now() + datetime.timedelta(minutes=5):
            raise forms.ValidationError(_("A finding cannot be in the future."))
        return value


class SuggestionForm(forms.Form):
    unit = forms.ModelChoiceField(Unit.objects.none(), label=_("Unit"))
    text = _text(_("Suggestion"), rows=4)

    def __init__(self, *args, campaign: Campaign, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _visited_units(campaign)


class ReasonForm(forms.Form):
    reason = _text(_("Reason"))


class HandOverForm(forms.Form):
    time_limit = forms.IntegerField(label=_("Time limit (working days)"), min_value=1, max_value=365,
                                    required=False, help_text=_("Empty: the limit of findings."))
    note = _text(_("Note"), required=False, rows=2)
