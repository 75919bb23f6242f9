"""The leadership dashboard (with a period picker), its table downloads and the PDF report.

County-wide readers only (reports.dashboard.can_view); everyone else gets 403: a unit's own
figures are in its lists, a county league table is not for unit roles.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from xiaoneng.audit.log import record
from xiaoneng.documents.fonts import FontMissing
from xiaoneng.documents.models import issuer_name
from xiaoneng.reports import dashboard, periods
from xiaoneng.reports.pdf import write_report
from xiaoneng.web.exports import _disposition, csv_response, xlsx_response


def _viewer(request: HttpRequest) -> None:
    if not dashboard.can_view(request.user):
        raise PermissionDenied


def _period(request: HttpRequest) -> periods.Period:
    """?period=2026-Q3 | 2026-09 | 2026, or ?start=&end=; the current quarter by default."""
    code = request.GET.get("period", "")
    if code:
        try:
            return periods.parse(code)
        except periods.BadPeriod:
            pass
    start, end = parse_date(request.GET.get("start") or ""), parse_date(request.GET.get("end") or "")
    if start and end:
        return periods.Period.custom(start, end)
    return periods.current_quarter(timezone.localdate())


@login_required
def index(request: HttpRequest) -> HttpResponse:
    _viewer(request)
    period = _period(request)
    today = timezone.localdate()
    choices = periods.recent(today)
    return render(request, "reports/index.html", {
        "period": period, "panels": dashboard.shown(period.start, period.end, request.user),
        "choices": choices, "query": request.GET.urlencode()})


@login_required
def export(request: HttpRequest, key: str, fmt: str) -> HttpResponse:
    _viewer(request)
    period = _period(request)
    panel = dashboard.find(period.start, period.end, request.user, key)
    if panel is None or fmt not in ("xlsx", "csv"):
        raise Http404
    record("reports.exported", request=request, detail={"panel": key, "format": fmt,
                                                        "start": str(period.start), "end": str(period.end)})
    name = f"{panel.title}_{period.start:%Y%m%d}-{period.end:%Y%m%d}.{fmt}"
    headers = [str(h) for h in panel.headers]
    if fmt == "xlsx":
        return xlsx_response(name, headers, panel.rows, sheet=str(panel.title))
    return csv_response(name, headers, panel.rows)


@login_required
def report_pdf(request: HttpRequest) -> HttpResponse:
    _viewer(request)
    period = _period(request)
    try:
        data = write_report(dashboard.panels(period.start, period.end, request.user), period,
                            title=_("Efficiency report"), editor=issuer_name())
    except FontMissing as error:
        return HttpResponse(str(error), status=503, content_type="text/plain; charset=utf-8")
    record("reports.exported", request=request, detail={"format": "pdf", "period": period.code})
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = _disposition(f"report-{period.code or period.start}.pdf")
    return response
