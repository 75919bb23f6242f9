"""Staff screens of the supporting records: bad ratings and return visits, rating import,
the duty roster, first inquiries, pre-application consultations, green cards and the queue desk."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from xiaoneng.matters import clock
from xiaoneng.org.access import can_see_unit, scope_to_user, visible_units
from xiaoneng.org.models import Person, Target
from xiaoneng.windows import actions, queue
from xiaoneng.windows.models import (
    BAD_LEVELS,
    Consultation,
    ConsultationKind,
    DutyRoster,
    FirstInquiry,
    GreenCard,
    Rating,
    ReturnVisit,
    ServiceCase,
    ServiceItem,
)
from xiaoneng.windows.ratings_import import do_import_ratings
from xiaoneng.windows.views import PAGE, visible_windows
from xiaoneng.windows.views_items import ImportForm


def _page(request, queryset):
    return Paginator(queryset, PAGE).get_page(request.GET.get("page"))


@login_required
@permission_required("windows.view_servicecase", raise_exception=True)
def bad_ratings(request: HttpRequest) -> HttpResponse:
    ratings = (
        scope_to_user(Rating.objects.filter(level__in=BAD_LEVELS), request.user, "case__unit")
        .select_related("case__unit", "case__item", "matter", "return_visit")
        .order_by("-rated_at")
    )
    return render(
        request,
        "windows/bad_ratings.html",
        {
            "page": _page(request, ratings),
            "query": "",
            "today": clock.today(),
            "can_visit": request.user.has_perm("windows.view_applicant"),
        },
    )


@require_POST
@login_required
@permission_required("windows.view_applicant", raise_exception=True)
def return_visit(request: HttpRequest, pk: int) -> HttpResponse:
    visit = get_object_or_404(
        scope_to_user(ReturnVisit.objects.all(), request.user, "rating__case__unit"), pk=pk
    )
    satisfied = request.POST.get("satisfied")
    if satisfied not in ("1", "0"):
        messages.error(request, _("Say whether the applicant was satisfied."))
    else:
        try:
            actions.do_return_visit(
                visit, actor=request.user, satisfied=satisfied == "1", note=request.POST.get("note", "")
            )
        except actions.WindowError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Return visit recorded."))
    return redirect("windows:bad_ratings")


@login_required
@permission_required("windows.import_ratings", raise_exception=True)
def rating_import(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    errors, status = [], 200
    if request.method == "POST":
        if form.is_valid():
            try:
                count, errors = do_import_ratings(
                    form.cleaned_data["file"], actor=request.user, request=request
                )
            except actions.WindowError as exc:
                form.add_error("file", exc.message)
            else:
                if not errors:
                    messages.success(request, _("%(count)d ratings imported.") % {"count": count})
                    return redirect("windows:bad_ratings")
        status = 400
    return render(request, "windows/rating_import.html", {"form": form, "errors": errors}, status=status)


class DutyForm(forms.Form):
    unit = forms.ModelChoiceField(queryset=None, label=gettext_lazy("Hall or window"))
    day = forms.DateField(label=gettext_lazy("Day"))
    person = forms.ModelChoiceField(
        queryset=Person.objects.filter(is_active=True).order_by("name"),
        label=gettext_lazy("Director on duty"),
    )
    phone = forms.CharField(max_length=32, required=False, label=gettext_lazy("Phone"))

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = visible_units(user).order_by("path")


@login_required
@permission_required("windows.view_dutyroster", raise_exception=True)
def roster(request: HttpRequest) -> HttpResponse:
    can_manage = request.user.has_perm("windows.manage_roster")
    form = DutyForm(request.user, request.POST or None) if can_manage else None
    if request.method == "POST":
        if not can_manage:
            raise Http404
        if form.is_valid():
            actions.do_set_duty(actor=request.user, **form.cleaned_data)
            messages.success(request, _("Duty roster saved."))
            return redirect("windows:roster")
    days = scope_to_user(DutyRoster.objects.select_related("unit", "person"), request.user).order_by("-day")
    return render(
        request,
        "windows/roster.html",
        {"form": form, "page": _page(request, days), "query": ""},
        status=400 if form is not None and form.errors else 200,
    )


class InquiryForm(forms.Form):
    unit = forms.ModelChoiceField(queryset=None, label=gettext_lazy("Window"))
    subject = forms.CharField(max_length=200, label=gettext_lazy("What was asked"))
    referred_to = forms.ModelChoiceField(queryset=None, required=False, label=gettext_lazy("Referred to"))
    answer = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, label=gettext_lazy("Answer or referral")
    )

    def __init__(self, user, *args, **kwargs):
        from xiaoneng.org.models import Unit

        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = visible_windows(user)
        self.fields["referred_to"].queryset = Unit.objects.current().order_by("path")


@login_required
@permission_required("windows.view_firstinquiry", raise_exception=True)
def inquiries(request: HttpRequest) -> HttpResponse:
    can_record = request.user.has_perm("windows.record_case") and request.user.person is not None
    form = InquiryForm(request.user, request.POST or None) if can_record else None
    if request.method == "POST":
        if not can_record:
            raise Http404
        if form.is_valid():
            actions.do_record_inquiry(actor=request.user, person=request.user.person, **form.cleaned_data)
            messages.success(request, _("First inquiry recorded."))
            return redirect("windows:inquiries")
    rows = scope_to_user(FirstInquiry.objects.select_related("unit", "person", "referred_to"), request.user)
    return render(
        request,
        "windows/inquiries.html",
        {"form": form, "page": _page(request, rows), "query": ""},
        status=400 if form is not None and form.errors else 200,
    )


class ConsultationForm(forms.Form):
    unit = forms.ModelChoiceField(queryset=None, label=gettext_lazy("Window"))
    kind = forms.ChoiceField(choices=ConsultationKind.choices, label=gettext_lazy("Kind"))
    subject = forms.CharField(max_length=200, label=gettext_lazy("Project or subject"))
    held_on = forms.DateField(label=gettext_lazy("Held on"))
    item = forms.ModelChoiceField(queryset=None, required=False, label=gettext_lazy("Service item"))
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, label=gettext_lazy("Note")
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = visible_windows(user)
        self.fields["item"].queryset = scope_to_user(ServiceItem.objects.all(), user)


@login_required
@permission_required("windows.view_consultation", raise_exception=True)
def consultations(request: HttpRequest) -> HttpResponse:
    can_record = request.user.has_perm("windows.record_case")
    form = ConsultationForm(request.user, request.POST or None) if can_record else None
    if request.method == "POST":
        if not can_record:
            raise Http404
        if form.is_valid():
            actions.do_record_consultation(actor=request.user, **form.cleaned_data)
            messages.success(request, _("Consultation recorded."))
            return redirect("windows:consultations")
    rows = scope_to_user(Consultation.objects.select_related("unit", "item", "case"), request.user)
    return render(
        request,
        "windows/consultations.html",
        {"form": form, "page": _page(request, rows), "query": ""},
        status=400 if form is not None and form.errors else 200,
    )


class GreenCardForm(forms.Form):
    enterprise = forms.ModelChoiceField(
        queryset=Target.objects.order_by("name"), label=gettext_lazy("Enterprise")
    )
    granted_on = forms.DateField(label=gettext_lazy("Granted on"))
    valid_to = forms.DateField(required=False, label=gettext_lazy("Valid to"))
    note = forms.CharField(max_length=200, required=False, label=gettext_lazy("Note"))


@login_required
@permission_required("windows.view_greencard", raise_exception=True)
def green_cards(request: HttpRequest) -> HttpResponse:
    can_manage = request.user.has_perm("windows.manage_items")
    form = GreenCardForm(request.POST or None) if can_manage else None
    if request.method == "POST":
        if not can_manage:
            raise Http404
        if form.is_valid():
            try:
                actions.do_grant_green_card(actor=request.user, **form.cleaned_data)
            except actions.WindowError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Green card granted."))
                return redirect("windows:green_cards")
    cards = GreenCard.objects.select_related("enterprise").order_by("enterprise__name")
    return render(
        request,
        "windows/green_cards.html",
        {"form": form, "page": _page(request, cards), "query": ""},
        status=400 if form is not None and form.errors else 200,
    )


@login_required
@permission_required("windows.view_greencard", raise_exception=True)
def green_card_history(request: HttpRequest, pk: int) -> HttpResponse:
    """The enterprise's service history at the windows this user may see."""
    card = get_object_or_404(GreenCard.objects.select_related("enterprise"), pk=pk)
    cases = (
        scope_to_user(ServiceCase.objects.filter(enterprise=card.enterprise), request.user)
        .select_related("item", "unit")
        .order_by("-received_at")
    )
    return render(
        request, "windows/green_card.html", {"card": card, "page": _page(request, cases), "query": ""}
    )


@login_required
@permission_required("windows.operate_queue", raise_exception=True)
def queue_desk(request: HttpRequest, unit_id: int) -> HttpResponse:
    """A counter's queue: the waiting list (green cards first) and call / served / abandoned."""
    unit = get_object_or_404(visible_windows(request.user), pk=unit_id)
    if not can_see_unit(request.user, unit):
        raise Http404
    if request.method == "POST":
        try:
            step = request.POST.get("step")
            if step == "issue":
                queue.do_issue_ticket(unit, actor=request.user)
            elif step == "call":
                if (
                    queue.do_call_next(unit, actor=request.user, counter=request.POST.get("counter", ""))
                    is None
                ):
                    messages.info(request, _("Nobody is waiting."))
            elif step in ("served", "abandoned"):
                ticket = get_object_or_404(unit.queue_tickets, pk=request.POST.get("ticket"))
                queue.do_finish_ticket(ticket, actor=request.user, served=step == "served")
        except actions.WindowError as exc:
            messages.error(request, exc.message)
        return redirect("windows:queue_desk", unit_id=unit.pk)
    today = clock.today()
    return render(
        request,
        "windows/queue_desk.html",
        {
            "unit": unit,
            "waiting": queue.waiting(unit, today).select_related("enterprise")[:50],
            "called": unit.queue_tickets.filter(day=today, state="called").order_by("-called_at")[:20],
        },
    )
