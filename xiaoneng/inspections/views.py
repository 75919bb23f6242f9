"""Inspection screens: campaigns, the phone-first finding form, findings and suggestions.

A campaign a user may not see answers 404, never 403: an inspected unit must not learn
that a secret campaign exists.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_POST

from xiaoneng.inspections import access, actions, forms
from xiaoneng.inspections.access import Standing
from xiaoneng.inspections.models import (
    Campaign,
    CampaignState,
    ChecklistItem,
    Finding,
    FindingState,
    Suggestion,
)
from xiaoneng.trace.chain import events_for
from xiaoneng.trace.models import EventAttachment

EVENT_LABELS = {
    "recorded": pgettext_lazy("finding event", "recorded"),
    "handed_over": pgettext_lazy("finding event", "handed over to the unit"),
    "dismissed": pgettext_lazy("finding event", "dismissed"),
    "resolved": pgettext_lazy("finding event", "resolved"),
}


def _campaign(request: HttpRequest, public_id: str) -> tuple[Campaign, Standing]:
    campaign = get_object_or_404(Campaign.objects.select_related("organiser_unit"), public_id=public_id)
    level = access.standing(request.user, campaign)
    if level is Standing.NONE:
        raise Http404
    return campaign, level


@login_required
def campaign_list(request: HttpRequest) -> HttpResponse:
    campaigns = access.visible_campaigns(request.user).select_related("organiser_unit")
    return render(request, "inspections/list.html", {
        "campaigns": campaigns, "can_organise": access.can_organise(request.user),
    })


@login_required
def campaign_new(request: HttpRequest) -> HttpResponse:
    if not access.can_organise(request.user):
        raise PermissionDenied
    form = forms.CampaignForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = actions.do_create_campaign(actor=request.user, **form.cleaned_data)
        except actions.InspectionError as error:
            form.add_error(None, str(error))
        else:
            return redirect(campaign)
    return render(request, "inspections/new.html", {"form": form})


def _manager_forms(campaign: Campaign, data=None, failed: str = "") -> dict:
    def bound(name: str):
        return data if name == failed else None

    return {
        "group_form": forms.GroupForm(bound("add_group"), prefix="group"),
        "member_form": forms.MemberForm(bound("add_member"), campaign=campaign, prefix="member"),
        "target_form": forms.TargetForm(bound("add_target"), campaign=campaign, prefix="target"),
    }


def _detail(request: HttpRequest, campaign: Campaign, level: Standing, **extra) -> HttpResponse:
    user = request.user
    context = {
        "campaign": campaign, "standing": level.value,
        "sees_all": level is not Standing.INSPECTED,
        "manages": level is Standing.MANAGER,
        "can_record": access.can_record(user, campaign),
        "targets": access.visible_targets(user, campaign),
        "findings": access.visible_findings(user, campaign),
        "suggestions": list(access.visible_suggestions(user, campaign)),
        "groups": campaign.groups.prefetch_related("members__person", "members__user")
        if level is not Standing.INSPECTED else [],
        "checklists": campaign.checklists.prefetch_related("items"),
    }
    for suggestion in context["suggestions"]:
        suggestion.can_decide = access.can_decide_suggestion(user, suggestion)
    if level is Standing.MANAGER and campaign.state != CampaignState.CLOSED:
        context.update(_manager_forms(campaign))
    context.update(extra)
    return render(request, "inspections/detail.html", context)


@login_required
def campaign_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    campaign, level = _campaign(request, public_id)
    return _detail(request, campaign, level)


# action -> (form prefix or None, call with the campaign, user and bound form's cleaned data)
CAMPAIGN_ACTIONS: dict[str, tuple[str | None, Callable]] = {
    "add_group": ("group", lambda c, u, d: actions.do_add_group(c, actor=u, name=d["name"],
                                                                 leader=d["leader"])),
    "add_member": ("member", lambda c, u, d: actions.do_add_member(d["group"], actor=u, user=d["user"])),
    "add_target": ("target", lambda c, u, d: actions.do_add_target(c, actor=u, unit=d["unit"],
                                                                    group=d["group"])),
    "start": (None, lambda c, u, d: actions.do_start_campaign(c, actor=u)),
    "close": (None, lambda c, u, d: actions.do_close_campaign(c, actor=u)),
}


@login_required
@require_POST
def campaign_act(request: HttpRequest, public_id: str, action: str) -> HttpResponse:
    campaign, level = _campaign(request, public_id)
    if action not in CAMPAIGN_ACTIONS:
        raise Http404
    if level is not Standing.MANAGER:
        raise PermissionDenied
    prefix, call = CAMPAIGN_ACTIONS[action]
    data: dict = {}
    if prefix:
        bound = _manager_forms(campaign, request.POST, action)[f"{prefix}_form"]
        if not bound.is_valid():
            return _detail(request, campaign, level, **{f"{prefix}_form": bound, "failed": action})
        data = bound.cleaned_data
    try:
        call(campaign, request.user, data)
    except actions.InspectionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Saved."))
    return redirect(campaign)


@login_required
def finding_new(request: HttpRequest, public_id: str) -> HttpResponse:
    campaign, _level = _campaign(request, public_id)
    if not access.can_record(request.user, campaign):
        raise PermissionDenied
    form = forms.FindingForm(request.POST or None, request.FILES or None, campaign=campaign)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            finding = actions.do_record_finding(
                campaign, actor=request.user, unit=data["unit"], what=data["what"], where=data["where"],
                occurred_at=data["occurred_at"], photos=data["photos"],
            )
        except actions.InspectionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The finding is recorded."))
            return redirect(finding)
    return render(request, "inspections/finding_new.html", {"campaign": campaign, "form": form})


@login_required
def target_checks(request: HttpRequest, public_id: str, target_id: int) -> HttpResponse:
    """A visit's checklist: one pass/fail answer and note per point, and the day of the visit."""
    campaign, _level = _campaign(request, public_id)
    if not access.can_record(request.user, campaign):
        raise PermissionDenied
    target = get_object_or_404(campaign.targets.select_related("unit"), pk=target_id)
    items = list(ChecklistItem.objects.filter(checklist__campaigns=campaign).select_related("checklist"))
    results = {r.item_id: r for r in target.results.all()}
    if request.method == "POST":
        try:
            with transaction.atomic():
                visited_on = parse_date(request.POST.get("visited_on", "") or "")
                if visited_on:
                    actions.do_record_visit(target, actor=request.user, visited_on=visited_on)
                for item in items:
                    answer = request.POST.get(f"item-{item.pk}", "")
                    if answer in ("pass", "fail"):
                        actions.do_record_checklist_result(
                            target, actor=request.user, item=item, passed=answer == "pass",
                            note=request.POST.get(f"note-{item.pk}", "")[:200],
                        )
        except actions.InspectionError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Saved."))
            return redirect(campaign)
    for item in items:
        item.result = results.get(item.pk)
    return render(request, "inspections/checks.html",
                  {"campaign": campaign, "target": target, "items": items})


@login_required
def suggestion_new(request: HttpRequest, public_id: str) -> HttpResponse:
    campaign, _level = _campaign(request, public_id)
    if not access.can_record(request.user, campaign):
        raise PermissionDenied
    form = forms.SuggestionForm(request.POST or None, campaign=campaign)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_record_suggestion(campaign, actor=request.user, **form.cleaned_data)
        except actions.InspectionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The suggestion is recorded."))
            return redirect(campaign)
    return render(request, "inspections/suggestion_new.html", {"campaign": campaign, "form": form})


def _finding(request: HttpRequest, public_id: str) -> Finding:
    finding = get_object_or_404(Finding.objects.select_related("campaign", "unit", "matter", "recorded_by"),
                                public_id=public_id)
    if not access.can_see_finding(request.user, finding):
        raise Http404
    return finding


def _finding_page(request: HttpRequest, finding: Finding, **extra) -> HttpResponse:
    user = request.user
    recorded = finding.state == FindingState.RECORDED
    manages = access.manages(user, finding.campaign)
    events = list(events_for(finding).select_related("actor__person_record").prefetch_related("attachments"))
    for event in events:
        event.label = EVENT_LABELS.get(event.kind, event.kind)
    context = {
        "finding": finding, "campaign": finding.campaign, "events": events,
        "photos": [a for event in events for a in event.attachments.all()],
        "can_hand_over": recorded and user.has_perm("inspections.hand_over_finding"),
        "can_dismiss": recorded and manages,
        "hand_over_form": forms.HandOverForm(prefix="hand_over"),
        "dismiss_form": forms.ReasonForm(prefix="dismiss"),
    }
    context.update(extra)
    return render(request, "inspections/finding.html", context)


@login_required
def finding_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    return _finding_page(request, _finding(request, public_id))


@login_required
@require_POST
def finding_act(request: HttpRequest, public_id: str, action: str) -> HttpResponse:
    finding = _finding(request, public_id)
    if action == "hand_over":
        form = forms.HandOverForm(request.POST, prefix="hand_over")
        call = lambda d: actions.do_hand_over_finding(  # noqa: E731
            finding, actor=request.user, time_limit=d["time_limit"], note=d["note"])
    elif action == "dismiss":
        form = forms.ReasonForm(request.POST, prefix="dismiss")
        call = lambda d: actions.do_dismiss_finding(finding, actor=request.user, reason=d["reason"])  # noqa: E731
    else:
        raise Http404
    if not form.is_valid():
        return _finding_page(request, finding, **{f"{action}_form": form, "failed": action})
    try:
        call(form.cleaned_data)
    except actions.NotPermitted as error:
        raise PermissionDenied(str(error)) from error
    except actions.InspectionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Saved."))
    return redirect(finding)


@login_required
def finding_photo(request: HttpRequest, public_id: str, pk: int) -> FileResponse:
    finding = _finding(request, public_id)
    file = get_object_or_404(EventAttachment, pk=pk)
    if not events_for(finding).filter(pk=file.event_id).exists():
        raise Http404
    return FileResponse(file.file.open("rb"), filename=file.name)


@login_required
@require_POST
def suggestion_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    suggestion = get_object_or_404(Suggestion.objects.select_related("campaign", "unit"), pk=pk)
    if not access.visible_suggestions(request.user, suggestion.campaign).filter(pk=pk).exists():
        raise Http404
    try:
        if action == "adopt":
            actions.do_adopt_suggestion(suggestion, actor=request.user)
        elif action == "decline":
            form = forms.ReasonForm(request.POST, prefix="decline")
            reason = form.cleaned_data["reason"] if form.is_valid() else ""
            actions.do_decline_suggestion(suggestion, actor=request.user, reason=reason)
        else:
            raise Http404
    except actions.NotPermitted as error:
        raise PermissionDenied(str(error)) from error
    except actions.InspectionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Saved."))
    return redirect(suggestion.campaign)
