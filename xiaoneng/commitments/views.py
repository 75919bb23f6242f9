"""Staff screens of public commitments: the list, a unit's commitment with its items'
fulfilment, and the center's checks, breaches and notices.

Unit roles see only their own subtree's commitments; another unit's answers 404, never 403.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xiaoneng.commitments import actions, figures, forms
from xiaoneng.commitments.models import (
    BreachNotice,
    Campaign,
    CommitmentItem,
    FulfilmentCheck,
    ItemStatus,
    Milestone,
    UnitCommitment,
)
from xiaoneng.org.access import scope_to_user
from xiaoneng.trace.models import EventAttachment

VIEW = "commitments.view_unitcommitment"
PAGE_SIZE = 50


def visible_commitments(user) -> QuerySet[UnitCommitment]:
    return scope_to_user(UnitCommitment.objects.all(), user)


@login_required
@permission_required(VIEW, raise_exception=True)
def index(request: HttpRequest) -> HttpResponse:
    campaigns = list(Campaign.objects.all())
    chosen = next((c for c in campaigns if c.public_id == request.GET.get("campaign")), None)
    rows = (
        visible_commitments(request.user)
        .select_related("unit", "campaign")
        .annotate(
            n_items=Count("items"),
            n_fulfilled=Count("items", filter=Q(items__status=ItemStatus.FULFILLED)),
            n_breached=Count("items", filter=Q(items__status=ItemStatus.BREACHED)),
        )
        .order_by("-campaign__starts_on", "campaign__pk", "unit__sort_order", "unit__pk")
    )
    if chosen:
        rows = rows.filter(campaign=chosen)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "commitments/index.html",
        {
            "campaigns": campaigns,
            "chosen": chosen,
            "page": page,
            "query": f"campaign={chosen.public_id}" if chosen else "",
            "figures": figures.campaign_figures(chosen) if chosen else None,
            "can_manage": request.user.has_perm("commitments.manage_commitments"),
            "drafts": BreachNotice.objects.filter(state="draft").select_related(
                "breach__item__commitment__unit"
            )
            if request.user.has_perm("commitments.publish_notice")
            else [],
        },
    )


@login_required
@permission_required("commitments.manage_commitments", raise_exception=True)
def campaign_new(request: HttpRequest) -> HttpResponse:
    form = forms.CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = actions.do_create_campaign(actor=request.user, **form.cleaned_data)
        except actions.CommitmentError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Saved."))
            return redirect(f"{reverse('commitments:index')}?campaign={campaign.public_id}")
    return render(request, "commitments/form.html", {"form": form, "heading": _("New commitment campaign")})


@login_required
@permission_required("commitments.manage_commitments", raise_exception=True)
def commitment_new(request: HttpRequest, public_id: str) -> HttpResponse:
    campaign = get_object_or_404(Campaign, public_id=public_id)
    form = forms.CommitmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            commitment = actions.do_record_commitment(campaign, actor=request.user, **form.cleaned_data)
        except actions.CommitmentError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Saved."))
            return redirect(commitment)
    return render(
        request,
        "commitments/form.html",
        {"form": form, "heading": campaign.name, "subheading": _("Record a unit's commitment")},
    )


def _commitment(request: HttpRequest, public_id: str) -> UnitCommitment:
    if not request.user.has_perm(VIEW):
        raise PermissionDenied
    return get_object_or_404(
        visible_commitments(request.user).select_related("unit", "campaign"), public_id=public_id
    )


def items_of(commitment: UnitCommitment) -> QuerySet[CommitmentItem]:
    return commitment.items.select_related("breach__matter", "breach__notice").prefetch_related(
        "milestones", Prefetch("checks", FulfilmentCheck.objects.select_related("checked_by"))
    )


def item_files(commitment: UnitCommitment) -> QuerySet[EventAttachment]:
    """Evidence of every item of the commitment: attachments of the items' trace events."""
    from django.contrib.contenttypes.models import ContentType

    return (
        EventAttachment.objects.filter(
            event__content_type=ContentType.objects.get_for_model(CommitmentItem),
            event__object_id__in=commitment.items.values("pk"),
        )
        .select_related("event")
        .order_by("pk")
    )


def _detail(request: HttpRequest, commitment: UnitCommitment, **extra) -> HttpResponse:
    user = request.user
    items = list(items_of(commitment))
    files = item_files(commitment)
    context = {
        "commitment": commitment,
        "items": items,
        "files": files,
        "can_report": actions.can_report(user, commitment),
        "can_manage": user.has_perm("commitments.manage_commitments"),
        "can_check": user.has_perm("commitments.check_fulfilment"),
        "can_publish": user.has_perm("commitments.publish_notice"),
        "item_form": forms.ItemForm(prefix="item"),
        "progress_form": forms.ProgressForm(prefix="progress"),
        "milestone_form": forms.MilestoneForm(prefix="milestone"),
        "check_form": forms.CheckForm(prefix="check"),
        "breach_form": forms.BreachForm(prefix="breach"),
        "notice_form": forms.NoticeForm(prefix="notice"),
    }
    context.update(extra)
    return render(request, "commitments/detail.html", context)


@login_required
def detail(request: HttpRequest, public_id: str) -> HttpResponse:
    return _detail(request, _commitment(request, public_id))


def _run(
    request: HttpRequest, commitment: UnitCommitment, form, call: Callable[[dict], object], failed: str
) -> HttpResponse:
    if not form.is_valid():
        return _detail(request, commitment, failed=failed, **{f"{failed}_form": form})
    try:
        call(form.cleaned_data)
    except actions.NotPermitted as error:
        raise PermissionDenied(str(error)) from error
    except actions.CommitmentError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Saved."))
    return redirect(commitment)


@login_required
@require_POST
def item_new(request: HttpRequest, public_id: str) -> HttpResponse:
    commitment = _commitment(request, public_id)
    if not request.user.has_perm("commitments.manage_commitments"):
        raise PermissionDenied
    form = forms.ItemForm(request.POST, prefix="item")
    return _run(
        request, commitment, form, lambda d: actions.do_add_item(commitment, actor=request.user, **d), "item"
    )


@login_required
@require_POST
def item_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    item = get_object_or_404(CommitmentItem.objects.select_related("commitment"), pk=pk)
    commitment = _commitment(request, item.commitment.public_id)
    user = request.user
    allowed = (
        actions.can_report(user, commitment)
        if action in ("progress", "milestone")
        else user.has_perm("commitments.check_fulfilment")
    )
    if not allowed:
        raise PermissionDenied
    if action == "progress":
        form = forms.ProgressForm(request.POST, request.FILES, prefix="progress")
        call = lambda d: actions.do_report_progress(item, actor=user, **d)  # noqa: E731
    elif action == "milestone":
        form = forms.MilestoneForm(request.POST, prefix="milestone")
        call = lambda d: actions.do_add_milestone(item, actor=user, **d)  # noqa: E731
    elif action == "check":
        form = forms.CheckForm(request.POST, prefix="check")
        call = lambda d: actions.do_record_check(item, actor=user, **d)  # noqa: E731
    elif action == "breach":
        form = forms.BreachForm(request.POST, prefix="breach")
        call = lambda d: actions.do_record_breach(item, actor=user, **d)  # noqa: E731
    else:
        raise Http404
    return _run(request, commitment, form, call, action)


@login_required
@require_POST
def milestone_done(request: HttpRequest, pk: int) -> HttpResponse:
    milestone = get_object_or_404(Milestone.objects.select_related("item__commitment"), pk=pk)
    commitment = _commitment(request, milestone.item.commitment.public_id)
    from django.utils import timezone

    try:
        actions.do_complete_milestone(milestone, actor=request.user, done_on=timezone.localdate())
    except actions.NotPermitted as error:
        raise PermissionDenied(str(error)) from error
    except actions.CommitmentError as error:
        messages.error(request, str(error))
    return redirect(commitment)


@login_required
@require_POST
def notice_publish(request: HttpRequest, pk: int) -> HttpResponse:
    notice = get_object_or_404(BreachNotice.objects.select_related("breach__item__commitment"), pk=pk)
    commitment = _commitment(request, notice.breach.item.commitment.public_id)
    if not request.user.has_perm("commitments.publish_notice"):
        raise PermissionDenied
    form = forms.NoticeForm(request.POST, prefix="notice")
    return _run(
        request,
        commitment,
        form,
        lambda d: actions.do_publish_notice(notice, actor=request.user, request=request, **d),
        "notice",
    )


@login_required
def evidence(request: HttpRequest, public_id: str, pk: int) -> FileResponse:
    commitment = _commitment(request, public_id)
    file = get_object_or_404(item_files(commitment), pk=pk)
    return FileResponse(file.file.open("rb"), filename=file.name)
