"""Matter screens: the list, the detail with its timeline and action forms, one post view per action."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_POST

from xiaoneng.matters import actions, forms
from xiaoneng.matters.models import Matter, Resolution, Verdict
from xiaoneng.matters.transitions import RULES, MatterError, NotPermitted, allowed_actions
from xiaoneng.org.access import visible_units
from xiaoneng.search.index import search_matters
from xiaoneng.trace.chain import events_for


def _pending(matter: Matter):
    extension = matter.pending_extension
    if extension is None:
        raise MatterError(_("There is no extension request to decide."))
    return extension


# action -> (form class, call of the action function with the form's cleaned data)
ACTIONS: dict[str, tuple[type, Callable]] = {
    "assign": (forms.AssignForm, lambda m, u, d: actions.do_assign_matter(
        m, actor=u, unit=d["unit"], co_units=d["co_units"], time_limit=d["time_limit"], note=d["note"])),
    "reject": (forms.ReasonForm, lambda m, u, d: actions.do_reject_matter(m, actor=u, reason=d["reason"])),
    "sign": (forms.SignForm, lambda m, u, d: actions.do_sign_matter(m, actor=u)),
    "return": (forms.ReasonForm, lambda m, u, d: actions.do_return_matter(m, actor=u, reason=d["reason"])),
    "reply": (forms.ReplyForm, lambda m, u, d: actions.do_reply_matter(m, actor=u, reply=d["reply"])),
    "approve_reply": (forms.ApproveForm, lambda m, u, d: actions.do_approve_reply(
        m, actor=u, approve=d["approve"] == "yes", note=d["note"])),
    "verify": (forms.VerifyForm, lambda m, u, d: actions.do_verify_matter(
        m, actor=u, verdict=d["verdict"], resolution=d["resolution"], note=d["note"])),
    "close": (forms.CloseForm, lambda m, u, d: actions.do_close_matter(
        m, actor=u, resolution=d["resolution"], outcome=d["outcome"])),
    "reopen": (forms.ReopenForm, lambda m, u, d: actions.do_reopen_matter(
        m, actor=u, reason=d["reason"], time_limit=d["time_limit"])),
    "pause": (forms.ReasonForm, lambda m, u, d: actions.do_pause_matter(m, actor=u, reason=d["reason"])),
    "resume": (forms.NoteForm, lambda m, u, d: actions.do_resume_matter(m, actor=u, note=d["note"])),
    "request_extension": (forms.ExtensionRequestForm, lambda m, u, d: actions.do_request_extension(
        m, actor=u, workdays=d["workdays"], reason=d["reason"])),
    "decide_extension": (forms.ExtensionDecisionForm, lambda m, u, d: actions.do_decide_extension(
        _pending(m), actor=u, grant=d["grant"] == "yes", workdays=d["workdays"], note=d["note"])),
    "urge": (forms.NoteForm, lambda m, u, d: actions.do_urge_matter(m, actor=u, note=d["note"])),
    "order": (forms.NoteForm, lambda m, u, d: actions.do_order_matter(m, actor=u, note=d["note"])),
    "refer": (forms.NoteForm, lambda m, u, d: actions.do_refer_matter(m, actor=u, note=d["note"])),
}

EVENT_LABELS = {
    "received": pgettext_lazy("matter event", "received"),
    "assigned": pgettext_lazy("matter event", "assigned"),
    "rejected": pgettext_lazy("matter event", "rejected"),
    "signed": pgettext_lazy("matter event", "signed for by the unit"),
    "returned": pgettext_lazy("matter event", "returned by the unit"),
    "replied": pgettext_lazy("matter event", "replied"),
    "reply_approved": pgettext_lazy("matter event", "reply approved by the head"),
    "reply_sent_back": pgettext_lazy("matter event", "reply sent back by the head"),
    "verified": pgettext_lazy("matter event", "verified"),
    "closed": pgettext_lazy("matter event", "closed"),
    "reopened": pgettext_lazy("matter event", "reopened"),
    "paused": pgettext_lazy("matter event", "paused"),
    "resumed": pgettext_lazy("matter event", "resumed"),
    "extension_requested": pgettext_lazy("matter event", "extension requested"),
    "extension_granted": pgettext_lazy("matter event", "extension granted"),
    "extension_refused": pgettext_lazy("matter event", "extension refused"),
    "urged": pgettext_lazy("matter event", "urged"),
    "supervision_order": pgettext_lazy("matter event", "supervision order issued"),
    "referred": pgettext_lazy("matter event", "referred for accountability"),
    "due_soon": pgettext_lazy("matter event", "due soon (yellow)"),
    "overdue": pgettext_lazy("matter event", "overdue (red)"),
    "deadline_recomputed": pgettext_lazy("matter event", "deadline recomputed"),
    # written by xiaoneng.documents (do_issue_document) with an urge notice or supervision order
    "document_issued": pgettext_lazy("matter event", "official document issued"),
}
DATA_LABELS = {
    "unit_name": gettext_lazy("unit"), "deadline": gettext_lazy("deadline"),
    "reason": gettext_lazy("reason"), "reply": gettext_lazy("reply"), "note": gettext_lazy("note"),
    "verdict": gettext_lazy("verification"), "resolution": gettext_lazy("resolution"),
    "outcome": gettext_lazy("outcome"), "workdays": gettext_lazy("working days"),
    "paused_workdays": gettext_lazy("working days paused"), "time_limit": gettext_lazy("time limit"),
}


def _shown(key: str, value):
    choices = {"verdict": Verdict, "resolution": Resolution}.get(key)
    if choices is not None and value in choices.values:
        return choices(value).label
    return value


def _visible(request: HttpRequest, public_id: str) -> Matter:
    # Another unit's matter answers 404, exactly like one that does not exist.
    return get_object_or_404(
        Matter.objects.visible_to(request.user).select_related("kind", "unit", "rejected_by"),
        public_id=public_id,
    )


@login_required
@permission_required("matters.view_matter", raise_exception=True)
def matter_list(request: HttpRequest) -> HttpResponse:
    units = visible_units(request.user)
    filters = forms.FilterForm(request.GET or None, units=units)
    matters = Matter.objects.visible_to(request.user).select_related("kind", "unit")
    if filters.is_valid():
        data = filters.cleaned_data
        for field in ("state", "colour", "kind", "unit"):
            if data.get(field):
                matters = matters.filter(**{field: data[field]})
        if data.get("q"):
            matters = search_matters(matters, data["q"], user=request.user)
    page = Paginator(matters, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "matters/list.html", {
        "page": page, "filters": filters, "query": query.urlencode(),
        "can_receive": request.user.has_perm("matters.receive_matter"),
    })


@login_required
@permission_required("matters.receive_matter", raise_exception=True)
def matter_new(request: HttpRequest) -> HttpResponse:
    form = forms.ReceiveForm(request.POST or None)
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            matter = actions.do_receive_matter(actor=request.user, **form.cleaned_data)
        except MatterError as exc:
            error = str(exc)
        else:
            return redirect(matter)
    return render(request, "matters/new.html", {"form": form, "error": error},
                  status=400 if error or form.errors else 200)


def timeline(matter: Matter, event_labels: dict | None = None, data_labels: dict | None = None) -> list[dict]:
    """The matter's trace as timeline items; other mechanisms add labels of their own events."""
    labels = EVENT_LABELS | (event_labels or {})
    shown = DATA_LABELS | (data_labels or {})
    return [
        {"event": e, "label": labels.get(e.kind, e.kind),
         "details": [(shown[k], _shown(k, e.data[k])) for k in shown if e.data.get(k) not in (None, "")],
         "attachments": list(e.attachments.all()), "document": _document(e)}
        for e in events_for(matter).select_related("actor").prefetch_related("attachments")
    ]


def _document(event) -> dict | None:
    """The number and title of the document a "document_issued" event records."""
    if event.kind != "document_issued" or not event.data.get("document"):
        return None
    return {"pk": event.data["document"], "number": event.data.get("number", ""),
            "title": event.data.get("title", "")}


def downloadable_documents(user, matter: Matter) -> set[int]:
    """The ids of the matter's issued documents the user may download (documents:file)."""
    from django.contrib.contenttypes.models import ContentType

    from xiaoneng.documents.models import IssuedDocument

    mine = IssuedDocument.objects.filter(content_type=ContentType.objects.get_for_model(Matter),
                                         object_id=matter.pk)
    return set(mine.visible_to(user).values_list("pk", flat=True))


def detail_context(request: HttpRequest, matter: Matter, *, failed: str | None = None, form=None,
                   error: str | None = None, action_forms: dict | None = None) -> dict:
    """What matters/detail.html needs; complaints' detail page extends it (`action_forms`:
    form classes replacing matters' own for some actions)."""
    offered = []
    for name in allowed_actions(request.user, matter):
        form_class = (action_forms or {}).get(name) or ACTIONS[name][0]
        offered.append({"name": name, "label": RULES[name].label,
                        "form": form if name == failed else form_class(prefix=name)})
    left = matter.workdays_left(timezone.localdate()) if matter.clock_running else None
    return {
        "matter": matter, "actions": offered, "events": timeline(matter), "error": error, "failed": failed,
        "extensions": matter.extensions.select_related("requested_by", "decided_by"),
        "workdays_left": left, "workdays_late": -left if left is not None and left < 0 else None,
        "act_view": "matters:act", "downloadable": downloadable_documents(request.user, matter),
    }


def _detail(request: HttpRequest, matter: Matter, *, failed: str | None = None, form=None,
            error: str | None = None, status: int = 200) -> HttpResponse:
    context = detail_context(request, matter, failed=failed, form=form, error=error)
    return render(request, "matters/detail.html", context, status=status)


@login_required
@permission_required("matters.view_matter", raise_exception=True)
def matter_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    matter = _visible(request, public_id)
    if hasattr(matter, "complaint"):
        # A complaint's own page shows the unit only the redacted text and protects the reporter.
        return redirect(matter.complaint)
    return _detail(request, matter)


@require_POST
@login_required
@permission_required("matters.view_matter", raise_exception=True)
def matter_act(request: HttpRequest, public_id: str, action: str) -> HttpResponse:
    if action not in ACTIONS:
        raise Http404
    matter = _visible(request, public_id)
    if hasattr(matter, "complaint"):
        raise Http404  # complaints are handled at /complaints/<id>/act/ (redaction, attachments)
    form_class, call = ACTIONS[action]
    form = form_class(request.POST, prefix=action)
    if not form.is_valid():
        return _detail(request, matter, failed=action, form=form,
                       error=_("Please correct the form."), status=400)
    try:
        call(matter, request.user, form.cleaned_data)
    except MatterError as exc:
        matter.refresh_from_db()
        return _detail(request, matter, failed=action, form=form, error=str(exc),
                       status=403 if isinstance(exc, NotPermitted) else 409)
    messages.success(request, _("Done: %(action)s.") % {"action": RULES[action].label})
    return redirect(matter)
