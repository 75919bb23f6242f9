"""What service achievements tell the bulletin (中心动态) about a period: for every quarter whose
declarations reached the center within it, the newsletter's paragraph with its figures, the same
quarter a year earlier, and the typical achievements it counted."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

from xiaoneng.achievements.figures import QUARTER_NAMES, with_last_year
from xiaoneng.achievements.models import Declaration, DeclarationState
from xiaoneng.news import Citation, NewsDraft


def _quarters(start: datetime.date, end: datetime.date) -> list[tuple[int, int]]:
    rows = (
        Declaration.objects.filter(declared_at__date__range=(start, end))
        .values_list("year", "quarter")
        .distinct()
        .order_by("year", "quarter")
    )
    return list(rows)


def center_news(start: datetime.date, end: datetime.date) -> list[NewsDraft]:
    drafts = []
    for year, quarter in _quarters(start, end):
        now, before = with_last_year(year, quarter)
        figures = {
            "units_declared": now.units_declared,
            "declared": now.declared,
            "units_selected": now.units_selected,
            "selected": now.selected,
        }
        previous = {
            "units_declared": before.units_declared,
            "declared": before.declared,
            "units_selected": before.units_selected,
            "selected": before.selected,
        }
        text = (
            _(
                "The county efficiency center verified and screened the %(declared)s service achievements "
                "declared by %(units_declared)s units, selected %(selected)s typical ones from "
                "%(units_selected)s units for the city's “ten practical things” contest, and displayed "
                "them to the public on the county government website for supervision."
            )
            % figures
        )
        selected = (
            Declaration.objects.filter(year=year, quarter=quarter, state=DeclarationState.SELECTED)
            .select_related("unit")
            .order_by("unit__sort_order", "pk")
        )
        drafts.append(
            NewsDraft(
                key="achievements.quarterly",
                title=_("Declaring the service achievements of the %(quarter)s quarter")
                % {"quarter": QUARTER_NAMES[quarter]},
                text=text,
                figures=figures,
                previous=previous,
                citations=[
                    Citation(f"{d.unit.short_name}：{d.title}", d.get_absolute_url()) for d in selected
                ],
            )
        )
    return drafts
