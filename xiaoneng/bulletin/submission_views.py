"""供稿: a unit's liaison submits items; the editors edit, accept or return them.

A submitting user sees only their own unit's submissions: another unit's answers 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xiaoneng.bulletin import actions, forms
from xiaoneng.bulletin.models import Submission, SubmissionPhoto, SubmissionState


def _submission(request: HttpRequest, pk: int) -> Submission:
    if not request.user.has_perm("bulletin.view_submission"):
        raise PermissionDenied
    try:
        return actions.submission_for(request.user, pk)
    except Submission.DoesNotExist:
        raise Http404 from None


@login_required
def submission_list(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("bulletin.view_submission"):
        raise PermissionDenied
    submissions = actions.visible_submissions(request.user)
    state = request.GET.get("state", "")
    if state in SubmissionState.values:
        submissions = submissions.filter(state=state)
    page = Paginator(submissions, 25).get_page(request.GET.get("page"))
    return render(request, "bulletin/submissions.html", {
        "page": page, "submissions": page.object_list, "states": SubmissionState.choices, "state": state,
        "can_submit": actions.can_submit(request.user), "can_edit": actions.can_edit(request.user)})


@login_required
def submission_new(request: HttpRequest) -> HttpResponse:
    if not actions.can_submit(request.user):
        raise PermissionDenied
    form = forms.SubmissionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            submission = actions.do_submit(actor=request.user, issue=data["issue"], title=data["title"],
                                           text=data["text"], photos=data["photos"])
        except ValidationError as error:  # a photo refused by the sanitiser
            form.add_error("photos", error)
        except actions.BulletinError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your item was submitted to the editors."))
            return redirect(submission)
    return render(request, "bulletin/submission_form.html", {"form": form})


@login_required
def submission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _submission(request, pk)
    can_decide = (actions.can_edit(request.user) and submission.state == SubmissionState.SUBMITTED
                  and not submission.issue.is_published)
    return render(request, "bulletin/submission.html", {
        "submission": submission, "can_decide": can_decide, "photos": submission.photos.all(),
        "edit_form": forms.SubmissionEditForm(initial={"title": submission.title, "text": submission.text}),
        "return_form": forms.ReturnForm()})


@login_required
@require_POST
def submission_edit(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _submission(request, pk)
    if not actions.can_edit(request.user):
        raise PermissionDenied
    form = forms.SubmissionEditForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the item a title and a text."))
        return redirect(submission)
    try:
        actions.do_edit_submission(submission, actor=request.user, **form.cleaned_data)
    except actions.BulletinError as error:
        messages.error(request, str(error))
    return redirect(submission)


@login_required
@require_POST
def submission_accept(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _submission(request, pk)
    if not actions.can_edit(request.user):
        raise PermissionDenied
    try:
        actions.do_accept_submission(submission, actor=request.user)
    except actions.BulletinError as error:
        messages.error(request, str(error))
        return redirect(submission)
    messages.success(request, _("Accepted into %(issue)s.") % {"issue": submission.issue.issue_line})
    return redirect(submission.issue)


@login_required
@require_POST
def submission_return(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _submission(request, pk)
    if not actions.can_edit(request.user):
        raise PermissionDenied
    form = forms.ReturnForm(request.POST)
    try:
        actions.do_return_submission(submission, actor=request.user,
                                     reason=form.data.get("reason", ""))
    except actions.BulletinError as error:
        messages.error(request, str(error))
    return redirect(submission)


@login_required
def submission_photo(request: HttpRequest, pk: int, photo: int) -> FileResponse:
    submission = _submission(request, pk)
    item = get_object_or_404(SubmissionPhoto, pk=photo, submission=submission)
    return FileResponse(item.file.open("rb"), filename=item.file.name.rsplit("/", 1)[-1])
