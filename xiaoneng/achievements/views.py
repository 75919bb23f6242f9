"""Staff screens of service achievements: the quarter's list and figures, declaring, the head's
approval, the center's verification, selection, the package to the city, 公示 periods and the
moderation of public comments.

Unit roles see only their own subtree's declarations; another unit's answers 404, never 403.
"""

from __future__ import annotations

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xiaoneng.achievements import actions, figures, forms, package
from xiaoneng.achievements.models import (
    CommentState,
    Declaration,
    DeclarationState,
    DisplayPeriod,
    PublicComment,
)
from xiaoneng.audit.log import record as audit
from xiaoneng.org.access import scope_to_user
from xiaoneng.trace.models import EventAttachment

VIEW = "achievements.view_declaration"
SCREEN = "achievements.screen_declaration"
PAGE_SIZE = 50


def _quarter(request: HttpRequest) -> tuple[int, int]:
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year") or today.year)
        quarter = int(request.GET.get("quarter") or (today.month - 1) // 3 + 1)
    except ValueError:
        raise Http404 from None
    if not (2000 <= year <= 2100 and 1 <= quarter <= 4):
        raise Http404
    return year, quarter


@login_required
@permission_required(VIEW, raise_exception=True)
def index(request: HttpRequest) -> HttpResponse:
    year, quarter = _quarter(request)
    rows = scope_to_user(Declaration.objects.filter(year=year, quarter=quarter), request.user).select_related(
        "unit"
    )
    state = request.GET.get("state", "")
    if state in DeclarationState.values:
        rows = rows.filter(state=state)
    now, before = figures.with_last_year(year, quarter)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "achievements/index.html",
        {
            "year": year,
            "quarter": quarter,
            "page": page,
            "states": DeclarationState.choices,
            "state": state,
            "query": f"year={year}&quarter={quarter}&state={state}",
            "now": now,
            "before": before,
            "sentence": figures.sentence(now),
            "sentence_before": figures.sentence(before),
            "change": figures.change(now.declared, before.declared),
            "period": DisplayPeriod.objects.filter(year=year, quarter=quarter).first(),
            "can_declare": request.user.has_perm("achievements.declare_achievement") and request.user.unit,
            "can_screen": request.user.has_perm(SCREEN),
            "pending_comments": PublicComment.objects.filter(state=CommentState.PENDING).count()
            if request.user.has_perm("achievements.moderate_comment")
            else 0,
            "display_form": forms.DisplayForm(initial={"year": year, "quarter": quarter}),
        },
    )


@login_required
@permission_required("achievements.declare_achievement", raise_exception=True)
def declaration_new(request: HttpRequest) -> HttpResponse:
    if request.user.unit is None:
        raise PermissionDenied
    today = timezone.localdate()
    form = forms.DeclarationForm(
        request.POST or None,
        request.FILES or None,
        initial={"year": today.year, "quarter": (today.month - 1) // 3 + 1},
    )
    if request.method == "POST" and form.is_valid():
        try:
            declaration = actions.do_create_declaration(
                actor=request.user, unit=request.user.unit, **form.cleaned_data
            )
        except actions.AchievementError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Saved."))
            return redirect(declaration)
    return render(
        request, "achievements/form.html", {"form": form, "heading": _("Declare a service achievement")}
    )


def _declaration(request: HttpRequest, public_id: str) -> Declaration:
    if not request.user.has_perm(VIEW):
        raise PermissionDenied
    return get_object_or_404(
        scope_to_user(Declaration.objects.select_related("unit", "created_by"), request.user),
        public_id=public_id,
    )


def evidence_files(declaration: Declaration) -> QuerySet[EventAttachment]:
    return (
        EventAttachment.objects.filter(
            event__content_type=ContentType.objects.get_for_model(Declaration),
            event__object_id=declaration.pk,
        )
        .select_related("event")
        .order_by("pk")
    )


def _detail(request: HttpRequest, declaration: Declaration, **extra) -> HttpResponse:
    user = request.user
    own = user.unit is not None and declaration.unit.is_within(user.unit)
    state = declaration.state
    context = {
        "declaration": declaration,
        "files": evidence_files(declaration),
        "comments": declaration.comments.select_related("moderated_by") if user.has_perm(SCREEN) else [],
        "can_submit": own
        and state == DeclarationState.DRAFT
        and user.has_perm("achievements.declare_achievement"),
        "can_approve": own
        and state == DeclarationState.SUBMITTED
        and user.has_perm("achievements.approve_declaration"),
        "can_verify": state == DeclarationState.DECLARED and user.has_perm(SCREEN),
        "can_select": state == DeclarationState.VERIFIED and user.has_perm(SCREEN),
        "can_result": state == DeclarationState.SELECTED and user.has_perm(SCREEN),
        "reason_form": forms.ReasonForm(),
        "evidence_form": forms.EvidenceForm(),
        "city_form": forms.CityResultForm(),
        "award_form": forms.AwardForm(),
    }
    context["can_add_evidence"] = context["can_submit"] or (own and state == DeclarationState.SUBMITTED)
    context.update(extra)
    return render(request, "achievements/detail.html", context)


@login_required
def detail(request: HttpRequest, public_id: str) -> HttpResponse:
    return _detail(request, _declaration(request, public_id))


def _call(request: HttpRequest, declaration: Declaration, action: str):
    """The action's call with its form's cleaned data, or the invalid form."""
    user, post = request.user, request.POST
    simple = {
        "submit": lambda: actions.do_submit_declaration(declaration, actor=user),
        "approve": lambda: actions.do_approve_declaration(declaration, actor=user),
        "verify": lambda: actions.do_verify_declaration(declaration, actor=user, verified=True),
        "select": lambda: actions.do_select_declaration(declaration, actor=user),
    }
    if action in simple:
        return simple[action], None
    if action in ("return", "reject"):
        form = forms.ReasonForm(post)
        if action == "return":
            return (
                lambda: actions.do_approve_declaration(
                    declaration, actor=user, approve=False, reason=form.cleaned_data["reason"]
                )
            ), form
        return (
            lambda: actions.do_verify_declaration(
                declaration, actor=user, verified=False, reason=form.cleaned_data["reason"]
            )
        ), form
    if action == "evidence":
        form = forms.EvidenceForm(post, request.FILES)
        return (lambda: actions.do_add_evidence(declaration, actor=user, **form.cleaned_data)), form
    if action == "city_result":
        form = forms.CityResultForm(post)
        return (lambda: actions.do_record_city_result(declaration, actor=user, **form.cleaned_data)), form
    if action == "award":
        form = forms.AwardForm(post)
        return (lambda: actions.do_award_year_end(declaration, actor=user, **form.cleaned_data)), form
    raise Http404


ACTION_PERMS = {
    "submit": "achievements.declare_achievement",
    "evidence": "achievements.declare_achievement",
    "approve": "achievements.approve_declaration",
    "return": "achievements.approve_declaration",
    "verify": SCREEN,
    "reject": SCREEN,
    "select": SCREEN,
    "city_result": SCREEN,
    "award": SCREEN,
}


@login_required
@require_POST
def act(request: HttpRequest, public_id: str, action: str) -> HttpResponse:
    declaration = _declaration(request, public_id)
    if action not in ACTION_PERMS:
        raise Http404
    if not request.user.has_perm(ACTION_PERMS[action]):
        raise PermissionDenied
    call, form = _call(request, declaration, action)
    if form is not None and not form.is_valid():
        return _detail(request, declaration, failed=action, failed_form=form)
    try:
        call()
    except actions.NotPermitted as error:
        raise PermissionDenied(str(error)) from error
    except actions.AchievementError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Saved."))
    return redirect(declaration)


@login_required
def evidence(request: HttpRequest, public_id: str, pk: int) -> FileResponse:
    declaration = _declaration(request, public_id)
    file = get_object_or_404(evidence_files(declaration), pk=pk)
    return FileResponse(file.file.open("rb"), filename=file.name)


@login_required
@permission_required(SCREEN, raise_exception=True)
def package_download(request: HttpRequest, year: int, quarter: int) -> FileResponse:
    """The zip sent to the city (list + evidence); the export is audited."""
    if not 1 <= quarter <= 4:
        raise Http404
    data, count = package.package_bytes(year, quarter)
    audit(
        "achievements.package_exported",
        actor=request.user,
        request=request,
        detail={"year": year, "quarter": quarter, "achievements": count},
    )
    return FileResponse(
        io.BytesIO(data),
        as_attachment=True,
        content_type="application/zip",
        filename=_("service-achievements-%(year)s-Q%(quarter)s.zip") % {"year": year, "quarter": quarter},
    )


@login_required
@permission_required(SCREEN, raise_exception=True)
@require_POST
def display_new(request: HttpRequest) -> HttpResponse:
    form = forms.DisplayForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.do_open_display(actor=request.user, request=request, **data)
        except actions.AchievementError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Saved."))
        return redirect(f"{reverse('achievements:index')}?year={data['year']}&quarter={data['quarter']}")
    messages.error(request, _("Please correct the dates of the display period."))
    return redirect("achievements:index")


@login_required
@permission_required("achievements.moderate_comment", raise_exception=True)
def comments(request: HttpRequest) -> HttpResponse:
    state = request.GET.get("state") or CommentState.PENDING
    rows = PublicComment.objects.filter(state=state).select_related("declaration__unit", "moderated_by")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "achievements/comments.html",
        {
            "page": page,
            "state": state,
            "states": CommentState.choices,
            "query": f"state={state}",
            "form": forms.ModerateForm(),
        },
    )


@login_required
@permission_required("achievements.moderate_comment", raise_exception=True)
@require_POST
def moderate(request: HttpRequest, pk: int) -> HttpResponse:
    comment = get_object_or_404(PublicComment, pk=pk)
    form = forms.ModerateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose show or hide."))
        return redirect("achievements:comments")
    data = form.cleaned_data
    try:
        actions.do_moderate_comment(
            comment,
            actor=request.user,
            show=data["decision"] == "show",
            reason=data["reason"],
            text=data["text"] or None,
        )
    except actions.AchievementError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Saved."))
    return redirect("achievements:comments")
