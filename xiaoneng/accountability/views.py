"""Staff screens: records (scoped: unit heads see their own unit's; others 404), proposing,
deciding, referring, recording the outside decision, the yearly count and the regulations."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xiaoneng.accountability import figures
from xiaoneng.accountability.actions import (
    DECIDE,
    PROPOSE,
    AccountabilityError,
    do_decide_accountability,
    do_dismiss_accountability,
    do_propose_accountability,
    do_record_outside_decision,
    do_refer_accountability,
)
from xiaoneng.accountability.forms import OutsideDecisionForm, ProposeForm
from xiaoneng.accountability.models import (
    EVENT_LABELS,
    AccountabilityForm,
    AccountabilityRecord,
    RecordState,
    Regulation,
)

VIEW = "accountability.view_accountabilityrecord"


@login_required
@permission_required(VIEW, raise_exception=True)
def record_list(request: HttpRequest) -> HttpResponse:
    records = AccountabilityRecord.objects.visible_to(request.user).select_related("person", "unit")
    state = request.GET.get("state", "")
    if state in RecordState.values:
        records = records.filter(state=state)
    page = Paginator(records, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "accountability/list.html",
        {
            "page": page,
            "states": RecordState.choices,
            "query": f"state={state}",
            "can_propose": request.user.has_perm(PROPOSE),
        },
    )


@login_required
@permission_required(PROPOSE, raise_exception=True)
def record_new(request: HttpRequest) -> HttpResponse:
    form = ProposeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            rec = do_propose_accountability(
                person=data["person"],
                unit=data["unit"],
                form=data["form"],
                reason=data["reason"],
                clause=data["clause"],
                regulation_item=data["regulation_item"],
                proposer=request.user,
            )
        except AccountabilityError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect(rec)
    return render(request, "accountability/form.html", {"form": form})


def _visible(request: HttpRequest, pk: int) -> AccountabilityRecord:
    records = AccountabilityRecord.objects.visible_to(request.user).select_related(
        "person", "unit", "proposer", "decided_by", "regulation_item__regulation"
    )
    return get_object_or_404(records, pk=pk)


@login_required
@permission_required(VIEW, raise_exception=True)
def record_detail(request: HttpRequest, pk: int) -> HttpResponse:
    from xiaoneng.trace.chain import events_for

    rec = _visible(request, pk)
    events = [(e, EVENT_LABELS.get(e.kind, e.kind)) for e in events_for(rec).select_related("actor")]
    can_decide = request.user.has_perm(DECIDE)
    return render(
        request,
        "accountability/detail.html",
        {
            "rec": rec,
            "events": events,
            "can_decide": can_decide,
            "outside_form": OutsideDecisionForm(),
            "can_draft_notice": request.user.has_perm("notices.draft_notice")
            and rec.form == AccountabilityForm.CRITICAL_NOTICE
            and rec.state != RecordState.PROPOSED,
        },
    )


def _act(request: HttpRequest, pk: int, action, done: str, **kwargs) -> HttpResponse:
    rec = _visible(request, pk)
    try:
        action(rec, request.user, request=request, **kwargs)
    except AccountabilityError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return redirect(rec)


def _date(value: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


@require_POST
@login_required
@permission_required(DECIDE, raise_exception=True)
def record_decide(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        do_decide_accountability,
        _("The decision was recorded."),
        doc_no=request.POST.get("doc_no", ""),
        decided_on=_date(request.POST.get("decided_on", "")),
    )


@require_POST
@login_required
@permission_required(DECIDE, raise_exception=True)
def record_refer(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        do_refer_accountability,
        _("The record was referred."),
        note=request.POST.get("note", ""),
        doc_no=request.POST.get("doc_no", ""),
    )


@require_POST
@login_required
@permission_required(DECIDE, raise_exception=True)
def record_conclude(request: HttpRequest, pk: int) -> HttpResponse:
    form = OutsideDecisionForm(request.POST)
    if not form.is_valid():
        rec = _visible(request, pk)
        messages.error(request, _("Give the outside decision, its document number and its date."))
        return redirect(rec)
    data = form.cleaned_data
    return _act(
        request,
        pk,
        do_record_outside_decision,
        _("The outside decision was recorded."),
        outside_form=data["outside_form"],
        decision=data["decision"],
        doc_no=data["doc_no"],
        decided_on=data["decided_on"],
    )


@require_POST
@login_required
@permission_required(DECIDE, raise_exception=True)
def record_dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        do_dismiss_accountability,
        _("Recorded: not held accountable."),
        reason=request.POST.get("reason", ""),
    )


@login_required
@permission_required(VIEW, raise_exception=True)
def yearly(request: HttpRequest) -> HttpResponse:
    value = request.GET.get("year", "")
    year = int(value) if value.isdigit() and 2000 <= int(value) <= 2100 else timezone.localdate().year
    labels = dict(AccountabilityForm.choices)
    return render(
        request,
        "accountability/yearly.html",
        {
            "year": year,
            "people": figures.people_held(year),
            "by_form": [(labels.get(form, form), n) for form, n in figures.held_by_form(year)],
            "by_reason": figures.held_by_reason(year),
        },
    )


@login_required
@permission_required("accountability.view_regulation", raise_exception=True)
def regulations(request: HttpRequest) -> HttpResponse:
    regs = Regulation.objects.select_related("issuer").prefetch_related("items")
    return render(request, "accountability/regulations.html", {"regulations": regs})
