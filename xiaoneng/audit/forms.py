"""The audit search: one form, its filters applied to the log."""

from __future__ import annotations

import datetime

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xiaoneng.audit.models import AuditEntry


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class AuditSearchForm(forms.Form):
    action = forms.CharField(label=_("Action"), required=False, max_length=64,
                             widget=forms.TextInput(attrs={"list": "audit-actions"}))
    actor = forms.CharField(label=_("Username"), required=False, max_length=150)
    since = forms.DateField(label=_("From"), required=False,
                            widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("To"), required=False,
                            widget=forms.DateInput(attrs={"type": "date"}))
    q = forms.CharField(label=_("Target"), required=False, max_length=100)

    def clean(self) -> dict:
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:
            raise forms.ValidationError(_("The end date is before the start date."))
        return data

    def filter(self, entries: QuerySet[AuditEntry]) -> QuerySet[AuditEntry]:
        data = self.cleaned_data
        if data.get("action"):
            action = data["action"].strip()
            entries = entries.filter(Q(action=action) | Q(action__startswith=action.rstrip(".") + "."))
        if data.get("actor"):
            entries = entries.filter(actor_username__icontains=data["actor"].strip())
        if data.get("since"):
            entries = entries.filter(at__gte=_start_of(data["since"]))
        if data.get("until"):
            entries = entries.filter(at__lt=_start_of(data["until"] + datetime.timedelta(days=1)))
        if data.get("q"):
            text = data["q"].strip()
            entries = entries.filter(Q(target_repr__icontains=text) | Q(target_id=text))
        return entries

    def used_filters(self) -> dict[str, str]:
        return {name: str(value) for name, value in self.cleaned_data.items() if value}
