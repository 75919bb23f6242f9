"""What the windows tell the bulletin (中心动态) and the leadership dashboard (xiaoneng/news.py).

Both use `figures.figures_by` / `figures.figures`, the functions of the figures page, the ranking
and the jinhu_2013 fixture. A window enters the newsletter draft when it had cases in the period;
the draft is prose in the newsletter's style ("46个建设项目均即时办结，客户实时评价满意率100%")
that an editor can rewrite, citing the window's figures page.
"""

from __future__ import annotations

import datetime

from django.urls import reverse

from xiaoneng.news import Citation, NewsDraft, Panel
from xiaoneng.org.access import visible_units
from xiaoneng.org.models import Unit
from xiaoneng.windows.figures import Figures, figures_by


def _percent(rate) -> str:
    value = rate.percent
    return "—" if value is None else f"{value.normalize():f}%"


def _sentence(unit: Unit, f: Figures) -> str:
    if f.completed and f.on_the_spot == f.completed:
        done = f"{f.completed}件办件均即时办结"
    else:
        done = (
            f"受理办件{f.cases}件，按时办结率{_percent(f.on_time_rate)}，即办率{_percent(f.on_the_spot_rate)}"
        )
    text = f"{unit.name}{done}，客户实时评价满意率{_percent(f.satisfaction_rate)}"
    if f.bad:
        text += f"，差评{f.bad}件、已整改{f.rectified}件"
    return text + "。"


def center_news(start: datetime.date, end: datetime.date) -> list[NewsDraft]:
    by_unit = figures_by("unit", start, end, today=end)
    if not by_unit:
        return []
    units = Unit.objects.in_bulk(list(by_unit))
    ordered = sorted(by_unit.values(), key=lambda f: (units[f.key].sort_order, units[f.key].code))
    total = sum(f.cases for f in ordered)
    query = f"?start={start:%Y-%m-%d}&end={end:%Y-%m-%d}"
    return [
        NewsDraft(
            key="windows.figures",
            title="窗口服务效能情况",
            text="".join(_sentence(units[f.key], f) for f in ordered),
            figures={
                "windows": len(ordered),
                "cases": total,
                "satisfied": sum(f.satisfied for f in ordered),
                "rated": sum(f.rated for f in ordered),
                "bad": sum(f.bad for f in ordered),
            },
            citations=[Citation(units[f.key].name, reverse("windows:figures") + query) for f in ordered],
        )
    ]


def dashboard_panels(start: datetime.date, end: datetime.date, user) -> list[Panel]:
    if not user.has_perm("windows.view_figures"):
        return []
    by_unit = figures_by("unit", start, end, units=visible_units(user), today=end)
    if not by_unit:
        return []
    units = Unit.objects.in_bulk(list(by_unit))
    rows = sorted(((units[k], f) for k, f in by_unit.items()), key=lambda r: (r[0].sort_order, r[0].code))
    return [
        Panel(
            key="windows.satisfaction",
            title="窗口满意率",
            headers=["窗口", "办件", "按时办结率", "满意率", "差评", "已整改"],
            rows=[
                [u.short_name, f.cases, str(f.on_time_rate), str(f.satisfaction_rate), f.bad, f.rectified]
                for u, f in rows
            ],
            chart="bar",
            series={"满意率": [(u.short_name, float(f.satisfaction_rate.percent or 0)) for u, f in rows]},
            note="满意率 = 非常满意、满意、基本满意 ÷ 已评价（含逾期未评视为满意）",
        )
    ]
