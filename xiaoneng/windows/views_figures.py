"""Figures, the monthly ranking with admonitions, queue waits and service stars."""

from __future__ import annotations

import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_POST

from xiaoneng.matters import clock
from xiaoneng.org.access import can_see_unit, scope_to_user, visible_units
from xiaoneng.org.models import Person, Unit
from xiaoneng.windows import queue, ranking
from xiaoneng.windows.actions import WindowError
from xiaoneng.windows.figures import figures_by, month_bounds, quarter_bounds
from xiaoneng.windows.models import Admonition, ServiceStar
from xiaoneng.windows.views import visible_windows


class PeriodForm(forms.Form):
    start = forms.DateField(label=gettext_lazy("From"), required=False)
    end = forms.DateField(label=gettext_lazy("To"), required=False)
    group = forms.ChoiceField(
        choices=[("unit", gettext_lazy("per window")), ("staff", gettext_lazy("per person"))],
        required=False,
        label=pgettext_lazy("figures", "Group"),
    )


def _period(request: HttpRequest) -> tuple[PeriodForm, datetime.date, datetime.date, str]:
    form = PeriodForm(request.GET or None)
    start, end = month_bounds(clock.today())
    group = "unit"
    if form.is_valid():
        start = form.cleaned_data["start"] or start
        end = form.cleaned_data["end"] or end
        group = form.cleaned_data["group"] or group
    return form, start, end, group


@login_required
@permission_required("windows.view_figures", raise_exception=True)
def figures_view(request: HttpRequest) -> HttpResponse:
    form, start, end, group = _period(request)
    units = visible_units(request.user)
    by = figures_by(group, start, end, units=units)
    names = (Unit.objects if group == "unit" else Person.objects).in_bulk(list(by))
    rows = sorted(((names[k], f) for k, f in by.items() if k in names), key=lambda r: str(r[0]))
    return render(
        request,
        "windows/figures.html",
        {"form": form, "rows": rows, "start": start, "end": end, "group": group},
    )


def _month(request: HttpRequest) -> datetime.date:
    try:
        return datetime.date.fromisoformat(
            (request.GET.get("month") or request.POST.get("month") or "") + "-01"
        )
    except ValueError:
        return clock.today().replace(day=1)


@login_required
@permission_required("windows.view_figures", raise_exception=True)
def ranking_view(request: HttpRequest) -> HttpResponse:
    month = _month(request)
    rows = [r for r in ranking.monthly_ranking(month) if can_see_unit(request.user, r.unit)]
    admonitions = scope_to_user(Admonition.objects.select_related("unit", "proposal"), request.user)[:20]
    return render(
        request,
        "windows/ranking.html",
        {
            "month": month,
            "ranked": [r for r in rows if r.place],
            "left_out": [r for r in rows if not r.place],
            "admonitions": admonitions,
            "can_check": request.user.has_perm("windows.confirm_star"),
        },
    )


@require_POST
@login_required
@permission_required("windows.confirm_star", raise_exception=True)
def ranking_check(request: HttpRequest) -> HttpResponse:
    month = _month(request)
    made = ranking.do_check_admonitions(month, actor=request.user)
    messages.success(request, _("%(count)d admonition talks proposed.") % {"count": len(made)})
    return redirect(f"{reverse('windows:ranking')}?month={month:%Y-%m}")


@login_required
@permission_required("windows.view_figures", raise_exception=True)
def waits_view(request: HttpRequest) -> HttpResponse:
    form, start, end, _group = _period(request)
    windows = {w.pk: w for w in visible_windows(request.user)}
    rows = [
        (windows[r.unit_id], r) for r in queue.waits(start, end, units=list(windows)) if r.unit_id in windows
    ]
    return render(request, "windows/waits.html", {"form": form, "rows": rows, "start": start, "end": end})


def _quarter(request: HttpRequest) -> tuple[int, int]:
    today = clock.today()
    try:
        year = int(request.POST.get("year") or request.GET.get("year") or today.year)
        quarter = int(request.POST.get("quarter") or request.GET.get("quarter") or (today.month - 1) // 3 + 1)
    except ValueError:
        return today.year, (today.month - 1) // 3 + 1
    if not 1 <= quarter <= 4 or not 2000 <= year <= 2100:
        return today.year, (today.month - 1) // 3 + 1
    return year, quarter


@login_required
@permission_required("windows.view_figures", raise_exception=True)
def stars_view(request: HttpRequest) -> HttpResponse:
    year, quarter = _quarter(request)
    stars = scope_to_user(ServiceStar.objects.select_related("person", "unit"), request.user).filter(
        year=year, quarter=quarter
    )
    start, end = quarter_bounds(year, quarter)
    return render(
        request,
        "windows/stars.html",
        {
            "stars": stars,
            "year": year,
            "quarter": quarter,
            "start": start,
            "end": end,
            "can_confirm": request.user.has_perm("windows.confirm_star"),
        },
    )


@require_POST
@login_required
@permission_required("windows.confirm_star", raise_exception=True)
def stars_propose(request: HttpRequest) -> HttpResponse:
    year, quarter = _quarter(request)
    stars = ranking.do_propose_stars(year, quarter, actor=request.user)
    poor = ranking.do_propose_poor_performers(year, quarter, actor=request.user)
    messages.success(
        request,
        _("%(stars)d service stars proposed; %(poor)d poor performers proposed for the ledger.")
        % {"stars": len(stars), "poor": len(poor)},
    )
    return redirect(f"{reverse('windows:stars')}?year={year}&quarter={quarter}")


@require_POST
@login_required
@permission_required("windows.confirm_star", raise_exception=True)
def star_decide(request: HttpRequest, pk: int) -> HttpResponse:
    star = get_object_or_404(ServiceStar, pk=pk)
    try:
        ranking.do_decide_star(star, actor=request.user, confirm=request.POST.get("confirm") == "1")
    except WindowError as exc:
        messages.error(request, exc.message)
    return redirect(f"{reverse('windows:stars')}?year={star.year}&quarter={star.quarter}")
