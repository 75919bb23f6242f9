"""Staff screens of evaluations: rounds, their set-up, ballot links, results and consequences."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xiaoneng.evaluations import actions, forms
from xiaoneng.evaluations.models import Consequence, Round, RoundState
from xiaoneng.trace.chain import events_for
from xiaoneng.web.exports import csv_response

VIEW = "evaluations.view_round"


def _raise_403(view):
    return permission_required(VIEW, raise_exception=True)(view)


@login_required
@_raise_403
def index(request: HttpRequest) -> HttpResponse:
    page = Paginator(Round.objects.all(), 25).get_page(request.GET.get("page"))
    form = forms.RoundForm() if request.user.has_perm(actions.MANAGE) else None
    return render(request, "evaluations/index.html", {"page": page, "form": form})


@login_required
@_raise_403
@require_POST
def create(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm(actions.MANAGE):
        return HttpResponse(status=403)
    form = forms.RoundForm(request.POST)
    if form.is_valid():
        try:
            round = actions.do_create_round(actor=request.user, **form.cleaned_data)
        except actions.EvaluationError as error:
            form.add_error(None, error.message)
        else:
            return redirect(round)
    page = Paginator(Round.objects.all(), 25).get_page(1)
    return render(request, "evaluations/index.html", {"page": page, "form": form}, status=400)


def _context(request: HttpRequest, round: Round, **bound) -> dict:
    manages = request.user.has_perm(actions.MANAGE)
    draft = round.state == RoundState.DRAFT
    context = {
        "round": round, "manages": manages,
        "confirms": request.user.has_perm(actions.CONFIRM),
        "groups": round.groups.all(), "dimensions": round.dimensions.all(),
        "targets": round.targets.select_related("unit"),
        "consequences": round.consequences.select_related("target__unit", "person", "decided_by"),
        "links": round.links.count(), "used": round.links.filter(used=True).count(),
        "ballots": round.ballots.count(), "events": events_for(round),
        "note_form": forms.NoteForm(),
    }
    if manages and draft:
        context["group_form"] = bound.get("group") or forms.GroupForm(prefix="group")
        context["dimension_form"] = bound.get("dimension") or forms.DimensionForm(prefix="dimension")
        context["target_form"] = bound.get("target") or forms.TargetForm(prefix="target")
    if manages and round.state in (RoundState.DRAFT, RoundState.OPEN):
        context["links_form"] = bound.get("links") or forms.LinksForm(round=round, prefix="links")
    return context


@login_required
@_raise_403
def detail(request: HttpRequest, public_id: str) -> HttpResponse:
    round = get_object_or_404(Round, public_id=public_id)
    return render(request, "evaluations/detail.html", _context(request, round))


# action -> (form class and prefix or None, the call)
ROUND_ACTIONS: dict[str, tuple[type | None, Callable]] = {
    "group": (forms.GroupForm, lambda r, u, d: actions.do_add_group(r, actor=u, **d)),
    "dimension": (forms.DimensionForm, lambda r, u, d: actions.do_add_dimension(r, actor=u, **d)),
    "target": (forms.TargetForm, lambda r, u, d: actions.do_add_target(r, actor=u, unit=d["unit"],
                                                                       level=d["level"] or None)),
    "open": (None, lambda r, u, d: actions.do_open_round(r, actor=u)),
    "close": (None, lambda r, u, d: actions.do_close_round(r, actor=u)),
    "publish": (None, lambda r, u, d: actions.do_publish_round(r, actor=u)),
}


@login_required
@_raise_403
@require_POST
def act(request: HttpRequest, public_id: str, action: str) -> HttpResponse:
    round = get_object_or_404(Round, public_id=public_id)
    if action not in ROUND_ACTIONS:
        return HttpResponse(status=404)
    form_class, call = ROUND_ACTIONS[action]
    if not request.user.has_perm(actions.MANAGE):
        return HttpResponse(status=403)
    form = form_class(request.POST, prefix=action) if form_class else None
    if form is not None and not form.is_valid():
        context = _context(request, round, **{action: form})
        return render(request, "evaluations/detail.html", context, status=400)
    try:
        call(round, request.user, form.cleaned_data if form else {})
    except actions.EvaluationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Saved."))
    return redirect(round)


@login_required
@_raise_403
@require_POST
def issue_links(request: HttpRequest, public_id: str) -> HttpResponse:
    """The new links as a CSV download: the only time their secrets exist outside the rater's hands."""
    round = get_object_or_404(Round, public_id=public_id)
    if not request.user.has_perm(actions.MANAGE):
        return HttpResponse(status=403)
    form = forms.LinksForm(request.POST, round=round, prefix="links")
    if not form.is_valid():
        return render(request, "evaluations/detail.html", _context(request, round, links=form), status=400)
    try:
        secrets_ = actions.do_issue_links(round, actor=request.user, request=request, **form.cleaned_data)
    except actions.EvaluationError as error:
        messages.error(request, error.message)
        return redirect(round)
    group = form.cleaned_data["group"]
    rows = [(group.name, request.build_absolute_uri(reverse("public_evaluations:ballot", args=[s])))
            for s in secrets_]
    return csv_response(f"ballot-links-{round.public_id}.csv", [_("rater group"), _("link")], rows)


@login_required
@_raise_403
@require_POST
def decide(request: HttpRequest, pk: int, decision: str) -> HttpResponse:
    consequence = get_object_or_404(Consequence.objects.select_related("round"), pk=pk)
    if decision not in ("confirm", "withdraw"):
        return HttpResponse(status=404)
    if not request.user.has_perm(actions.CONFIRM):
        return HttpResponse(status=403)
    form = forms.NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    call = actions.do_confirm_consequence if decision == "confirm" else actions.do_withdraw_consequence
    try:
        call(consequence, actor=request.user, note=note, request=request)
    except actions.EvaluationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Saved."))
    return redirect(consequence.round)
