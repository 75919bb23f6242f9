"""Outreach screens: the programme and its compliance, pairings, the phone visit form, visits.

Records of a unit outside the user's subtree answer 404 (scope_to_user), never 403.
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xiaoneng.matters import clock
from xiaoneng.org.access import scope_to_user
from xiaoneng.outreach import actions, competition, forms, quotas
from xiaoneng.outreach.models import Pairing, Programme, Tier, Visit
from xiaoneng.trace.chain import events_for
from xiaoneng.trace.models import EventAttachment

VIEW = "outreach.view_visit"


def _int(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _year(value, default: int) -> int:
    """A year from the query; anything outside 2000–2100 is the default (never a 500)."""
    year = _int(value, default)
    return year if 2000 <= year <= 2100 else default


def recordable_pairings(user):
    """The active pairings the user may record visits for: their own, or their units' if they pair."""
    pairings = Pairing.objects.filter(ended_on__isnull=True).select_related("person", "target", "tier")
    if user.has_perm("outreach.pair_target"):
        return scope_to_user(pairings, user)
    return pairings.filter(person__user=user)


@login_required
@permission_required(VIEW, raise_exception=True)
def index(request: HttpRequest) -> HttpResponse:
    visits = scope_to_user(Visit.objects.select_related("person", "target", "unit", "matter"), request.user)
    page = Paginator(visits, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "outreach/index.html",
        {
            "programmes": Programme.objects.all(),
            "page": page,
            "visits": page.object_list,
            "mine": recordable_pairings(request.user).filter(person__user=request.user),
            "can_record": request.user.has_perm("outreach.record_visit"),
            "can_pair": request.user.has_perm("outreach.pair_target"),
        },
    )


def _period(tier: Tier, label: str, today: datetime.date) -> quotas.Period | None:
    found = quotas.periods(tier)
    chosen = next((p for p in found if p.label == label), None)
    return chosen or quotas.period_holding(tier, today) or (found[-1] if found else None)


@login_required
@permission_required(VIEW, raise_exception=True)
def programme_detail(request: HttpRequest, code: str) -> HttpResponse:
    programme = get_object_or_404(Programme, code=code)
    today = clock.today()
    tiers = list(programme.tiers.all())
    tier = next((t for t in tiers if str(t.pk) == request.GET.get("tier")), tiers[0] if tiers else None)
    context = {
        "programme": programme,
        "tiers": tiers,
        "tier": tier,
        "today": today,
        "can_propose": request.user.has_perm("outreach.propose_outreach_score"),
    }
    if tier is not None:
        period = _period(tier, request.GET.get("period", ""), today)
        pairings = scope_to_user(Pairing.objects.filter(tier=tier), request.user)
        result = quotas.compliance(tier, period, today, pairings=pairings)
        context.update(
            {"periods": quotas.periods(tier), "period": period, "result": result, "units": result.by_unit()}
        )
    return render(request, "outreach/programme.html", context)


@login_required
@permission_required(VIEW, raise_exception=True)
def quarter(request: HttpRequest, code: str) -> HttpResponse:
    programme = get_object_or_404(Programme, code=code)
    today = clock.today()
    year = _year(request.GET.get("year"), programme.year)
    number = min(max(_int(request.GET.get("q"), quotas.quarter_of(today) if today.year == year else 1), 1), 4)
    table = competition.quarter_table(programme, year, number, today)
    if not request.user.has_perm("org.view_all_units"):
        own = set(scope_to_user(Pairing.objects.all(), request.user).values_list("unit", flat=True))
        table = [row for row in table if row.unit_id in own]
    return render(
        request,
        "outreach/quarter.html",
        {
            "programme": programme,
            "year": year,
            "quarter": number,
            "table": table,
            "quarters": range(1, 5),
            "can_propose": request.user.has_perm("outreach.propose_outreach_score"),
        },
    )


@login_required
@require_POST
def propose_shortfalls(request: HttpRequest, code: str) -> HttpResponse:
    programme = get_object_or_404(Programme, code=code)
    if not request.user.has_perm("outreach.propose_outreach_score"):
        raise PermissionDenied
    tier = get_object_or_404(programme.tiers, pk=_int(request.POST.get("tier"), 0))
    period = next((p for p in quotas.periods(tier) if p.label == request.POST.get("period")), None)
    if period is None:
        raise Http404
    try:
        proposals = actions.do_propose_shortfalls(tier, period, actor=request.user, today=clock.today())
    except actions.OutreachError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("%(n)d deduction(s) proposed to the ledger.") % {"n": len(proposals)})
    return redirect(f"{programme.get_absolute_url()}?tier={tier.pk}&period={period.label}")


@login_required
@require_POST
def propose_awards(request: HttpRequest, code: str) -> HttpResponse:
    programme = get_object_or_404(Programme, code=code)
    if not request.user.has_perm("outreach.propose_outreach_score"):
        raise PermissionDenied
    year, number = _year(request.POST.get("year"), programme.year), _int(request.POST.get("quarter"), 0)
    if not 1 <= number <= 4:
        raise Http404
    try:
        proposals = actions.do_propose_awards(
            programme,
            actor=request.user,
            year=year,
            quarter=number,
            places=_int(request.POST.get("places"), 3),
            today=clock.today(),
        )
    except actions.OutreachError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("%(n)d award(s) proposed to the ledger.") % {"n": len(proposals)})
    return redirect(f"{programme.get_absolute_url()}quarter/?year={year}&q={number}")


@login_required
@permission_required(VIEW, raise_exception=True)
def pairing_list(request: HttpRequest) -> HttpResponse:
    pairings = scope_to_user(Pairing.objects.select_related("tier", "person", "unit", "target"), request.user)
    page = Paginator(pairings, 50).get_page(request.GET.get("page"))
    form = forms.PairForm(user=request.user) if request.user.has_perm("outreach.pair_target") else None
    return render(
        request, "outreach/pairings.html", {"page": page, "pairings": page.object_list, "form": form}
    )


@login_required
@require_POST
def pairing_new(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("outreach.pair_target"):
        raise PermissionDenied
    form = forms.PairForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            actions.do_pair(
                form.cleaned_data["tier"],
                actor=request.user,
                person=form.cleaned_data["person"],
                target=form.cleaned_data["target"],
                started_on=form.cleaned_data["started_on"],
            )
        except actions.OutreachError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Paired."))
    else:
        messages.error(request, _("Please correct the form."))
    return redirect("outreach:pairings")


@login_required
def visit_new(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("outreach.record_visit"):
        raise PermissionDenied
    pairings = recordable_pairings(request.user)
    form = forms.VisitForm(
        request.POST or None,
        request.FILES or None,
        pairings=pairings,
        initial={"visited_on": clock.today(), "pairing": request.GET.get("pairing")},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            visit = actions.do_record_visit(
                data["pairing"],
                actor=request.user,
                visited_on=data["visited_on"],
                found=data["found"],
                help_given=data["help_given"],
                photos=data["photos"],
            )
        except actions.OutreachError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The visit is recorded."))
            return redirect(visit)
    return render(request, "outreach/visit_new.html", {"form": form})


def _visit(request: HttpRequest, public_id: str) -> Visit:
    if not request.user.has_perm(VIEW):
        raise PermissionDenied
    visits = scope_to_user(
        Visit.objects.select_related("person", "target", "unit", "matter", "pairing__tier"), request.user
    )
    return get_object_or_404(visits, public_id=public_id)


@login_required
def visit_detail(request: HttpRequest, public_id: str, form=None) -> HttpResponse:
    visit = _visit(request, public_id)
    events = list(events_for(visit).prefetch_related("attachments"))
    return render(
        request,
        "outreach/visit.html",
        {
            "visit": visit,
            "photos": [a for event in events for a in event.attachments.all()],
            "can_hand_over": actions.may_hand_over(request.user, visit),
            "form": form or forms.HandOverForm(initial={"title": visit.found[:60]}),
        },
    )


@login_required
@require_POST
def visit_hand_over(request: HttpRequest, public_id: str) -> HttpResponse:
    visit = _visit(request, public_id)
    form = forms.HandOverForm(request.POST)
    if not form.is_valid():
        return visit_detail(request, public_id, form=form)
    try:
        actions.do_hand_over_problem(visit, actor=request.user, **form.cleaned_data)
    except actions.NotPermitted as error:
        raise PermissionDenied(str(error)) from error
    except actions.OutreachError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The problem is now a matter of the responsible unit."))
    return redirect(visit)


@login_required
def visit_photo(request: HttpRequest, public_id: str, pk: int) -> FileResponse:
    visit = _visit(request, public_id)
    file = get_object_or_404(EventAttachment, pk=pk)
    if not events_for(visit).filter(pk=file.event_id).exists():
        raise Http404
    return FileResponse(file.file.open("rb"), filename=file.name)
