"""The bulletin's forms: issues, items, submissions and decisions."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from xiaoneng.bulletin.models import Issue, Section


class IssueForm(forms.ModelForm):
    class Meta:
        model = Issue
        fields = ["date", "name", "editing_unit", "period_start", "period_end", "report_to", "send_to",
                  "issue_to"]
        widgets = {name: forms.DateInput(attrs={"type": "date"})
                   for name in ("date", "period_start", "period_end")}

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and start > end:
            raise forms.ValidationError(_("The news period ends before it starts."))
        return data

    def validate_unique(self) -> None:  # year/number are set by the action
        pass


class ItemForm(forms.Form):
    section = forms.ModelChoiceField(Section.objects.filter(is_active=True), label=_("section"))
    title = forms.CharField(label=pgettext_lazy("bulletin item", "title"), max_length=200)
    text = forms.CharField(label=pgettext_lazy("bulletin item", "text"),
                           widget=forms.Textarea(attrs={"rows": 8}))
    source = forms.CharField(label=_("source"), max_length=200, required=False,
                             help_text=_("For a reprint: where it was published, e.g. 新华网."))
    source_date = forms.DateField(label=_("source date"), required=False,
                                  widget=forms.DateInput(attrs={"type": "date"}))


class ItemEditForm(forms.Form):
    title = forms.CharField(label=pgettext_lazy("bulletin item", "title"), max_length=200)
    text = forms.CharField(label=pgettext_lazy("bulletin item", "text"),
                           widget=forms.Textarea(attrs={"rows": 10}))
    source = forms.CharField(label=_("source"), max_length=200, required=False)
    source_date = forms.DateField(label=_("source date"), required=False,
                                  widget=forms.DateInput(attrs={"type": "date"}))


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [super(MultipleFileField, self).clean(one, initial) for one in data]
        return [super().clean(data, initial)] if data else []


class SubmissionForm(forms.Form):
    issue = forms.ModelChoiceField(Issue.objects.filter(state="draft"), label=_("issue"),
                                   empty_label=None)
    title = forms.CharField(label=pgettext_lazy("submission", "title"), max_length=200)
    text = forms.CharField(label=pgettext_lazy("submission", "text"),
                           widget=forms.Textarea(attrs={"rows": 10}))
    photos = MultipleFileField(label=_("photos"), required=False)


class SubmissionEditForm(forms.Form):
    title = forms.CharField(label=pgettext_lazy("submission", "title"), max_length=200)
    text = forms.CharField(label=pgettext_lazy("submission", "text"),
                           widget=forms.Textarea(attrs={"rows": 10}))


class ReturnForm(forms.Form):
    reason = forms.CharField(label=_("reason for returning"), widget=forms.Textarea(attrs={"rows": 3}))
