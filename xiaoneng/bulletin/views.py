"""The editors' screens: issues, their items, center-news drafts, publishing and downloads.

Readers (every signed-in role holding bulletin.view_issue) see published issues; an issue in
preparation is the editors' only, and answers 404 to everyone else.
"""

from __future__ import annotations

import datetime
import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xiaoneng.audit.log import record
from xiaoneng.bulletin import actions, export, forms
from xiaoneng.bulletin.models import Issue, IssueState, Item, ItemKind, SubmissionState
from xiaoneng.documents.fonts import FontMissing
from xiaoneng.news import NewsDraft, providers

log = logging.getLogger(__name__)


def _reader(request: HttpRequest) -> None:
    if not request.user.has_perm("bulletin.view_issue"):
        raise PermissionDenied


def _editor(request: HttpRequest) -> None:
    if not actions.can_edit(request.user):
        raise PermissionDenied


def _issue(request: HttpRequest, year: int, number: int) -> Issue:
    _reader(request)
    issue = get_object_or_404(Issue, year=year, number=number)
    if not issue.is_published and not actions.can_edit(request.user):
        raise Http404
    return issue


def _draft_issue(request: HttpRequest, year: int, number: int) -> Issue:
    """An issue in preparation, for the editors' screens: a published one is frozen (404 here)."""
    issue = _issue(request, year, number)
    _editor(request)
    if issue.is_published:
        raise Http404
    return issue


def _item(request: HttpRequest, pk: int) -> Item:
    _editor(request)
    return get_object_or_404(Item.objects.select_related("issue", "section"), pk=pk)


@login_required
def index(request: HttpRequest) -> HttpResponse:
    _reader(request)
    issues = Issue.objects.annotate(item_count=Count("items")).order_by("-year", "-number")
    if not actions.can_edit(request.user):
        issues = issues.filter(state=IssueState.PUBLISHED)
    page = Paginator(issues, 20).get_page(request.GET.get("page"))
    return render(request, "bulletin/index.html", {
        "page": page, "issues": page.object_list, "can_edit": actions.can_edit(request.user),
        "can_submit": actions.can_submit(request.user)})


@login_required
def issue_new(request: HttpRequest) -> HttpResponse:
    _editor(request)
    form = forms.IssueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            issue = actions.do_create_issue(actor=request.user, **form.cleaned_data)
        except actions.BulletinError as error:
            form.add_error(None, str(error))
        else:
            return redirect(issue)
    return render(request, "bulletin/issue_form.html", {"form": form})


@login_required
def issue_edit(request: HttpRequest, year: int, number: int) -> HttpResponse:
    issue = _draft_issue(request, year, number)
    form = forms.IssueForm(request.POST or None, instance=Issue.objects.get(pk=issue.pk))
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_update_issue(issue, actor=request.user, **form.cleaned_data)
        except actions.BulletinError as error:
            form.add_error(None, str(error))
        else:
            return redirect(issue)
    return render(request, "bulletin/issue_form.html", {"form": form, "issue": issue})


@login_required
def issue_detail(request: HttpRequest, year: int, number: int) -> HttpResponse:
    issue = _issue(request, year, number)
    can_edit = actions.can_edit(request.user) and not issue.is_published
    context = {"issue": issue, "sections": export.sections_of(issue), "can_edit": can_edit,
               "bulletin": export.bulletin_of(issue)}
    if can_edit:
        context["pending"] = issue.submissions.filter(state=SubmissionState.SUBMITTED).select_related("unit")
        context["item_form"] = forms.ItemForm()
    return render(request, "bulletin/issue.html", context)


def center_news(request: HttpRequest, start: datetime.date, end: datetime.date) -> list[NewsDraft]:
    """xiaoneng.news.center_news, one provider at a time: one that fails is logged and named to the
    editor, and the others' drafts are still offered."""
    drafts: list[NewsDraft] = []
    for module in providers():
        if not hasattr(module, "center_news"):
            continue
        try:
            drafts.extend(module.center_news(start, end))
        except Exception:
            log.exception("center news of %s failed", module.__name__)
            messages.warning(request, _("No drafts from %(module)s: its figures could not be computed.")
                             % {"module": module.__name__})
    return drafts


def _period(request: HttpRequest, issue: Issue):
    start, end = issue.default_period()
    start = parse_date(request.GET.get("start") or "") or start
    end = parse_date(request.GET.get("end") or "") or end
    return (start, end) if start <= end else (end, start)


@login_required
def drafts(request: HttpRequest, year: int, number: int) -> HttpResponse:
    """中心动态 drafted from every mechanism's figures for the period; the editor picks what to use."""
    issue = _draft_issue(request, year, number)
    start, end = _period(request, issue)
    available = center_news(request, start, end)
    if request.method == "POST":
        chosen = set(request.POST.getlist("key"))
        added = 0
        for draft in available:
            if draft.key in chosen:
                try:
                    actions.do_add_center_draft(issue, draft, actor=request.user)
                except actions.BulletinError as error:
                    messages.error(request, str(error))
                    break
                added += 1
        if added:
            messages.success(request, _("%(count)s drafts added to the issue.") % {"count": added})
        return redirect(issue)
    used = set(issue.items.filter(kind=ItemKind.CENTER).values_list("draft_key", flat=True))
    return render(request, "bulletin/drafts.html", {
        "issue": issue, "drafts": available, "start": start, "end": end, "used": used})


@login_required
def item_new(request: HttpRequest, year: int, number: int) -> HttpResponse:
    issue = _draft_issue(request, year, number)
    form = forms.ItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_add_item(issue, actor=request.user, **form.cleaned_data)
        except actions.BulletinError as error:
            form.add_error(None, str(error))
        else:
            return redirect(issue)
    return render(request, "bulletin/item_form.html", {"form": form, "issue": issue})


@login_required
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    initial = {"title": item.title, "text": item.text, "source": item.source, "source_date": item.source_date}
    form = forms.ItemEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.do_update_item(item, actor=request.user, title=data["title"], text=data["text"],
                                   source=data["source"] if item.kind == ItemKind.REPRINT else None,
                                   source_date=data["source_date"])
        except actions.BulletinError as error:
            form.add_error(None, str(error))
        else:
            return redirect(item.issue)
    return render(request, "bulletin/item_form.html", {"form": form, "issue": item.issue, "item": item})


@login_required
@require_POST
def item_move(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    try:
        actions.do_move_item(item, actor=request.user, up=request.POST.get("direction") != "down")
    except actions.BulletinError as error:
        messages.error(request, str(error))
    return redirect(item.issue)


@login_required
@require_POST
def item_remove(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    issue = item.issue
    try:
        actions.do_remove_item(item, actor=request.user)
    except actions.BulletinError as error:
        messages.error(request, str(error))
    return redirect(issue)


@login_required
@require_POST
def publish(request: HttpRequest, year: int, number: int) -> HttpResponse:
    issue = _draft_issue(request, year, number)
    try:
        actions.do_publish_issue(issue, actor=request.user)
    except actions.BulletinError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The issue is published."))
    return redirect(issue)


@login_required
def download(request: HttpRequest, year: int, number: int, fmt: str) -> HttpResponse:
    issue = _issue(request, year, number)
    if fmt not in export.FORMATS:
        raise Http404
    try:
        data = export.render(issue, fmt)
    except FontMissing as error:
        messages.error(request, str(error))
        return redirect(issue)
    record("bulletin.exported", request=request, target=issue, detail={"format": fmt})
    from xiaoneng.web.exports import _disposition

    response = HttpResponse(data, content_type=export.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = _disposition(export.filename(issue, fmt))
    return response
