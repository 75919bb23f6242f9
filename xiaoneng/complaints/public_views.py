"""The public portal (no account): file a complaint, follow it, rate it, read published results.

Every page can be embedded in the county government portal: `public_page` lifts Django's
X-Frame-Options and sends CSP frame-ancestors for the configured origins instead; `?embed=1`
drops the header and footer. The POST views are CSRF-exempt on purpose: inside a cross-site
frame the browser withholds the (SameSite) CSRF cookie, and these forms act with no one's
authority — the session is never used, the reporter is anonymous to them, and rating needs the
secret. Floods are stopped by the per-address rate limits instead.
"""

from __future__ import annotations

import logging

from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from xiaoneng.complaints import ratelimit, uploads
from xiaoneng.complaints.actions import (
    ComplaintError,
    do_file_complaint,
    do_rate_satisfaction,
    find_by_tracking,
    public_progress,
)
from xiaoneng.complaints.models import Complaint
from xiaoneng.complaints.public_forms import ComplaintForm, LookupForm, RatingForm
from xiaoneng.matters.models import State
from xiaoneng.matters.transitions import MatterError
from xiaoneng.web.public import public_page, render_public

log = logging.getLogger(__name__)
NOT_FOUND = _("No complaint matches this tracking code and query secret. Please check both and try again.")


def _render(request: HttpRequest, template: str, context: dict | None = None, status: int = 200):
    return render_public(request, f"complaints/public/{template}", context, status=status)


def _too_many(request: HttpRequest, scope: str) -> HttpResponse:
    response = _render(request, "429.html", status=429)
    response["Retry-After"] = str(ratelimit.retry_after(scope))
    return response


@require_GET
@public_page
def home(request: HttpRequest) -> HttpResponse:
    return _render(request, "home.html")


@csrf_exempt
@require_http_methods(["GET", "POST"])
@public_page
def complaint_new(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _render(request, "complaint_form.html", {
            "form": ComplaintForm(), "form_token": uploads.new_form_token(), "staged": [],
            "max_files": uploads.max_attachments()})
    form = ComplaintForm(request.POST)
    token = request.POST.get("form_token")
    if not uploads.valid_token(token):
        token = uploads.new_form_token()
    if ratelimit.hit(request, "submit"):
        # Even then nothing typed is lost: the form comes back filled in, files not yet taken.
        response = _render(request, "complaint_form.html", {
            "form": form, "form_token": token, "staged": uploads.staged_files(token),
            "rate_limited": True, "max_files": uploads.max_attachments()}, status=429)
        response["Retry-After"] = str(ratelimit.retry_after("submit"))
        return response
    for key in request.POST.getlist("drop"):
        uploads.drop_staged(token, key)
    upload_errors = _stage_uploads(request, token)
    if form.is_valid() and not upload_errors:
        data = form.cleaned_data
        try:
            complaint, secret = do_file_complaint(
                category=data["category"], scope=data["scope"], description=data["description"],
                accused_unit=data["accused_unit"], occurred_on=data["occurred_on"],
                anonymous=data["anonymous"], name=data["name"], phone=data["phone"],
                attachments=uploads.staged_contents(token), request=request,
            )
        except ComplaintError as error:
            form.add_error(None, error.message)
        else:
            uploads.clear_staging(token)
            return _render(request, "complaint_filed.html", {"complaint": complaint, "secret": secret})
    return _render(request, "complaint_form.html", {
        "form": form, "form_token": token, "staged": uploads.staged_files(token),
        "upload_errors": upload_errors, "max_files": uploads.max_attachments()})


def _stage_uploads(request: HttpRequest, token: str) -> list[str]:
    """Sanitise and stage the files of this post; return the reasons for those refused."""
    errors = []
    files = [f for f in request.FILES.getlist("attachments") if getattr(f, "name", "")]
    room = uploads.max_attachments() - len(uploads.staged_files(token))
    for uploaded in files:
        if room <= 0:
            errors.append(gettext("%(name)s: at most %(max)d attachments.") % {
                "name": uploaded.name[:80], "max": uploads.max_attachments()})
            continue
        try:
            uploads.stage(token, uploads.sanitise_upload(uploaded))
        except uploads.UploadRejected as rejected:
            errors.append(f"{uploaded.name[:80]}: {rejected.messages[0]}")
        else:
            room -= 1
    return errors


@csrf_exempt
@require_http_methods(["GET", "POST"])
@public_page
def status(request: HttpRequest) -> HttpResponse:
    """The reporter's look-up: POST only, so the secret stays out of URLs and access logs."""
    if request.method == "GET":
        return _render(request, "status.html", {"form": LookupForm()})
    if ratelimit.hit(request, "lookup"):
        return _too_many(request, "lookup")
    form = LookupForm(request.POST)
    complaint = None
    if form.is_valid():
        complaint = find_by_tracking(form.cleaned_data["tracking_code"], form.cleaned_data["secret"])
        if complaint is None:
            form.add_error(None, NOT_FOUND)
    return _status_page(request, form, complaint)


def _status_page(request: HttpRequest, form, complaint: Complaint | None, message: str = "",
                 rating_form: RatingForm | None = None) -> HttpResponse:
    context = {"form": form, "complaint": complaint, "message": message}
    if complaint is not None:
        context["steps"] = public_progress(complaint)
        context["can_rate"] = complaint.matter.state == State.CLOSED and not complaint.satisfaction
        context["rating_form"] = rating_form or RatingForm(initial={
            "tracking_code": form.cleaned_data["tracking_code"], "secret": form.cleaned_data["secret"]})
    return _render(request, "status.html", context)


@csrf_exempt
@require_POST
@public_page
def rate(request: HttpRequest) -> HttpResponse:
    """回访: the reporter's satisfaction, once the complaint is closed, once."""
    if ratelimit.hit(request, "lookup"):
        return _too_many(request, "lookup")
    form = RatingForm(request.POST)
    lookup = LookupForm(request.POST)
    if not lookup.is_valid():
        return _status_page(request, lookup, None)
    complaint = find_by_tracking(lookup.cleaned_data["tracking_code"], lookup.cleaned_data["secret"])
    if complaint is None:
        lookup.add_error(None, NOT_FOUND)
        return _status_page(request, lookup, None)
    if not form.is_valid():
        return _status_page(request, lookup, complaint, rating_form=form)
    try:
        complaint = do_rate_satisfaction(complaint, rating=form.cleaned_data["rating"])
    except (ComplaintError, MatterError) as error:
        return _status_page(request, lookup, complaint, message=str(error))
    return _status_page(request, lookup, complaint, message=gettext("Thank you: your rating was recorded."))


def published() -> QuerySet[Complaint]:
    return (Complaint.objects.filter(is_public=True).exclude(public_summary="")
            .select_related("matter", "accused_unit").order_by("-created_at", "-pk"))


@require_GET
@public_page
def notice_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(published(), 20).get_page(request.GET.get("page"))
    return _render(request, "notice_list.html", {"page": page})


@require_GET
@public_page
def notice_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    complaint = published().filter(matter__public_id=public_id).first()
    if complaint is None:
        raise Http404
    return _render(request, "notice_detail.html", {"complaint": complaint})


class NoticeFeed(Feed):
    """Atom feed of the complaints the center published: summaries only, never a reporter."""

    feed_type = Atom1Feed
    title = _("Published complaints")
    subtitle = _("Complaints the County Efficiency Center decided to publish, with their outcome.")

    def link(self) -> str:
        return reverse("public:notice_list")

    def items(self):
        return published()[:50]

    def item_title(self, item: Complaint) -> str:
        unit = item.accused_unit.name if item.accused_unit else ""
        return " · ".join(part for part in (item.get_category_display(), unit) if part)

    def item_description(self, item: Complaint) -> str:
        return item.public_summary

    def item_link(self, item: Complaint) -> str:
        return reverse("public:notice_detail", args=[item.matter.public_id])

    def item_pubdate(self, item: Complaint):
        return item.created_at

    def item_updateddate(self, item: Complaint):
        return item.matter.closed_at or item.created_at


notice_feed = require_GET(public_page(NoticeFeed()))
