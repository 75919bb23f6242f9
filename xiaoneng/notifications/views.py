"""The inbox, the user's channel switches and the administrators' view of the outbox."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from xiaoneng.notifications.actions import (
    do_mark_all_read,
    do_mark_read,
    do_retry_delivery,
    do_set_preferences,
)
from xiaoneng.notifications.models import Delivery, DeliveryState, Notification, Preference
from xiaoneng.notifications.templatetags.notifications_tags import unread_count

PAGE_SIZE = 30


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    notifications = Notification.objects.filter(recipient=request.user)
    unread_only = request.GET.get("unread") == "1"
    if unread_only:
        notifications = notifications.filter(read_at__isnull=True)
    page = Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "notifications/inbox.html", {
        "page": page, "unread_only": unread_only, "query": "unread=1" if unread_only else "",
        "unread": unread_count(request.user),
    })


@login_required
def unread(request: HttpRequest) -> JsonResponse:
    """The count for the navigation badge (fetched by notifications/unread.js)."""
    return JsonResponse({"unread": unread_count(request.user)})


@require_POST
@login_required
def mark_read(request: HttpRequest, pk: int) -> HttpResponse:
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    do_mark_read(notification, actor=request.user)
    if request.POST.get("open") and url_has_allowed_host_and_scheme(
            notification.url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(notification.url)
    return redirect("notifications:inbox")


@require_POST
@login_required
def mark_all_read(request: HttpRequest) -> HttpResponse:
    count = do_mark_all_read(actor=request.user)
    messages.success(request, gettext("%(count)d notification(s) marked read.") % {"count": count})
    return redirect("notifications:inbox")


class PreferenceForm(forms.ModelForm):
    class Meta:
        model = Preference
        fields = ["email", "sms", "wechat"]
        labels = {"email": _("E-mail"), "sms": _("SMS"), "wechat": _("WeChat work group")}


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    pref = Preference.objects.filter(user=request.user).first() or Preference(user=request.user)
    form = PreferenceForm(request.POST or None, instance=pref)
    if request.method == "POST" and form.is_valid():
        do_set_preferences(actor=request.user, **{name: form.cleaned_data[name] for name in form.fields})
        messages.success(request, gettext("Your notification settings were saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})


@login_required
@permission_required("notifications.view_delivery", raise_exception=True)
def delivery_list(request: HttpRequest) -> HttpResponse:
    state = request.GET.get("state", DeliveryState.FAILED)
    if state not in DeliveryState.values:
        state = DeliveryState.FAILED
    deliveries = Delivery.objects.filter(state=state).select_related("notification__recipient")
    page = Paginator(deliveries, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "notifications/deliveries.html", {
        "page": page, "state": state, "states": DeliveryState.choices, "query": f"state={state}",
    })


@require_POST
@login_required
@permission_required("notifications.change_delivery", raise_exception=True)
def delivery_retry(request: HttpRequest, pk: int) -> HttpResponse:
    do_retry_delivery(get_object_or_404(Delivery, pk=pk), actor=request.user)
    messages.success(request, gettext("The delivery will be tried again."))
    return redirect("notifications:deliveries")
