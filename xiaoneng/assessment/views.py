"""Staff screens: standings per group, a unit's breakdown, appeals, publication, export."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xiaoneng.assessment.actions import (
    DECIDE,
    PUBLISH,
    AssessmentError,
    appeal_window,
    can_appeal,
    do_file_appeal,
    do_grant_appeal,
    do_refuse_appeal,
    do_set_published,
)
from xiaoneng.assessment.models import EVENT_LABELS, Appeal, AppealState, AssessmentYear, appeal_deadline
from xiaoneng.assessment.standings import QUARTERS, compute_standings
from xiaoneng.audit.log import record as audit
from xiaoneng.org.access import can_see_unit, sees_all_units
from xiaoneng.org.models import Unit
from xiaoneng.scoring.models import LedgerEntry
from xiaoneng.web.exports import xlsx_response

VIEW = "assessment.view_assessmentyear"
PAGE_SIZE = 50


def quarter_of(request: HttpRequest) -> int | None:
    value = request.GET.get("q", "")
    return int(value) if value.isdigit() and int(value) in QUARTERS else None


def visible_standings(ay: AssessmentYear, user, quarter: int | None):
    """All groups for county-wide roles; for unit roles only their own units' rows (ranks unchanged)."""
    groups = compute_standings(ay, quarter)
    if not sees_all_units(user):
        for group in groups:
            group.rows = [row for row in group.rows if can_see_unit(user, row.unit)]
        groups = [group for group in groups if group.rows]
    return groups


@login_required
@permission_required(VIEW, raise_exception=True)
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "assessment/index.html", {"years": AssessmentYear.objects.all()})


@login_required
@permission_required(VIEW, raise_exception=True)
def standings(request: HttpRequest, year: int) -> HttpResponse:
    ay = get_object_or_404(AssessmentYear, year=year)
    quarter = quarter_of(request)
    return render(
        request,
        "assessment/standings.html",
        {
            "ay": ay,
            "quarter": quarter,
            "quarters": QUARTERS,
            "groups": visible_standings(ay, request.user, quarter),
            "can_publish": request.user.has_perm(PUBLISH),
        },
    )


@login_required
@permission_required(VIEW, raise_exception=True)
def standings_export(request: HttpRequest, year: int) -> HttpResponse:
    ay = get_object_or_404(AssessmentYear, year=year)
    quarter = quarter_of(request)
    groups = visible_standings(ay, request.user, quarter)
    headers = [
        _("Group"),
        _("Rank"),
        _("Unit"),
        _("Base score"),
        _("Deductions"),
        _("Bonuses"),
        _("Score"),
        _("Entries"),
        _("Breakdown"),
    ]
    rows = [
        [
            g.name,
            r.rank,
            r.unit.name,
            r.base,
            r.deductions,
            r.bonuses,
            r.score,
            r.entries,
            "；".join(f"{line.rule.name} {line.counted:+}" for line in r.lines),
        ]
        for g in groups
        for r in g.rows
    ]
    audit("assessment.export", actor=request.user, request=request, target=ay, detail={"quarter": quarter})
    suffix = f"-Q{quarter}" if quarter else ""
    return xlsx_response(f"standings-{ay.year}{suffix}.xlsx", headers, rows, sheet=str(ay.year))


@require_POST
@login_required
@permission_required(PUBLISH, raise_exception=True)
def publish(request: HttpRequest, year: int) -> HttpResponse:
    ay = get_object_or_404(AssessmentYear, year=year)
    published = request.POST.get("published") == "1"
    do_set_published(ay, request.user, published=published, request=request)
    messages.success(
        request,
        _("The standings are published on the portal.")
        if published
        else _("The standings are withdrawn from the portal."),
    )
    return redirect(ay)


@login_required
@permission_required(VIEW, raise_exception=True)
def unit_breakdown(request: HttpRequest, year: int, unit_id: int) -> HttpResponse:
    ay = get_object_or_404(AssessmentYear, year=year)
    unit = get_object_or_404(Unit, pk=unit_id)
    if not can_see_unit(request.user, unit):
        raise Http404
    row = group_name = None
    for group in compute_standings(ay, quarter_of(request)):
        for candidate in group.rows:
            if candidate.unit.pk == unit.pk:
                row, group_name = candidate, group.name
    entries = LedgerEntry.objects.filter(year=year, unit=unit).select_related(
        "rule", "approved_by", "proposal__proposer", "appeal", "reverses"
    )
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    window = ay.appeal_workdays
    listed = [(e, appeal_deadline(e, window), can_appeal(e, request.user)) for e in page]
    return render(
        request,
        "assessment/unit.html",
        {
            "ay": ay,
            "unit": unit,
            "row": row,
            "group_name": group_name,
            "page": page,
            "listed": listed,
            "query": f"q={request.GET.get('q', '')}",
        },
    )


def _visible_entry(request: HttpRequest, pk: int) -> LedgerEntry:
    entries = LedgerEntry.objects.visible_to(request.user).select_related("rule", "unit", "person__unit")
    return get_object_or_404(entries, pk=pk)


@login_required
@permission_required("assessment.file_appeal", raise_exception=True)
def appeal_new(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _visible_entry(request, pk)
    error = None
    if request.method == "POST":
        try:
            appeal = do_file_appeal(entry, request.user, grounds=request.POST.get("grounds", ""))
        except AssessmentError as exc:
            error = exc.message
        else:
            messages.success(request, _("The appeal was filed; the center will decide it."))
            return redirect(appeal)
    deadline = appeal_deadline(entry, appeal_window(entry))
    return render(
        request,
        "assessment/appeal_form.html",
        {"entry": entry, "deadline": deadline, "error": error, "grounds": request.POST.get("grounds", "")},
    )


@login_required
@permission_required("assessment.view_appeal", raise_exception=True)
def appeal_list(request: HttpRequest) -> HttpResponse:
    state = request.GET.get("state", "")
    appeals = Appeal.objects.visible_to(request.user).select_related(
        "entry__rule", "unit", "person", "filed_by"
    )
    if state in AppealState.values:
        appeals = appeals.filter(state=state)
    page = Paginator(appeals, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "assessment/appeal_list.html",
        {"page": page, "state": state, "states": AppealState.choices, "query": f"state={state}"},
    )


def _visible_appeal(request: HttpRequest, pk: int) -> Appeal:
    appeals = Appeal.objects.visible_to(request.user).select_related(
        "entry__rule", "entry__approved_by", "unit", "person", "filed_by", "decided_by", "reversal__entry"
    )
    return get_object_or_404(appeals, pk=pk)


@login_required
@permission_required("assessment.view_appeal", raise_exception=True)
def appeal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    from xiaoneng.trace.chain import events_for

    appeal = _visible_appeal(request, pk)
    events = [
        (event, EVENT_LABELS.get(event.kind, event.kind))
        for event in events_for(appeal).select_related("actor")
    ]
    can_decide = appeal.state == AppealState.FILED and request.user.has_perm(DECIDE)
    return render(
        request,
        "assessment/appeal_detail.html",
        {"appeal": appeal, "events": events, "can_decide": can_decide},
    )


@require_POST
@login_required
@permission_required(DECIDE, raise_exception=True)
def appeal_grant(request: HttpRequest, pk: int) -> HttpResponse:
    appeal = _visible_appeal(request, pk)
    try:
        do_grant_appeal(appeal, request.user, reason=request.POST.get("reason", ""), request=request)
    except AssessmentError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The appeal was granted; an offsetting entry is in the ledger."))
    return redirect(appeal)


@require_POST
@login_required
@permission_required(DECIDE, raise_exception=True)
def appeal_refuse(request: HttpRequest, pk: int) -> HttpResponse:
    appeal = _visible_appeal(request, pk)
    try:
        do_refuse_appeal(appeal, request.user, reason=request.POST.get("reason", ""), request=request)
    except AssessmentError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The appeal was refused."))
    return redirect(appeal)
