"""/inspections/<campaign>/report/: the campaign's figures, its briefing paragraph, and their exports.

Whoever may open the campaign may open its report; an inspected unit (after closing) gets the
figures about its own subtree only, as it sees only its own findings and suggestions.
"""

from __future__ import annotations

import io

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from xiaoneng.audit.log import record
from xiaoneng.inspections import access, report
from xiaoneng.inspections.models import Campaign, Finding, FindingState

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _context(request: HttpRequest, public_id: str) -> dict:
    campaign = get_object_or_404(Campaign.objects.select_related("organiser_unit"), public_id=public_id)
    level = access.standing(request.user, campaign)
    if level is access.Standing.NONE:
        # Secret campaigns are not confirmed to exist: the same answer as an unknown number.
        raise Http404
    within = request.user.unit if level is access.Standing.INSPECTED else None
    today = timezone.localdate()
    figures = report.figures(campaign, today, within)
    findings = list(access.visible_findings(request.user, campaign).order_by("unit__path", "occurred_at"))
    for finding in findings:
        finding.is_overdue = _overdue(finding, today)
    return {
        "campaign": campaign, "figures": figures, "today": today,
        "summary": report.summary(campaign, figures, within),
        "findings": findings,
        "suggestions": access.visible_suggestions(request.user, campaign).order_by("unit__path", "pk"),
    }


def _overdue(finding: Finding, today) -> bool:
    matter = finding.matter
    return (matter is not None and matter.red_on is not None and matter.red_on <= today
            and matter.state not in report.CLOSED_MATTER_STATES
            and finding.state not in (FindingState.RESOLVED, FindingState.DISMISSED))


@login_required
def report_view(request: HttpRequest, public_id: str) -> HttpResponse:
    return render(request, "inspections/report/report.html", _context(request, public_id))


@login_required
def report_print(request: HttpRequest, public_id: str) -> HttpResponse:
    return render(request, "inspections/report/print.html", _context(request, public_id))


@login_required
def report_xlsx(request: HttpRequest, public_id: str) -> HttpResponse:
    context = _context(request, public_id)
    campaign = context["campaign"]
    record("export", request=request, target=campaign, detail={"what": "inspection campaign report"})
    response = HttpResponse(workbook(context), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="campaign-{campaign.public_id}.xlsx"'
    return response


def workbook(context: dict) -> bytes:
    """Three sheets: the figures with the paragraph, then the findings and suggestions shown."""
    import openpyxl
    from openpyxl.cell import WriteOnlyCell

    book = openpyxl.Workbook(write_only=True)

    def row(sheet, *values) -> None:
        cells = []
        for value in values:
            cell = WriteOnlyCell(sheet, value="" if value is None else value)
            if isinstance(value, str):
                cell.data_type = "s"  # typed text is never read as a formula
            cells.append(cell)
        sheet.append(cells)

    campaign, figures = context["campaign"], context["figures"]
    sheet = book.create_sheet(_("Figures"))
    row(sheet, _("Campaign"), campaign.title)
    row(sheet, _("Kind"), str(campaign.get_kind_display()))
    row(sheet, _("Organiser"), campaign.organiser_unit.name)
    row(sheet, _("Dates"), f"{campaign.starts_on:%Y-%m-%d} – {campaign.ends_on:%Y-%m-%d}")
    for label, value in figure_rows(figures):
        row(sheet, label, value)
    row(sheet, _("Summary for the briefing"), context["summary"])
    sheet = book.create_sheet(_("Findings"))
    row(sheet, _("Unit"), _("What was found"), _("Where"), _("When"), _("State"), _("Matter"),
        _("Deadline"), _("Overdue"))
    for finding in context["findings"]:
        matter = finding.matter
        row(sheet, finding.unit.name, finding.what, finding.where,
            f"{timezone.localtime(finding.occurred_at):%Y-%m-%d %H:%M}", str(finding.get_state_display()),
            matter.public_id if matter else "",
            f"{matter.deadline:%Y-%m-%d}" if matter and matter.deadline else "",
            _("yes") if finding.is_overdue else "")
    sheet = book.create_sheet(_("Suggestions"))
    row(sheet, _("Unit"), _("Suggestion"), _("State"), _("Reason for declining"))
    for suggestion in context["suggestions"]:
        row(sheet, suggestion.unit.name, suggestion.text, str(suggestion.get_state_display()),
            suggestion.decline_reason)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def figure_rows(figures: report.Figures) -> list[tuple[str, int]]:
    return [
        (_("Inspection groups"), figures.groups), (_("Members"), figures.members),
        (_("Units visited"), figures.units_visited), (_("Findings (problem leads)"), figures.findings),
        (_("Handed over to units"), figures.handed_over), (_("Resolved"), figures.resolved),
        (_("Dismissed"), figures.dismissed), (_("Overdue"), figures.overdue),
        (_("Suggestions"), figures.suggestions), (_("Adopted"), figures.adopted),
        (_("Declined"), figures.declined), (_("Awaiting an answer"), figures.suggestions_open),
    ]
