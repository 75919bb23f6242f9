"""Staff screens for notices: list, draft (by hand or from a record), edit, approve, publish, DOCX."""

from __future__ import annotations

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xiaoneng.audit.log import record as audit
from xiaoneng.notices.actions import (
    APPROVE,
    DRAFT,
    DRAFTERS,
    NoticeError,
    do_approve_notice,
    do_draft_from,
    do_draft_notice,
    do_edit_notice,
    do_publish_notice,
    notice_docx,
)
from xiaoneng.notices.forms import NoticeForm
from xiaoneng.notices.models import EVENT_LABELS, Notice, NoticeState
from xiaoneng.web.exports import _disposition

VIEW = "notices.view_notice"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@login_required
@permission_required(VIEW, raise_exception=True)
def notice_list(request: HttpRequest) -> HttpResponse:
    notices = Notice.objects.all()
    state = request.GET.get("state", "")
    if state in NoticeState.values:
        notices = notices.filter(state=state)
    page = Paginator(notices, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "notices/list.html",
        {
            "page": page,
            "states": NoticeState.choices,
            "query": f"state={state}",
            "can_draft": request.user.has_perm(DRAFT),
        },
    )


@login_required
@permission_required(DRAFT, raise_exception=True)
def notice_new(request: HttpRequest) -> HttpResponse:
    form = NoticeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            notice = do_draft_notice(
                kind=data["kind"],
                title=data["title"],
                body=data["body"],
                actor=request.user,
                units=data["units"],
                recipient=data["recipient"],
            )
        except NoticeError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect(notice)
    return render(request, "notices/form.html", {"form": form})


@require_POST
@login_required
@permission_required(DRAFT, raise_exception=True)
def notice_draft_from(request: HttpRequest, model: str, pk: int) -> HttpResponse:
    label = model.replace("-", ".")
    if label not in DRAFTERS:
        raise Http404
    source = get_object_or_404(apps.get_model(label), pk=pk)
    try:
        notice = do_draft_from(source, request.user)
    except NoticeError as exc:
        messages.error(request, exc.message)
        return redirect("notices:list")
    messages.success(request, _("A draft was made from the record; check it before approval."))
    return redirect(notice)


@login_required
@permission_required(VIEW, raise_exception=True)
def notice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    from xiaoneng.trace.chain import events_for

    notice = get_object_or_404(Notice.objects.select_related("drafted_by", "approved_by"), pk=pk)
    events = [(e, EVENT_LABELS.get(e.kind, e.kind)) for e in events_for(notice).select_related("actor")]
    return render(
        request,
        "notices/detail.html",
        {
            "notice": notice,
            "events": events,
            "subjects": notice.subjects.select_related("unit", "person").order_by("pk"),
            "can_draft": request.user.has_perm(DRAFT),
            "can_approve": request.user.has_perm(APPROVE),
        },
    )


@login_required
@permission_required(DRAFT, raise_exception=True)
def notice_edit(request: HttpRequest, pk: int) -> HttpResponse:
    notice = get_object_or_404(Notice, pk=pk)
    initial = {
        "kind": notice.kind,
        "title": notice.title,
        "recipient": notice.recipient,
        "body": notice.body,
        "units": [s.unit_id for s in notice.subjects.filter(unit__isnull=False)],
    }
    form = NoticeForm(request.POST or None, initial=initial)
    form.fields["kind"].disabled = True
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            do_edit_notice(
                notice,
                request.user,
                title=data["title"],
                body=data["body"],
                recipient=data["recipient"],
                units=data["units"],
            )
        except NoticeError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect(notice)
    return render(request, "notices/form.html", {"form": form, "notice": notice})


def _decide(request: HttpRequest, pk: int, action, done: str) -> HttpResponse:
    notice = get_object_or_404(Notice, pk=pk)
    try:
        action(notice, request.user, request=request)
    except NoticeError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return redirect(notice)


@require_POST
@login_required
@permission_required(APPROVE, raise_exception=True)
def notice_approve(request: HttpRequest, pk: int) -> HttpResponse:
    return _decide(request, pk, do_approve_notice, _("The notice was approved and numbered."))


@require_POST
@login_required
@permission_required(APPROVE, raise_exception=True)
def notice_publish(request: HttpRequest, pk: int) -> HttpResponse:
    return _decide(request, pk, do_publish_notice, _("The notice is published on the portal."))


def docx_response(notice: Notice) -> HttpResponse:
    response = HttpResponse(notice_docx(notice), content_type=DOCX_TYPE)
    response["Content-Disposition"] = _disposition(f"{notice.doc_no or notice.title}.docx")
    return response


@login_required
@permission_required(VIEW, raise_exception=True)
def notice_docx_download(request: HttpRequest, pk: int) -> HttpResponse:
    notice = get_object_or_404(Notice, pk=pk)
    audit("notices.export", actor=request.user, request=request, target=notice)
    return docx_response(notice)
