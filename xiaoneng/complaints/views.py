"""Staff and unit screens for complaints: intake, list, inbox, and the detail page (the matter's
detail extended with the complaint's facts), one post view per action.

Reporter protection: every lookup goes through visible_complaints (unit scope, never a named
person), units read the redacted text, and the identity is decrypted only in identity_view.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from xiaoneng.complaints import actions, forms
from xiaoneng.complaints.models import Complaint
from xiaoneng.matters import views as matter_views
from xiaoneng.matters.actions import do_reply_matter
from xiaoneng.matters.models import State
from xiaoneng.matters.transitions import RULES, WITH_UNIT, MatterError, NotPermitted
from xiaoneng.org.access import sees_all_units
from xiaoneng.trace.chain import events_for
from xiaoneng.trace.models import EventAttachment

EVENT_LABELS = {
    "marked_duplicate": pgettext_lazy("matter event", "marked as a duplicate"),
    "duplicate_received": pgettext_lazy("matter event", "a duplicate was joined to this complaint"),
    "redacted": pgettext_lazy("matter event", "text for the unit redacted"),
    "published": pgettext_lazy("matter event", "published"),
    "unpublished": pgettext_lazy("matter event", "withdrawn from the public list"),
    "rated": pgettext_lazy("matter event", "rated by the reporter"),
    "attention_dismissed": pgettext_lazy("matter event", "not reopened after an unsatisfied rating"),
}
DATA_LABELS = {
    "original": pgettext_lazy("complaint", "original complaint"),
    "duplicate": pgettext_lazy("complaint", "duplicate"),
    "satisfaction": pgettext_lazy("complaint", "satisfaction"),
    "summary": pgettext_lazy("complaint", "public summary"),
}


def _files(request: HttpRequest, data) -> list:
    from xiaoneng.complaints.uploads import UploadRejected, max_attachments, sanitise_upload

    uploads = request.FILES.getlist(data) if isinstance(data, str) else data
    if len(uploads) > max_attachments():
        raise actions.ComplaintError(_("At most %(n)d files.") % {"n": max_attachments()}, "too_many_files")
    try:
        return [sanitise_upload(upload) for upload in uploads]
    except UploadRejected as exc:
        raise actions.ComplaintError(exc.messages[0], "upload_rejected") from None


def _reply(complaint: Complaint, user, data: dict, request: HttpRequest):
    return do_reply_matter(complaint.matter, actor=user, reply=data["reply"],
                           attachments=_files(request, data.get("attachments") or []))


# Matters' actions, with complaints' own where a complaint needs more (evidence, the rating).
MATTER_ACTIONS: dict[str, tuple[type, Callable]] = {
    name: (form_class, lambda c, u, d, r, call=call: call(c.matter, u, d))
    for name, (form_class, call) in matter_views.ACTIONS.items()
} | {
    "reply": (forms.ComplaintReplyForm, _reply),
    "reopen": (matter_views.ACTIONS["reopen"][0],
               lambda c, u, d, r: actions.do_reopen_complaint(c, actor=u, reason=d["reason"],
                                                              time_limit=d["time_limit"])),
}

COMPLAINT_ACTIONS: dict[str, tuple[type, str, Callable]] = {
    "duplicate": (forms.DuplicateForm, "complaints.triage_complaint",
                  lambda c, u, d: actions.do_mark_duplicate(c, actor=u, original=_by_code(d["original"]))),
    "redact": (forms.RedactForm, "complaints.redact_complaint",
               lambda c, u, d: actions.do_redact(c, actor=u, unit_text=d["unit_text"])),
    "publish": (forms.PublishForm, "complaints.publish_complaint", lambda c, u, d: actions.do_set_public(
        c, actor=u, is_public=d["is_public"], public_summary=d["public_summary"])),
    "dismiss": (forms.DismissForm, "complaints.triage_complaint",
                lambda c, u, d: actions.do_dismiss_attention(c, actor=u, note=d["note"])),
}


def _by_code(code: str) -> Complaint:
    found = Complaint.objects.filter(tracking_code=code.strip().upper()).first()
    if found is None:
        raise actions.ComplaintError(_("There is no complaint with this tracking code."), "unknown_code")
    return found


def _visible(request: HttpRequest, public_id: str) -> Complaint:
    # Another unit's complaint, or one naming this user, answers 404 as if absent.
    return get_object_or_404(
        actions.visible_complaints(request.user).select_related(
            "matter", "matter__kind", "matter__unit", "accused_unit", "duplicate_of__matter"),
        matter__public_id=public_id,
    )


def _is_staff(user) -> bool:
    return sees_all_units(user) and user.has_perm("complaints.triage_complaint")


def _complaint_forms(request: HttpRequest, complaint: Complaint, failed: str | None, form) -> list[dict]:
    offered = []
    for name, (form_class, perm, _call) in COMPLAINT_ACTIONS.items():
        if not (request.user.has_perm(perm) and sees_all_units(request.user)):
            continue
        if name == "duplicate" and (complaint.matter.state not in (State.RECEIVED, State.RETURNED)
                                    or complaint.duplicate_of_id):
            continue
        if name == "dismiss" and not complaint.needs_attention:
            continue
        initial = {"unit_text": complaint.unit_text, "is_public": complaint.is_public,
                   "public_summary": complaint.public_summary}
        offered.append({"name": name, "label": _ACTION_LABELS[name],
                        "form": form if name == failed else form_class(prefix=name, initial=initial)})
    return offered


_ACTION_LABELS = {
    "duplicate": pgettext_lazy("complaint", "Mark as a duplicate"),
    "redact": pgettext_lazy("complaint", "Redact the text for the unit"),
    "publish": pgettext_lazy("complaint", "Public list"),
    "dismiss": pgettext_lazy("complaint", "Do not reopen"),
}


def _detail(request: HttpRequest, complaint: Complaint, *, failed: str | None = None, form=None,
            error: str | None = None, status: int = 200, identity=None) -> HttpResponse:
    matter = complaint.matter
    matter_failed = failed if failed in MATTER_ACTIONS else None
    context = matter_views.detail_context(
        request, matter, failed=matter_failed, form=form if matter_failed else None, error=error,
        action_forms={name: spec[0] for name, spec in MATTER_ACTIONS.items()},
    )
    staff = _is_staff(request.user)
    may_identify = request.user.has_perm("complaints.view_identity") and sees_all_units(request.user)
    context.update({
        "complaint": complaint, "staff": staff, "act_view": "complaints:act",
        "events": matter_views.timeline(matter, EVENT_LABELS, DATA_LABELS),
        "complaint_actions": _complaint_forms(request, complaint, failed, form),
        "shown_text": matter.description if staff else complaint.text_for_unit,
        "may_identify": may_identify, "identity": identity,
        "repeats": actions.repeat_count(complaint) if may_identify else None,
        "duplicates": complaint.duplicates.select_related("matter") if staff else (),
        "public_steps": actions.public_progress(complaint) if staff else (),
    })
    response = render(request, "complaints/detail.html", context, status=status)
    if identity is not None:
        response["Cache-Control"] = "no-store"
    return response


@login_required
@permission_required("complaints.view_complaint", raise_exception=True)
def complaint_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    return _detail(request, _visible(request, public_id))


@require_POST
@login_required
@permission_required("complaints.view_complaint", raise_exception=True)
def complaint_act(request: HttpRequest, public_id: str, action: str) -> HttpResponse:
    complaint = _visible(request, public_id)
    if action in MATTER_ACTIONS:
        form_class, call = MATTER_ACTIONS[action]
        label = RULES[action].label
    elif action in COMPLAINT_ACTIONS:
        form_class, _perm, simple = COMPLAINT_ACTIONS[action]
        call, label = (lambda c, u, d, r, simple=simple: simple(c, u, d)), _ACTION_LABELS[action]
    else:
        raise Http404
    form = form_class(request.POST, request.FILES, prefix=action)
    if not form.is_valid():
        return _detail(request, complaint, failed=action, form=form,
                       error=_("Please correct the form."), status=400)
    try:
        with transaction.atomic():
            call(complaint, request.user, form.cleaned_data, request)
    except (MatterError, actions.ComplaintError) as exc:
        complaint = _visible(request, public_id)
        return _detail(request, complaint, failed=action, form=form, error=str(exc),
                       status=403 if isinstance(exc, NotPermitted) else 409 if isinstance(exc, MatterError)
                       else 400)
    messages.success(request, _("Done: %(action)s.") % {"action": label})
    return redirect(complaint)


@never_cache
@require_POST
@login_required
@permission_required("complaints.view_identity", raise_exception=True)
def identity_view(request: HttpRequest, public_id: str) -> HttpResponse:
    """The "show identity" button: decrypts and audits (identity.view) each time."""
    complaint = _visible(request, public_id)
    try:
        identity = actions.do_view_identity(complaint, actor=request.user, request=request)
    except NotPermitted as exc:
        return _detail(request, complaint, error=str(exc), status=403)
    return _detail(request, complaint, identity=identity)


@login_required
@permission_required("complaints.view_complaint", raise_exception=True)
def attachment(request: HttpRequest, public_id: str, pk: int) -> FileResponse:
    complaint = _visible(request, public_id)
    file = get_object_or_404(EventAttachment, pk=pk)
    if not events_for(complaint.matter).filter(pk=file.event_id).exists():
        raise Http404
    return FileResponse(file.file.open("rb"), as_attachment=True, filename=file.name)


def _filtered(request: HttpRequest, complaints, filters: forms.FilterForm):
    if filters.is_valid():
        data = filters.cleaned_data
        for field, lookup in (("state", "matter__state"), ("colour", "matter__colour"),
                              ("channel", "channel"), ("category", "category"),
                              ("satisfaction", "satisfaction")):
            if data.get(field):
                complaints = complaints.filter(**{lookup: data[field]})
        if data.get("attention"):
            complaints = complaints.filter(needs_attention=True)
    return complaints


@login_required
@permission_required("complaints.view_complaint", raise_exception=True)
def complaint_list(request: HttpRequest) -> HttpResponse:
    filters = forms.FilterForm(request.GET or None)
    complaints = _filtered(request, actions.visible_complaints(request.user), filters).select_related(
        "matter", "matter__unit", "matter__kind", "accused_unit")
    page = Paginator(complaints, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "complaints/list.html", {
        "page": page, "filters": filters, "query": query.urlencode(),
        "can_record": request.user.has_perm("complaints.record_complaint"),
        "attention": actions.visible_complaints(request.user).filter(needs_attention=True).count(),
        "staff": _is_staff(request.user),
    })


@login_required
@permission_required("complaints.view_complaint", raise_exception=True)
def inbox(request: HttpRequest) -> HttpResponse:
    """承办单位收件箱: the subtree's complaints now with the unit, unsigned first, by colour."""
    complaints = actions.visible_complaints(request.user).filter(
        matter__state__in=WITH_UNIT, matter__unit__isnull=False,
    ).select_related("matter", "matter__unit", "matter__kind").order_by(
        "-matter__signed_at", "matter__deadline", "pk")
    unsigned = [c for c in complaints if c.matter.signed_at is None]
    signed = [c for c in complaints if c.matter.signed_at is not None]
    can_sign = request.user.has_perm("matters.handle_matter") and not sees_all_units(request.user)
    return render(request, "complaints/inbox.html",
                  {"unsigned": unsigned, "signed": signed, "can_sign": can_sign})


@login_required
@permission_required("complaints.record_complaint", raise_exception=True)
def complaint_new(request: HttpRequest) -> HttpResponse:
    form = forms.IntakeForm(request.POST or None, request.FILES or None)
    error = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        kind = data.pop("kind")
        try:
            data["attachments"] = _files(request, data["attachments"])
            complaint, secret = actions.do_file_complaint(actor=request.user, kind_code=kind.code, **data)
        except (MatterError, actions.ComplaintError) as exc:
            error = str(exc)
        else:
            messages.success(request, _("Recorded as %(code)s; query secret for the reporter: %(secret)s")
                             % {"code": complaint.tracking_code, "secret": secret})
            return redirect(complaint)
    return render(request, "complaints/new.html", {"form": form, "error": error},
                  status=400 if error or form.errors else 200)
