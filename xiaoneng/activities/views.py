"""Service-activity screens: the list, one activity with its figures and participants, the import."""

from __future__ import annotations

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

from xiaoneng.activities import actions, figures
from xiaoneng.activities.imports import import_participants
from xiaoneng.activities.models import Activity, ActivityKind, Role
from xiaoneng.matters import clock
from xiaoneng.org.access import can_see_unit, scope_to_user, visible_units
from xiaoneng.org.models import Unit

VIEW = "activities.view_activity"


class ActivityForm(forms.Form):
    kind = forms.ChoiceField(choices=ActivityKind.choices, label=gettext_lazy("Kind"))
    title = forms.CharField(label=pgettext_lazy("activity", "Title"), max_length=160)
    held_on = forms.DateField(
        label=gettext_lazy("Held on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    unit = forms.ModelChoiceField(Unit.objects.none(), label=gettext_lazy("Organiser"))
    place = forms.CharField(label=gettext_lazy("Place"), required=False, max_length=120)
    description = forms.CharField(label=gettext_lazy("Description"), required=False, widget=forms.Textarea)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = visible_units(user).current()


class ParticipantForm(forms.Form):
    role = forms.ChoiceField(choices=Role.choices, label=gettext_lazy("Role"))
    name = forms.CharField(label=gettext_lazy("Name"), max_length=120)
    amount = forms.DecimalField(
        label=gettext_lazy("Amount (yuan)"), required=False, min_value=0, max_digits=16, decimal_places=2
    )
    headcount = forms.IntegerField(label=gettext_lazy("Person-times"), min_value=1, initial=1)
    is_first_time = forms.BooleanField(label=gettext_lazy("First time"), required=False)


@login_required
@permission_required(VIEW, raise_exception=True)
def index(request: HttpRequest) -> HttpResponse:
    activities = scope_to_user(Activity.objects.select_related("unit"), request.user)
    if request.GET.get("kind") in ActivityKind.values:
        activities = activities.filter(kind=request.GET["kind"])
    page = Paginator(activities, 50).get_page(request.GET.get("page"))
    form = None
    if request.user.has_perm("activities.manage_activity"):
        form = ActivityForm(request.POST or None, user=request.user, initial={"held_on": clock.today()})
        if request.method == "POST" and form.is_valid():
            try:
                activity = actions.do_create_activity(actor=request.user, **form.cleaned_data)
            except actions.ActivityError as error:
                form.add_error(None, str(error))
            else:
                return redirect(activity)
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "activities/index.html",
        {"page": page, "activities": page.object_list, "form": form, "kinds": ActivityKind.choices},
    )


def _activity(request: HttpRequest, public_id: str) -> Activity:
    if not request.user.has_perm(VIEW):
        raise PermissionDenied
    return get_object_or_404(
        scope_to_user(Activity.objects.select_related("unit"), request.user), public_id=public_id
    )


@login_required
def detail(request: HttpRequest, public_id: str, form=None, result=None) -> HttpResponse:
    activity = _activity(request, public_id)
    participants = activity.participants.select_related("target")
    page = Paginator(participants, 50).get_page(request.GET.get("page"))
    can_manage = request.user.has_perm("activities.manage_activity") and can_see_unit(
        request.user, activity.unit
    )
    return render(
        request,
        "activities/detail.html",
        {
            "activity": activity,
            "figures": figures.figures_of(activity),
            "roles": {Role(code).label: n for code, n in figures.count_by_role(activity).items()},
            "page": page,
            "participants": page.object_list,
            "can_manage": can_manage,
            "form": form or ParticipantForm(),
            "result": result,
        },
    )


@login_required
@require_POST
def participant_new(request: HttpRequest, public_id: str) -> HttpResponse:
    activity = _activity(request, public_id)
    form = ParticipantForm(request.POST)
    if not form.is_valid():
        return detail(request, public_id, form=form)
    try:
        actions.do_add_participant(activity, actor=request.user, **form.cleaned_data)
    except actions.NotPermitted as error:
        raise PermissionDenied(str(error)) from error
    except actions.ActivityError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Saved."))
    return redirect(activity)


@login_required
@require_POST
def participant_import(request: HttpRequest, public_id: str) -> HttpResponse:
    activity = _activity(request, public_id)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Choose an .xlsx file."))
        return redirect(activity)
    try:
        result = import_participants(
            activity, upload, actor=request.user, commit=request.POST.get("commit") == "1"
        )
    except actions.NotPermitted as error:
        raise PermissionDenied(str(error)) from error
    return detail(request, public_id, result=result)
