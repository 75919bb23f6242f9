"""Forms of the staff and unit screens; the views pass cleaned data to the action functions."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from xiaoneng.complaints.models import STAFF_CHANNELS, Category, Channel, Satisfaction, Scope
from xiaoneng.matters.deadlines import Colour
from xiaoneng.matters.forms import ReplyForm
from xiaoneng.matters.models import MatterKind, State
from xiaoneng.org.models import Person, Unit


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is sanitised by the view (complaints.uploads)."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)] if data else []


def _text(label, required: bool = True, rows: int = 3) -> forms.CharField:
    return forms.CharField(label=label, required=required, widget=forms.Textarea(attrs={"rows": rows}))


class IntakeForm(forms.Form):
    """Staff record a complaint or enquiry from the hotline, a visit, a letter, a referral or the media."""

    channel = forms.ChoiceField(label=_("Channel"), choices=[(c.value, c.label) for c in STAFF_CHANNELS])
    kind = forms.ModelChoiceField(
        MatterKind.objects.filter(code__in=["complaint", "enquiry"], is_active=True), to_field_name="code",
        label=_("Kind"), initial="complaint", empty_label=None,
    )
    category = forms.ChoiceField(label=_("Type of problem"), choices=Category.choices)
    scope = forms.ChoiceField(label=_("Field"), choices=Scope.choices)
    accused_unit = forms.ModelChoiceField(Unit.objects.current(), label=_("Unit complained about"),
                                          required=False)
    named_persons = forms.ModelMultipleChoiceField(
        Person.objects.filter(is_active=True).select_related("unit"), required=False,
        label=_("Persons complained about"),
        help_text=_("They will never see this complaint."),
    )
    title = forms.CharField(label=pgettext_lazy("matter", "Title"), max_length=200, required=False)
    description = _text(_("What happened"), rows=6)
    occurred_on = forms.DateField(label=_("Occurred on"), required=False,
                                  widget=forms.DateInput(attrs={"type": "date"}))
    anonymous = forms.BooleanField(label=_("Anonymous"), required=False, initial=True)
    name = forms.CharField(label=_("Reporter's name"), max_length=60, required=False)
    phone = forms.CharField(label=_("Reporter's phone"), max_length=32, required=False)
    email = forms.EmailField(label=_("Reporter's e-mail"), required=False)
    id_number = forms.CharField(label=_("Reporter's ID number"), max_length=32, required=False)
    attachments = MultipleFileField(label=_("Attachments"))


class ComplaintReplyForm(ReplyForm):
    attachments = MultipleFileField(label=_("Evidence (photos or PDF)"))


class DuplicateForm(forms.Form):
    original = forms.CharField(label=_("Tracking code of the original complaint"), max_length=16)


class RedactForm(forms.Form):
    unit_text = _text(_("Text shown to the unit (blank: the original)"), required=False, rows=6)


class PublishForm(forms.Form):
    is_public = forms.BooleanField(label=_("Show in the public list"), required=False)
    public_summary = _text(_("Public summary"), required=False)


class DismissForm(forms.Form):
    note = _text(_("Why the complaint is not reopened"))


class FilterForm(forms.Form):
    state = forms.ChoiceField(label=_("State"), required=False)
    colour = forms.ChoiceField(label=_("Warning"), required=False)
    channel = forms.ChoiceField(label=_("Channel"), required=False)
    category = forms.ChoiceField(label=_("Type of problem"), required=False)
    satisfaction = forms.ChoiceField(label=_("Satisfaction"), required=False)
    attention = forms.BooleanField(label=_("Needs attention"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        every = [("", _("all"))]
        self.fields["state"].choices = every + State.choices
        self.fields["colour"].choices = every + Colour.choices
        self.fields["channel"].choices = every + Channel.choices
        self.fields["category"].choices = every + Category.choices
        self.fields["satisfaction"].choices = every + Satisfaction.choices
