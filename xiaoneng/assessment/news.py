"""Leadership dashboard: the standings of the year the period ends in, per group (as the user
may see them: unit roles only their own rows)."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

from xiaoneng.assessment.models import AssessmentYear
from xiaoneng.news import Panel

SHOWN = 10


def dashboard_panels(start: datetime.date, end: datetime.date, user) -> list[Panel]:
    from xiaoneng.assessment.views import visible_standings

    ay = AssessmentYear.objects.filter(year=end.year).first()
    if ay is None or not user.has_perm("assessment.view_assessmentyear"):
        return []
    panels = []
    for i, group in enumerate(visible_standings(ay, user, None)):
        rows = [(r.rank, r.unit.name, r.score, r.deductions, r.bonuses) for r in group.rows[:SHOWN]]
        panels.append(
            Panel(
                key=f"assessment.standings.{i}",
                title=f"{ay.title} · {group.name}",
                headers=[_("Rank"), _("Unit"), _("Score"), _("Deductions"), _("Bonuses")],
                rows=rows,
                chart="bar",
                series={str(_("Score")): [(r.unit.short_name, float(r.score)) for r in group.rows[:SHOWN]]},
                note=_("First %(n)s of %(total)s units.")
                % {"n": min(SHOWN, len(group.rows)), "total": len(group.rows)},
            )
        )
    return panels
