"""Enterprise-support screens: watchlist and warnings, problems, the 会办会 and its decisions."""

from __future__ import annotations

import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_POST

from xiaoneng.enterprises import actions, figures
from xiaoneng.enterprises.imports import import_watchlist
from xiaoneng.enterprises.models import EnterpriseProblem, Indicator, Meeting, ProblemType, WatchItem
from xiaoneng.matters import clock
from xiaoneng.org.access import scope_to_user, visible_units
from xiaoneng.org.models import Target, Unit

VIEW = "enterprises.view_enterpriseproblem"
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProblemForm(forms.Form):
    target = forms.ModelChoiceField(
        Target.objects.filter(kind__in=actions.SUPPORTED_KINDS), label=gettext_lazy("Enterprise or project")
    )
    type = forms.ModelChoiceField(ProblemType.objects.filter(is_active=True), label=gettext_lazy("Type"))
    title = forms.CharField(label=gettext_lazy("The problem in a few words"), max_length=200)
    description = forms.CharField(label=gettext_lazy("Details"), required=False, widget=forms.Textarea)
    unit = forms.ModelChoiceField(
        Unit.objects.current().order_by("path"), label=gettext_lazy("Responsible unit")
    )
    reported_on = forms.DateField(label=gettext_lazy("Reported on"), widget=DATE)


class WatchForm(forms.Form):
    target = forms.ModelChoiceField(
        Target.objects.filter(kind__in=actions.SUPPORTED_KINDS), label=gettext_lazy("Enterprise or project")
    )
    unit = forms.ModelChoiceField(Unit.objects.none(), label=gettext_lazy("Responsible unit"))
    reason = forms.CharField(label=gettext_lazy("Why watched"), required=False, max_length=200)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = visible_units(user).current()


class IndicatorForm(forms.Form):
    indicator = forms.ModelChoiceField(Indicator.objects.all(), label=gettext_lazy("Indicator"))
    period = forms.DateField(label=gettext_lazy("Month"), widget=DATE)
    value = forms.DecimalField(label=gettext_lazy("Value"), max_digits=16, decimal_places=2)


class MeetingForm(forms.Form):
    title = forms.CharField(label=pgettext_lazy("meeting", "Title"), max_length=120)
    held_on = forms.DateField(label=gettext_lazy("Held on"), widget=DATE)
    unit = forms.ModelChoiceField(Unit.objects.none(), label=gettext_lazy("Convening unit"))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = visible_units(user).current()


class DecisionForm(forms.Form):
    text = forms.CharField(
        label=pgettext_lazy("meeting", "Decision"), widget=forms.Textarea(attrs={"rows": 2})
    )
    unit = forms.ModelChoiceField(
        Unit.objects.current().order_by("path"), label=gettext_lazy("Responsible unit")
    )
    deadline = forms.DateField(label=gettext_lazy("Deadline"), widget=DATE)
    problem = forms.ModelChoiceField(
        EnterpriseProblem.objects.none(), required=False, label=gettext_lazy("Problem on the agenda")
    )

    def __init__(self, *args, meeting=None, **kwargs):
        super().__init__(*args, **kwargs)
        if meeting is not None:
            self.fields["problem"].queryset = meeting.agenda.select_related("target")


def _year(request: HttpRequest) -> tuple[datetime.date, datetime.date]:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = clock.today().year
    if not 2000 <= year <= 2100:
        year = clock.today().year
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


@login_required
@permission_required(VIEW, raise_exception=True)
def index(request: HttpRequest) -> HttpResponse:
    user = request.user
    start, end = _year(request)
    watch = scope_to_user(WatchItem.objects.filter(is_active=True).select_related("target", "unit"), user)
    page = Paginator(watch, 50).get_page(request.GET.get("page"))
    can_manage = user.has_perm("enterprises.manage_watchlist")
    return render(
        request,
        "enterprises/index.html",
        {
            "page": page,
            "watch": page.object_list,
            "warnings": figures.warnings(clock.today(), user),
            "solved": figures.solved_table(start, end),
            "year": start.year,
            "open_count": figures.open_problems(user).count(),
            "watch_form": WatchForm(user=user) if can_manage else None,
            "indicator_form": IndicatorForm() if can_manage else None,
            "can_record": user.has_perm("enterprises.record_problem"),
        },
    )


def _query(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@login_required
@permission_required(VIEW, raise_exception=True)
def problem_list(request: HttpRequest) -> HttpResponse:
    problems = figures.visible_problems(request.user).select_related("target", "type", "unit", "matter")
    if request.GET.get("type"):
        problems = problems.filter(type__code=request.GET["type"])
    if request.GET.get("open") == "1":
        problems = problems.filter(pk__in=figures.open_problems(request.user).values("pk"))
    page = Paginator(problems, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "enterprises/problems.html",
        {
            "page": page,
            "problems": page.object_list,
            "types": ProblemType.objects.all(),
            "query": _query(request),
        },
    )


@login_required
def problem_new(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("enterprises.record_problem"):
        raise PermissionDenied
    form = ProblemForm(request.POST or None, initial={"reported_on": clock.today()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            problem = actions.do_record_problem(data.pop("target"), actor=request.user, **data)
        except actions.EnterpriseError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The problem is recorded and handed to the unit."))
            return redirect(problem)
    return render(request, "enterprises/problem_new.html", {"form": form})


@login_required
@permission_required(VIEW, raise_exception=True)
def problem_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    problem = get_object_or_404(
        figures.visible_problems(request.user).select_related("target", "type", "unit", "matter"),
        public_id=public_id,
    )
    return render(
        request,
        "enterprises/problem.html",
        {"problem": problem, "decisions": problem.decisions.select_related("unit")},
    )


@login_required
@require_POST
def watch_new(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("enterprises.manage_watchlist"):
        raise PermissionDenied
    form = WatchForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            actions.do_watch(
                form.cleaned_data["target"],
                actor=request.user,
                unit=form.cleaned_data["unit"],
                reason=form.cleaned_data["reason"],
                added_on=clock.today(),
            )
        except actions.EnterpriseError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Added to the watchlist."))
    else:
        messages.error(request, _("Please correct the form."))
    return redirect("enterprises:index")


@login_required
@require_POST
def indicator_new(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.has_perm("enterprises.manage_watchlist"):
        raise PermissionDenied
    item = get_object_or_404(scope_to_user(WatchItem.objects.all(), request.user), pk=pk)
    form = IndicatorForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please correct the form."))
        return redirect("enterprises:index")
    try:
        actions.do_record_indicator(item, actor=request.user, **form.cleaned_data)
    except actions.NotPermitted as error:
        raise PermissionDenied(str(error)) from error
    messages.success(request, _("Saved."))
    return redirect("enterprises:index")


@login_required
def watch_import(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("enterprises.manage_watchlist"):
        raise PermissionDenied
    result = None
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            messages.error(request, _("Choose an .xlsx file."))
        else:
            result = import_watchlist(
                upload, actor=request.user, commit=request.POST.get("commit") == "1", today=clock.today()
            )
    return render(request, "enterprises/import.html", {"result": result})


@login_required
@permission_required("enterprises.view_meeting", raise_exception=True)
def meeting_list(request: HttpRequest) -> HttpResponse:
    meetings = scope_to_user(Meeting.objects.select_related("unit"), request.user)
    page = Paginator(meetings, 50).get_page(request.GET.get("page"))
    form = None
    if request.user.has_perm("enterprises.hold_meeting"):
        form = MeetingForm(
            request.POST or None,
            user=request.user,
            initial={"held_on": clock.today(), "title": _("Monthly coordination meeting")},
        )
        if request.method == "POST" and form.is_valid():
            try:
                meeting = actions.do_call_meeting(actor=request.user, **form.cleaned_data)
            except actions.EnterpriseError as error:
                form.add_error(None, str(error))
            else:
                return redirect(meeting)
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request, "enterprises/meetings.html", {"page": page, "meetings": page.object_list, "form": form}
    )


@login_required
@permission_required("enterprises.view_meeting", raise_exception=True)
def meeting_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    meeting = get_object_or_404(
        scope_to_user(Meeting.objects.select_related("unit"), request.user), public_id=public_id
    )
    can_decide = request.user.has_perm("enterprises.hold_meeting")
    form = DecisionForm(request.POST or None, meeting=meeting) if can_decide else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                actions.do_record_decision(
                    meeting, actor=request.user, minutes=request.POST.get("minutes", ""), **form.cleaned_data
                )
            except actions.EnterpriseError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The decision is a matter of the responsible unit."))
                return redirect(meeting)
    return render(
        request,
        "enterprises/meeting.html",
        {
            "meeting": meeting,
            "agenda": meeting.agenda.select_related("target", "type", "unit", "matter"),
            "decisions": meeting.decisions.select_related("unit", "matter", "problem"),
            "form": form,
        },
    )
