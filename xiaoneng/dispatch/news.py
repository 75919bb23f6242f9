"""The leadership dashboard's 重复件率 panel (the news contract, xiaoneng/news.py)."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

from xiaoneng.dispatch.figures import months, repeat_rate
from xiaoneng.news import Panel


def dashboard_panels(start: datetime.date, end: datetime.date, user) -> list[Panel]:
    """County-wide counts: only for those who read complaints county-wide."""
    from xiaoneng.complaints.dashboard import can_view_dashboard

    if not can_view_dashboard(user):
        return []
    rows = [(f"{rate.start:%Y-%m}", rate.received, rate.repeats,
             "—" if rate.percent is None else f"{rate.percent}%") for rate in months(start, end)]
    total = repeat_rate(start, end)
    rows.append((_("Total"), total.received, total.repeats,
                 "—" if total.percent is None else f"{total.percent}%"))
    return [Panel(
        key="dispatch.repeat_rate", title=_("Repeat complaint rate"),
        headers=[_("Month"), _("Complaints received"), _("Marked as repeats"), _("Repeat rate")], rows=rows,
        chart="bar",
        series={_("Repeat rate"): [(f"{r.start:%Y-%m}", float(r.percent or 0)) for r in months(start, end)]},
        note=_("Repeats are complaints staff marked as duplicates of an earlier one."),
    )]
