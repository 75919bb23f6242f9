"""Procedure screens: case list, opening, detail with the next step's form, export, report, standards."""

from __future__ import annotations

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from xiaoneng.audit.log import record
from xiaoneng.org.access import can_see_unit, scope_to_user, sees_all_units, visible_units
from xiaoneng.procedures import actions, forms
from xiaoneng.procedures.export import export_case
from xiaoneng.procedures.models import DiscretionStandard, EvidenceKind, ProcedureCase
from xiaoneng.procedures.report import completeness_report
from xiaoneng.trace.chain import events_for, verify_subject

EVENT_LABELS = {
    "case_opened": gettext_lazy("case opened"),
    "step_completed": gettext_lazy("step completed"),
    "case_completed": gettext_lazy("case completed"),
}


def _visible(request: HttpRequest, public_id: str) -> ProcedureCase:
    # Another unit's case answers 404, exactly like one that does not exist.
    cases = scope_to_user(ProcedureCase.objects.select_related("template", "unit", "target"), request.user)
    return get_object_or_404(cases, public_id=public_id)


@login_required
@permission_required("procedures.view_procedurecase", raise_exception=True)
def case_list(request: HttpRequest) -> HttpResponse:
    cases = scope_to_user(ProcedureCase.objects.select_related("template", "unit"), request.user)
    state = request.GET.get("state")
    if state:
        cases = cases.filter(state=state)
    page = Paginator(cases, 50).get_page(request.GET.get("page"))
    return render(request, "procedures/list.html", {
        "page": page, "state": state or "", "can_open": request.user.has_perm("procedures.open_case")})


@login_required
@permission_required("procedures.open_case", raise_exception=True)
def case_new(request: HttpRequest) -> HttpResponse:
    form = forms.OpenCaseForm(request.POST or None, units=visible_units(request.user))
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            case = actions.do_open_case(actor=request.user, **form.cleaned_data)
        except actions.ProcedureError as exc:
            error = str(exc)
        else:
            return redirect(case)
    return render(request, "procedures/new.html", {"form": form, "error": error},
                  status=400 if error or form.errors else 200)


def _may_complete(user, case: ProcedureCase) -> bool:
    return user.has_perm("procedures.complete_step") and can_see_unit(user, case.unit)


def _evidence(event) -> list[tuple[str, str]]:
    items = event.data.get("evidence", [])
    return [(EvidenceKind(i["kind"]).label if i.get("kind") in EvidenceKind.values else i.get("kind", ""),
             i.get("text") or i.get("file", "")) for i in items if isinstance(i, dict)]


def _detail(request: HttpRequest, case: ProcedureCase, *, form=None, error: str | None = None,
            status: int = 200) -> HttpResponse:
    done = {c.step.order: c for c in case.completed_steps.select_related("step", "performer")}
    steps = [{"step": s, "done": done.get(s.order)} for s in case.steps()]
    next_step = case.next_step()
    if form is None and next_step is not None and _may_complete(request.user, case):
        form = forms.StepForm(step=next_step)
    events = events_for(case).select_related("actor").prefetch_related("attachments")
    return render(request, "procedures/detail.html", {
        "case": case, "steps": steps, "next_step": next_step, "form": form, "error": error,
        "events": [{"event": e, "label": EVENT_LABELS.get(e.kind, e.kind), "evidence": _evidence(e)}
                   for e in events],
        "problems": verify_subject(case),
    }, status=status)


@login_required
@permission_required("procedures.view_procedurecase", raise_exception=True)
def case_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    return _detail(request, _visible(request, public_id))


@require_POST
@login_required
@permission_required("procedures.complete_step", raise_exception=True)
def case_complete(request: HttpRequest, public_id: str) -> HttpResponse:
    case = _visible(request, public_id)
    step = case.next_step()
    if step is None:
        return _detail(request, case, error=_("The case is already completed."), status=409)
    form = forms.StepForm(request.POST, request.FILES, step=step)
    if not form.is_valid():
        return _detail(request, case, form=form, error=_("Please correct the form."), status=400)
    try:
        actions.do_complete_step(case, step, actor=request.user, evidence=form.evidence(),
                                 note=form.cleaned_data["note"], **form.decision())
    except actions.ProcedureError as exc:
        case.refresh_from_db()
        return _detail(request, case, form=form, error=str(exc),
                       status=403 if isinstance(exc, actions.NotPermitted) else 409)
    messages.success(request, _("Step recorded: %(step)s.") % {"step": step.name})
    return redirect(case)


@login_required
@permission_required("procedures.export_case", raise_exception=True)
def case_export(request: HttpRequest, public_id: str) -> HttpResponse:
    case = _visible(request, public_id)
    out = io.BytesIO()
    export_case(case, out)
    record("procedures.export", actor=request.user, request=request, target=case)
    response = HttpResponse(out.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{case.public_id}.zip"'
    return response


@login_required
@permission_required("procedures.view_report", raise_exception=True)
def report(request: HttpRequest) -> HttpResponse:
    units = visible_units(request.user)
    form = forms.ReportForm(request.GET or None, units=units)
    since, until = form.period()
    unit = form.cleaned_data.get("unit") if form.is_bound and form.is_valid() else None
    if unit is None and not sees_all_units(request.user):
        unit = getattr(request.user, "unit", None)
        if unit is None:
            raise PermissionDenied
    result = completeness_report(unit, since, until)
    return render(request, "procedures/report.html", {
        "form": form, "report": result, "figures": result.figures()})


@login_required
@permission_required("procedures.view_discretionstandard", raise_exception=True)
def standard_list(request: HttpRequest) -> HttpResponse:
    # A unit sees its own standards and those it inherits from the units above it.
    standards = DiscretionStandard.objects.select_related("unit")
    if not sees_all_units(request.user):
        unit = getattr(request.user, "unit", None)
        ids = [u.pk for u in (unit.ancestors() if unit else [])]
        standards = scope_to_user(standards, request.user) | standards.filter(unit_id__in=ids)
    page = Paginator(standards.order_by("unit__path", "violation_code", "circumstance"), 100).get_page(
        request.GET.get("page"))
    return render(request, "procedures/standards.html", {"page": page})
