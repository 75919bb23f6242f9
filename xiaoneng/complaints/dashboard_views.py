"""/dashboard/: the complaints dashboard for center staff, center admin, leaders and confirmers."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xiaoneng.complaints import dashboard
from xiaoneng.matters.models import MatterKind


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("Received from"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("Received until"), widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ModelChoiceField(MatterKind.objects.all(), label=_("Kind"), required=False,
                                  empty_label=_("all kinds"))

    def clean(self) -> dict:
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError(_("The period must not end before it starts."))
        return data

    def period(self) -> dashboard.Period:
        if not self.is_bound or not self.is_valid():
            return dashboard.Period.this_year()
        data = self.cleaned_data
        return dashboard.Period(data["start"], data["end"], data.get("kind"))


@login_required
def dashboard_view(request: HttpRequest) -> HttpResponse:
    if not dashboard.can_view_dashboard(request.user):
        raise PermissionDenied
    default = dashboard.Period.this_year()
    form = PeriodForm(request.GET or None, initial={"start": default.start, "end": default.end})
    period = form.period()
    today = timezone.localdate()
    complaints = dashboard.complaints_in(request.user, period)
    minimum = dashboard.min_cases()
    return render(request, "complaints/dashboard/index.html", {
        "form": form, "period": period, "minimum": minimum,
        "totals": dashboard.totals(complaints, today),
        "by_state": dashboard.by_state(complaints),
        "by_colour": dashboard.by_colour(complaints),
        "by_category": dashboard.by_category(complaints),
        "units": dashboard.by_unit(complaints, today, minimum),
        "overdue": dashboard.overdue_list(complaints, today),
        "overdue_shown": dashboard.OVERDUE_SHOWN,
    }, status=400 if form.is_bound and not form.is_valid() else 200)
