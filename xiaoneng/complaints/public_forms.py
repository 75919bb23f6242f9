"""Forms of the public portal. Field names are the parameter names of do_file_complaint."""

from __future__ import annotations

import datetime
import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xiaoneng.complaints.models import Category, Satisfaction, Scope
from xiaoneng.org.models import Unit, UnitKind

MOBILE = re.compile(r"^(?:\+?86)?(1[3-9]\d{9})$")
# Area code 0 + 2-3 digits, a 7-8 digit number, an optional extension.
LANDLINE = re.compile(r"^(0\d{2,3})-?(\d{7,8})(?:-(\d{1,6}))?$")


def normalise_phone(value: str) -> str | None:
    """A mainland mobile (11 digits) or landline (0517-86912345) number, or None."""
    raw = re.sub(r"[\s()（）]", "", value or "")
    mobile = MOBILE.match(raw)
    if mobile:
        return mobile.group(1)
    landline = LANDLINE.match(raw.replace("—", "-"))
    if landline:
        area, number, extension = landline.groups()
        return f"{area}-{number}" + (f"-{extension}" if extension else "")
    return None


def unit_choices() -> list:
    """Current units grouped under their department: a plain <select> with optgroups, no JS needed."""
    units = list(Unit.objects.current().exclude(kind=UnitKind.COUNTY).order_by("path"))
    by_id = {unit.pk: unit for unit in units}
    groups: dict[int, tuple[str, list]] = {}
    for unit in units:
        top = unit
        while top.parent_id in by_id:
            top = by_id[top.parent_id]
        label, members = groups.setdefault(top.pk, (top.name, []))
        members.append((str(unit.pk), unit.name))
    return [("", _("— not sure / none —"))] + [(label, members) for label, members in groups.values()]


class ComplaintForm(forms.Form):
    category = forms.ChoiceField(label=_("Type of problem"), choices=Category.choices)
    scope = forms.ChoiceField(label=_("Field"), choices=Scope.choices, widget=forms.RadioSelect)
    accused_unit = forms.ChoiceField(
        label=_("Unit complained about"), required=False,
        widget=forms.Select(attrs={"data-filter-placeholder": _("Type part of the name to search")}),
    )
    description = forms.CharField(
        label=_("What happened"), min_length=10, max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Who, where, what: the more precise, the faster it can be checked."),
    )
    occurred_on = forms.DateField(label=_("When did it happen"), required=False,
                                  widget=forms.DateInput(attrs={"type": "date"}))
    anonymous = forms.TypedChoiceField(
        label=_("Anonymous or real name"), choices=[("1", _("Anonymous")), ("0", _("Real name"))],
        coerce=lambda value: value == "1", initial="1", widget=forms.RadioSelect,
    )
    name = forms.CharField(label=_("Your name"), max_length=50, required=False)
    phone = forms.CharField(label=_("Your phone number"), max_length=30, required=False,
                            widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["accused_unit"].choices = unit_choices()

    def clean_accused_unit(self) -> Unit | None:
        value = self.cleaned_data.get("accused_unit")
        if not value:
            return None
        return Unit.objects.current().filter(pk=int(value)).first()

    def clean_occurred_on(self) -> datetime.date | None:
        day = self.cleaned_data.get("occurred_on")
        if day and day > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."), code="future")
        if day and day.year < 2000:
            raise forms.ValidationError(_("Please check the date."), code="too_old")
        return day

    def clean(self) -> dict:
        data = super().clean()
        if data.get("anonymous") is False:
            if not (data.get("name") or "").strip():
                self.add_error("name", _("Please give your name, or choose to report anonymously."))
            phone = data.get("phone") or ""
            if not phone.strip():
                self.add_error("phone", _("Please give a phone number so that we can reach you."))
            elif normalise_phone(phone) is None:
                self.add_error("phone", _("Please give a mainland mobile number (11 digits) or a "
                                          "landline with area code, e.g. 0517-86912345."))
            else:
                data["phone"] = normalise_phone(phone)
            data["name"] = (data.get("name") or "").strip()
        else:
            # An anonymous report keeps nothing that could name the reporter.
            data["name"], data["phone"] = "", ""
        return data


class LookupForm(forms.Form):
    tracking_code = forms.CharField(label=_("Tracking code"), max_length=32,
                                    widget=forms.TextInput(attrs={"autocomplete": "off"}))
    secret = forms.CharField(label=_("Query secret"), max_length=64,
                             widget=forms.TextInput(attrs={"autocomplete": "off"}))

    def clean_tracking_code(self) -> str:
        return re.sub(r"\s", "", self.cleaned_data["tracking_code"]).upper()

    def clean_secret(self) -> str:
        return self.cleaned_data["secret"].strip()


class RatingForm(LookupForm):
    rating = forms.ChoiceField(label=_("How satisfied are you with the handling?"),
                               choices=Satisfaction.choices, widget=forms.RadioSelect)
