from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xiaoneng.scoring.actions import (
    DECIDE,
    PROPOSE,
    ScoringError,
    do_approve_proposal,
    do_propose_entry,
    do_refuse_proposal,
)
from xiaoneng.scoring.forms import ProposalFilterForm, ProposeForm, YearForm
from xiaoneng.scoring.models import EVENT_LABELS, LedgerEntry, ScoreProposal

PAGE_SIZE = 50


def _visible_proposal(request: HttpRequest, pk: int) -> ScoreProposal:
    # Another unit's proposal answers 404, as if it did not exist.
    proposals = ScoreProposal.objects.visible_to(request.user).select_related(
        "unit", "person__unit", "rule", "proposer", "decided_by"
    )
    return get_object_or_404(proposals, pk=pk)


@login_required
@permission_required("scoring.view_scoreproposal", raise_exception=True)
def proposal_list(request: HttpRequest) -> HttpResponse:
    form = ProposalFilterForm(request.GET, user=request.user)
    proposals = form.apply(
        ScoreProposal.objects.visible_to(request.user).select_related("unit", "person__unit", "rule")
    )
    page = Paginator(proposals, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "scoring/proposal_list.html",
                  {"form": form, "page": page, "query": query.urlencode()})


@login_required
@permission_required(PROPOSE, raise_exception=True)
def proposal_new(request: HttpRequest) -> HttpResponse:
    form = ProposeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            proposal = do_propose_entry(
                unit=data["unit"], rule_code=data["rule"].code, points=data["points"], source=None,
                reason=data["reason"], proposer=request.user, year=data["year"],
            )
        except ScoringError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The proposal was made; it now waits for a decision."))
            return redirect(proposal)
    return render(request, "scoring/proposal_form.html", {"form": form})


@login_required
@permission_required("scoring.view_scoreproposal", raise_exception=True)
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    from xiaoneng.trace.chain import events_for

    proposal = _visible_proposal(request, pk)
    can_decide = (
        proposal.is_open and request.user.has_perm(DECIDE) and proposal.proposer_id != request.user.pk
    )
    events = [(event, EVENT_LABELS.get(event.kind, event.kind))
              for event in events_for(proposal).select_related("actor")]
    return render(request, "scoring/proposal_detail.html",
                  {"proposal": proposal, "can_decide": can_decide, "events": events})


@require_POST
@login_required
@permission_required(DECIDE, raise_exception=True)
def proposal_approve(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _visible_proposal(request, pk)
    try:
        entry = do_approve_proposal(proposal, request.user, request=request)
    except ScoringError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Approved: %(points)s points entered in the ledger.")
                         % {"points": f"{entry.points:+}"})
    return redirect(proposal)


@require_POST
@login_required
@permission_required(DECIDE, raise_exception=True)
def proposal_refuse(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _visible_proposal(request, pk)
    try:
        do_refuse_proposal(proposal, request.user, request.POST.get("reason", ""), request=request)
    except ScoringError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The proposal was refused."))
    return redirect(proposal)


@login_required
@permission_required("scoring.view_ledgerentry", raise_exception=True)
def ledger(request: HttpRequest) -> HttpResponse:
    form = YearForm(request.GET if "year" in request.GET else {"year": timezone.localdate().year})
    year = form.cleaned_data["year"] if form.is_valid() else timezone.localdate().year
    entries = LedgerEntry.objects.visible_to(request.user)
    totals = Paginator(entries.totals_by_unit(year), 100).get_page(request.GET.get("totals_page"))
    listed = entries.filter(year=year).select_related("unit", "person__unit", "rule", "approved_by")
    page = Paginator(listed, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "scoring/ledger.html",
                  {"form": form, "year": year, "totals": totals, "page": page})
