"""Staff screens of the Snail Award: candidates, items, batches and publication."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xiaoneng.snail import actions, forms
from xiaoneng.snail.models import Batch, Item, ItemState
from xiaoneng.trace.chain import events_for

VIEW = "snail.view_item"


def _viewer(view):
    return login_required(permission_required(VIEW, raise_exception=True)(view))


def _manager(view):
    """POST only, and only for those who manage the award (403 for other viewers)."""
    return _viewer(require_POST(permission_required(actions.MANAGE, raise_exception=True)(view)))


def _index(request: HttpRequest, status: int = 200, **bound) -> HttpResponse:
    items = Item.objects.filter(state=ItemState.CANDIDATE).select_related("unit", "matter")
    manages = request.user.has_perm(actions.MANAGE)
    return render(request, "snail/index.html", {
        "page": Paginator(items, 25).get_page(request.GET.get("page")),
        "batches": Batch.objects.all()[:20], "manages": manages,
        "item_form": bound.get("item_form") or (forms.ItemForm() if manages else None),
        "batch_form": bound.get("batch_form") or (forms.BatchForm() if manages else None),
    }, status=status)


@_viewer
def index(request: HttpRequest) -> HttpResponse:
    return _index(request)


@_manager
def propose(request: HttpRequest) -> HttpResponse:
    items = actions.do_propose_candidates(actor=request.user)
    messages.success(request, _("%(n)s new candidates from the data.") % {"n": len(items)})
    return redirect("snail:index")


@_manager
def item_new(request: HttpRequest) -> HttpResponse:
    form = forms.ItemForm(request.POST)
    if form.is_valid():
        try:
            item = actions.do_add_item(actor=request.user, **form.cleaned_data)
        except actions.SnailError as error:
            form.add_error(None, error.message)
        else:
            return redirect(item)
    return _index(request, status=400, item_form=form)


@_manager
def batch_new(request: HttpRequest) -> HttpResponse:
    form = forms.BatchForm(request.POST)
    if form.is_valid():
        return redirect(actions.do_create_batch(actor=request.user, **form.cleaned_data))
    return _index(request, status=400, batch_form=form)


@_viewer
def item(request: HttpRequest, public_id: str) -> HttpResponse:
    item = get_object_or_404(Item.objects.select_related("unit", "matter", "batch", "rectification"),
                             public_id=public_id)
    return render(request, "snail/item.html", {
        "item": item, "events": events_for(item), "manages": request.user.has_perm(actions.MANAGE),
        "select_form": forms.SelectForm(), "reason_form": forms.ReasonForm(),
    })


@_manager
def item_act(request: HttpRequest, public_id: str, action: str) -> HttpResponse:
    item = get_object_or_404(Item, public_id=public_id)
    try:
        if action == "select":
            form = forms.SelectForm(request.POST)
            if not form.is_valid():
                raise actions.SnailError(_("Choose a batch in preparation."))
            actions.do_select_item(item, actor=request.user, batch=form.cleaned_data["batch"])
        elif action == "unselect":
            actions.do_unselect_item(item, actor=request.user)
        elif action == "dismiss":
            actions.do_dismiss_item(item, actor=request.user, reason=request.POST.get("reason", ""))
        else:
            return HttpResponse(status=404)
    except actions.SnailError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Saved."))
    return redirect(item)


@_viewer
def batch(request: HttpRequest, public_id: str) -> HttpResponse:
    batch = get_object_or_404(Batch, public_id=public_id)
    return render(request, "snail/batch.html", {
        "batch": batch, "events": events_for(batch),
        "items": batch.items.select_related("unit", "rectification").prefetch_related("co_units"),
        "publishes": request.user.has_perm(actions.PUBLISH),
    })


@_viewer
@require_POST
def batch_publish(request: HttpRequest, public_id: str) -> HttpResponse:
    batch = get_object_or_404(Batch, public_id=public_id)
    if not request.user.has_perm(actions.PUBLISH):
        return HttpResponse(status=403)
    try:
        actions.do_publish_batch(batch, actor=request.user, request=request)
    except actions.SnailError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Published."))
    return redirect(batch)
