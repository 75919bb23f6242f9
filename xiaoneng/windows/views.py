"""Staff screens: the live board, cases (receive, complete with a rating slip, detail).

Every lookup is scoped with `scope_to_user`: another unit's case answers 404. Applicants'
names are shown only to holders of windows.view_applicant, and each such view is audited.
"""

from __future__ import annotations

import io

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from xiaoneng.audit.log import record
from xiaoneng.matters import clock
from xiaoneng.matters.deadlines import Colour
from xiaoneng.org.access import scope_to_user, visible_units
from xiaoneng.org.models import Target, UnitKind
from xiaoneng.trace.chain import events_for
from xiaoneng.windows import actions
from xiaoneng.windows.models import CaseState, Consultation, ServiceCase, ServiceItem

PAGE = 50
BOARD_ROWS = 50


def error_response(request: HttpRequest, exc: actions.WindowError) -> None:
    if isinstance(exc, actions.WindowNotFound):
        raise Http404
    messages.error(request, exc.message)


def visible_windows(user):
    return visible_units(user).filter(kind=UnitKind.WINDOW).order_by("sort_order", "code")


def scoped_cases(user):
    return scope_to_user(ServiceCase.objects.all(), user)


def board_data(user) -> dict:
    """Open cases per window and colour (one grouped query answered from an index) and the
    red, then yellow cases themselves, each by deadline."""
    open_cases = scoped_cases(user).filter(state=CaseState.RECEIVED)
    counts = {}
    for row in open_cases.values("unit_id", "colour").order_by().annotate(n=Count("id")):
        counts.setdefault(row["unit_id"], {})[row["colour"]] = row["n"]
    windows = list(visible_windows(user).filter(pk__in=list(counts)))
    rows = [
        {
            "unit": w,
            "green": counts[w.pk].get(Colour.GREEN, 0),
            "yellow": counts[w.pk].get(Colour.YELLOW, 0),
            "red": counts[w.pk].get(Colour.RED, 0),
        }
        for w in windows
    ]
    urgent = []
    for colour in (Colour.RED, Colour.YELLOW):  # one ordered index range each, not a sort of all open
        if len(urgent) < BOARD_ROWS:
            urgent += (
                open_cases.filter(colour=colour)
                .select_related("item", "unit")
                .order_by("deadline", "pk")[: BOARD_ROWS - len(urgent)]
            )
    return {"rows": rows, "urgent": urgent, "today": clock.today()}


@login_required
@permission_required("windows.view_servicecase", raise_exception=True)
def index(request: HttpRequest) -> HttpResponse:
    """The live board: the page polls board_rows every 30 seconds."""
    return render(request, "windows/board.html", board_data(request.user))


@login_required
@permission_required("windows.view_servicecase", raise_exception=True)
def board_rows(request: HttpRequest) -> HttpResponse:
    return render(request, "windows/_board_rows.html", board_data(request.user))


class CaseFilter(forms.Form):
    unit = forms.ModelChoiceField(queryset=None, required=False, label=gettext_lazy("Window"))
    state = forms.ChoiceField(
        choices=[("", "—"), *CaseState.choices], required=False, label=gettext_lazy("State")
    )
    colour = forms.ChoiceField(
        choices=[("", "—"), *Colour.choices], required=False, label=gettext_lazy("Warning")
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = visible_windows(user)


@login_required
@permission_required("windows.view_servicecase", raise_exception=True)
def case_list(request: HttpRequest) -> HttpResponse:
    form = CaseFilter(request.user, request.GET or None)
    cases = scoped_cases(request.user).select_related("item", "unit", "staff")
    if form.is_valid():
        data = form.cleaned_data
        if data["unit"]:
            cases = cases.filter(unit=data["unit"])
        if data["state"]:
            cases = cases.filter(state=data["state"])
        if data["colour"]:
            cases = cases.filter(colour=data["colour"], state=CaseState.RECEIVED)
    page = Paginator(cases.order_by("-received_at", "-pk"), PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "windows/case_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "can_record": request.user.has_perm("windows.record_case"),
        },
    )


class CaseForm(forms.Form):
    item = forms.ModelChoiceField(queryset=None, label=gettext_lazy("Service item"))
    applicant_name = forms.CharField(max_length=60, label=gettext_lazy("Applicant"))
    applicant_phone = forms.CharField(max_length=32, required=False, label=gettext_lazy("Applicant phone"))
    enterprise = forms.ModelChoiceField(
        queryset=Target.objects.order_by("name"), required=False, label=gettext_lazy("Enterprise")
    )
    consultation = forms.ModelChoiceField(
        queryset=None, required=False, label=gettext_lazy("Pre-application consultation")
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = scope_to_user(ServiceItem.objects.filter(is_active=True), user)
        self.fields["consultation"].queryset = scope_to_user(
            Consultation.objects.filter(case__isnull=True), user
        ).order_by("-held_on")


@login_required
@permission_required("windows.record_case", raise_exception=True)
def case_new(request: HttpRequest) -> HttpResponse:
    form = CaseForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = actions.do_receive_case(
                data["item"],
                actor=request.user,
                applicant_name=data["applicant_name"],
                applicant_phone=data["applicant_phone"],
                enterprise=data["enterprise"],
                consultation=data["consultation"],
            )
        except actions.WindowError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Case %(number)s received.") % {"number": case.number})
            return redirect(case)
    return render(request, "windows/case_new.html", {"form": form}, status=400 if form.errors else 200)


def _case(request: HttpRequest, public_id: str) -> ServiceCase:
    return get_object_or_404(
        scoped_cases(request.user).select_related("item", "unit", "staff", "enterprise"), public_id=public_id
    )


@login_required
@permission_required("windows.view_servicecase", raise_exception=True)
def case_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    case = _case(request, public_id)
    show_applicant = request.user.has_perm("windows.view_applicant")
    if show_applicant:
        record("windows.applicant_view", request=request, target=case, detail={"case": case.number})
    rating = getattr(case, "rating", None) if case.rating_level is not None else None
    return render(
        request,
        "windows/case_detail.html",
        {
            "case": case,
            "show_applicant": show_applicant,
            "rating": rating,
            "events": events_for(case),
            "today": clock.today(),
            "consultations": case.consultations.all(),
            "can_record": request.user.has_perm("windows.record_case"),
        },
    )


def qr_svg(url: str) -> str:
    """An inline SVG QR code made on the server (segno), for the slip and the counter screen."""
    import segno

    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="svg", scale=5, border=2, xmldecl=False, svgns=True)
    return out.getvalue().decode()


def _slip(request: HttpRequest, case: ServiceCase, token: str) -> HttpResponse:
    url = request.build_absolute_uri(reverse("public_windows:rate", args=[token]))
    response = render(request, "windows/rating_slip.html", {"case": case, "url": url, "qr": qr_svg(url)})
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@login_required
@permission_required("windows.record_case", raise_exception=True)
def case_complete(request: HttpRequest, public_id: str) -> HttpResponse:
    """办结: the response is the rating slip (link and QR code), shown once."""
    case = _case(request, public_id)
    try:
        case, token = actions.do_complete_case(case, actor=request.user)
    except actions.WindowError as exc:
        error_response(request, exc)
        return redirect(case)
    return _slip(request, case, token)


@require_POST
@login_required
@permission_required("windows.record_case", raise_exception=True)
def case_new_link(request: HttpRequest, public_id: str) -> HttpResponse:
    case = _case(request, public_id)
    try:
        token = actions.do_new_rating_token(case, actor=request.user)
    except actions.WindowError as exc:
        error_response(request, exc)
        return redirect(case)
    return _slip(request, case, token)
