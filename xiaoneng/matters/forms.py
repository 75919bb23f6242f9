"""One small form per action; the views pass the cleaned data to the matching action function."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from xiaoneng.matters.models import MatterKind, Resolution, Source, Verdict
from xiaoneng.org.models import Unit

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def _text(label, required: bool = True) -> forms.CharField:
    return forms.CharField(label=label, required=required, widget=forms.Textarea(attrs={"rows": 3}))


def _days(label, required: bool = False) -> forms.IntegerField:
    return forms.IntegerField(label=label, required=required, min_value=1, max_value=60)


class ReceiveForm(forms.Form):
    kind = forms.ModelChoiceField(MatterKind.objects.filter(is_active=True), label=_("Kind"))
    source = forms.ChoiceField(choices=Source.choices, label=_("Source"), initial=Source.OTHER)
    title = forms.CharField(label=pgettext_lazy("matter", "Title"), max_length=200)
    description = _text(_("Description"), required=False)


class AssignForm(forms.Form):
    unit = forms.ModelChoiceField(Unit.objects.current(), label=_("Responsible unit"))
    co_units = forms.ModelMultipleChoiceField(Unit.objects.current(), label=_("Co-operating units"),
                                              required=False)
    time_limit = _days(_("Time limit in working days (blank: the kind's default)"))
    note = _text(_("Note"), required=False)


class SignForm(forms.Form):
    """签收 needs no input: the button is the acknowledgement."""


class ReasonForm(forms.Form):
    reason = _text(_("Reason"))


class ReplyForm(forms.Form):
    reply = _text(_("Reply"))


class ApproveForm(forms.Form):
    approve = forms.ChoiceField(choices=YES_NO, label=_("Approve the reply"), widget=forms.RadioSelect)
    note = _text(_("Note (required when sending back)"), required=False)


class VerifyForm(forms.Form):
    verdict = forms.ChoiceField(choices=Verdict.choices, label=_("Verification"))
    resolution = forms.ChoiceField(choices=Resolution.choices, label=_("Resolution"), required=False)
    note = _text(_("Note"), required=False)


class CloseForm(forms.Form):
    resolution = forms.ChoiceField(choices=Resolution.choices[1:], label=_("Resolution"))
    outcome = _text(_("Outcome"), required=False)


class ReopenForm(forms.Form):
    reason = _text(_("Reason"))
    time_limit = _days(_("Time limit in working days (blank: the kind's default)"))


class NoteForm(forms.Form):
    note = _text(_("Note"), required=False)


class ExtensionRequestForm(forms.Form):
    workdays = _days(_("Extra working days"), required=True)
    reason = _text(_("Reason"))


class ExtensionDecisionForm(forms.Form):
    grant = forms.ChoiceField(choices=YES_NO, label=_("Grant the extension"), widget=forms.RadioSelect)
    workdays = _days(_("Working days granted (blank: as asked)"))
    note = _text(_("Note"), required=False)


class FilterForm(forms.Form):
    q = forms.CharField(label=_("Words in the text"), required=False, max_length=100)  # xiaoneng.search
    state = forms.ChoiceField(label=_("State"), required=False)
    colour = forms.ChoiceField(label=_("Warning"), required=False)
    kind = forms.ModelChoiceField(MatterKind.objects.all(), label=_("Kind"), required=False)
    unit = forms.ModelChoiceField(Unit.objects.none(), label=_("Unit"), required=False)

    def __init__(self, *args, units=None, **kwargs) -> None:
        from xiaoneng.matters.deadlines import Colour
        from xiaoneng.matters.models import State

        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", _("all")), *State.choices]
        self.fields["colour"].choices = [("", _("all")), *Colour.choices]
        if units is not None:
            self.fields["unit"].queryset = units
